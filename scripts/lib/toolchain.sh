# shellcheck shell=bash
# Installs, when missing, the tools nidan's scripts need, and tells them where
# they are. Source it (it works under `set -euo pipefail`) and call:
#
#   ensure_apt PKG...                 Debian packages
#   ensure_nostd_rust                 a Rust that builds wasm32 and no-std targets
#   build_core_nostd [CRATE_DIR]      proves the core crate (default core/) is no_std
#   ensure_wasm_bindgen [VERSION]     wasm-bindgen CLI, default from wasm-bindgen.version
#   ensure_cargo_tool NAME [ARGS...]  `cargo install NAME ARGS...` unless NAME is on PATH
#   ensure_chromium                   /usr/bin/chromium, for browser tests
#
# Each checks first, so calling it again costs well under a second.
# ensure_nostd_rust exports what building for wasm needs:
#   NIDAN_WASM_CARGO       the cargo to run
#   NIDAN_WASM_RUSTC       the rustc it uses
#   NIDAN_WASM_ENV         VAR=value words to put before it with `env`, or empty
#   NIDAN_BUILD_STD_FLAGS  -Zbuild-std=... when std must be built from source, or empty
#   NIDAN_NOSTD_TARGET     a target without std (thumbv7em-none-eabihf)
# and a build then reads (the two variables are unquoted on purpose):
#   env $NIDAN_WASM_ENV "$NIDAN_WASM_CARGO" build --target wasm32-unknown-unknown \
#       $NIDAN_BUILD_STD_FLAGS --target-dir target/wasm --release -p nidan-wasm

NIDAN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NIDAN_APT_UPDATED=${NIDAN_APT_UPDATED:-}
# `cargo install` puts tools here: a fresh shell may not have it on PATH.
case ":$PATH:" in
    *":${CARGO_HOME:-$HOME/.cargo}/bin:"*) ;;
    *) PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH" ;;
esac

# Runs "$@" and logs how long it took (installs are what make CI slow).
_nidan_timed() {
    local start=$SECONDS status=0
    "$@" || status=$?
    echo "toolchain.sh: $* took $((SECONDS - start))s" >&2
    return "$status"
}

# Prints those of the Debian packages PKG... that are not installed.
_nidan_apt_missing() {
    local pkg
    for pkg in "$@"; do
        [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] \
            || echo "$pkg"
    done
}

ensure_apt() {
    local missing sudo=
    missing=$(_nidan_apt_missing "$@")
    [ -n "$missing" ] || return 0
    [ "$(id -u)" = 0 ] || sudo=sudo
    if [ -z "$NIDAN_APT_UPDATED" ]; then
        _nidan_timed $sudo apt-get update -qq
        NIDAN_APT_UPDATED=1
    fi
    # shellcheck disable=SC2086 # $missing is a list of package names
    _nidan_timed $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends $missing
}

# thumbv7em-none-eabihf (Cortex-M4F) has no std at all, so a crate that builds
# for it is really no_std. (wasm32v1-none would prove the same.)
NIDAN_NOSTD_TARGET=thumbv7em-none-eabihf
NIDAN_DEBIAN_RUST=(rustc-web cargo-web rust-web-src rust-web-llvm)

# Succeeds when rustup has all the targets "$@" installed.
_nidan_rustup_has() {
    local have target
    have=$(rustup target list --installed 2>/dev/null) || return 1
    for target in "$@"; do
        grep -qx "$target" <<<"$have" || return 1
    done
}

# Two routes. rustup's, when it already has both targets (a developer who
# ran `rustup target add wasm32-unknown-unknown thumbv7em-none-eabihf`):
# plain cargo, nothing built from source. Otherwise Debian's Rust with its std
# sources, building std with -Zbuild-std, which RUSTC_BOOTSTRAP=1 allows on a
# stable compiler. The project's machines reach only the package registries,
# so the scripts never ask rustup to download.
ensure_nostd_rust() {
    local targets=(wasm32-unknown-unknown "$NIDAN_NOSTD_TARGET")
    if _nidan_rustup_has "${targets[@]}"; then
        NIDAN_WASM_CARGO=$(command -v cargo)
        NIDAN_WASM_RUSTC=$(command -v rustc)
        NIDAN_WASM_ENV=
        NIDAN_BUILD_STD_FLAGS=
    else
        ensure_apt "${NIDAN_DEBIAN_RUST[@]}"
        # /usr/bin/rust-lld, the wasm linker, links to lld-NN, whose package
        # (same name) nothing depends on.
        ensure_apt "$(readlink /usr/bin/rust-lld)"
        NIDAN_WASM_CARGO=/usr/bin/cargo
        NIDAN_WASM_RUSTC=/usr/bin/rustc
        NIDAN_WASM_ENV="RUSTC=$NIDAN_WASM_RUSTC RUSTC_BOOTSTRAP=1"
        NIDAN_BUILD_STD_FLAGS=-Zbuild-std=std,panic_abort
    fi
    export NIDAN_WASM_CARGO NIDAN_WASM_RUSTC NIDAN_WASM_ENV NIDAN_BUILD_STD_FLAGS NIDAN_NOSTD_TARGET
}

build_core_nostd() {
    ensure_nostd_rust
    # shellcheck disable=SC2086 # NIDAN_WASM_ENV is a list of words
    (cd "${1:-$NIDAN_ROOT/core}" &&
        env $NIDAN_WASM_ENV "$NIDAN_WASM_CARGO" build --no-default-features \
            --target "$NIDAN_NOSTD_TARGET" ${NIDAN_BUILD_STD_FLAGS:+-Zbuild-std=core} \
            --target-dir "$NIDAN_ROOT/target/nostd")
}

ensure_wasm_bindgen() {
    local version=${1:-$(cat "$NIDAN_ROOT/scripts/lib/wasm-bindgen.version")}
    [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $version" ] || return 0
    # No --locked: its lock file names a dependency version crates.io no longer has.
    _nidan_timed cargo install wasm-bindgen-cli --version "=$version"
}

ensure_cargo_tool() {
    command -v "$1" >/dev/null || _nidan_timed cargo install "$@"
}

ensure_chromium() {
    ensure_apt chromium
    # Debian's launcher may also print "[: ...: unexpected operator" when
    # /dev/shm is mounted twice; that is harmless.
    /usr/bin/chromium --version
}
