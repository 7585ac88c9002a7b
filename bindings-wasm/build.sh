#!/usr/bin/env bash
# Builds the npm package: the wasm module (cargo, wasm-bindgen, wasm-opt)
# into pkg/ and the package files into dist/. Installs what is missing
# (see scripts/lib/toolchain.sh). Usage: bash bindings-wasm/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=../scripts/lib/toolchain.sh
source "$root/scripts/lib/toolchain.sh"
ensure_nostd_rust
ensure_wasm_bindgen
cd "$here"
[ -x node_modules/.bin/esbuild ] && [ -x node_modules/.bin/wasm-opt ] || npm ci --no-audit --no-fund

# Size: optimise for size, the compact SHA-2 code, and when std is built
# from source (Debian's Rust) no panic machinery at all. No input reaches a
# panic; should one ever happen, the instance traps instead of unwinding.
rustflags='--cfg sha2_backend_soft="compact"'
std_features=
if [ -n "$NIDAN_BUILD_STD_FLAGS" ]; then
    rustflags="$rustflags -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
    std_features=-Zbuild-std-features=optimize_for_size
fi
target="$root/target/wasm"
# Speed where it counts: everything is built for size (opt-level "z") except
# SHA-1's compression (opt-level 3) and the core and the exports (opt-level
# 2 and 3; whatever the reason, 3 for the exports gives a smaller module
# than 2). This costs about 1.1 KB gzipped and makes generating and
# verifying about three times as fast (benches/js/README.md).
speed=(--config profile.release.package.sha1.opt-level=3 --config profile.release.package.nidan.opt-level=2
    --config profile.release.package.nidan-wasm.opt-level=3)
# One module per set of cargo features: nidan.wasm (the native API and the
# otpauth drop-in), nidan-enrol.wasm (plus exports and QR codes, for
# `nidan/enrol`) and nidan-server.wasm (plus the server side of two-step
# login, for `nidan/server`). wasm-bindgen writes each one's glue to pkg/NAME/.
build_module() {
    local name=$1 features=$2
    # shellcheck disable=SC2086 # NIDAN_WASM_ENV and NIDAN_BUILD_STD_FLAGS are word lists
    env $NIDAN_WASM_ENV RUSTFLAGS="$rustflags" CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
        "$NIDAN_WASM_CARGO" build --quiet --release --target wasm32-unknown-unknown \
        $NIDAN_BUILD_STD_FLAGS $std_features --target-dir "$target" -p nidan-wasm \
        ${features:+--features "$features"} "${speed[@]}"
    # Copied only when it changed, so that its time says when it last changed.
    cmp -s "$target/wasm32-unknown-unknown/release/nidan_wasm.wasm" "$target/$name.wasm" \
        || cp "$target/wasm32-unknown-unknown/release/nidan_wasm.wasm" "$target/$name.wasm"
    # wasm-bindgen and wasm-opt (the slow step) only when the module changed.
    if [ ! -f "dist/$name.wasm" ] || [ ! -f "pkg/$name/nidan.js" ] || [ "$target/$name.wasm" -nt "dist/$name.wasm" ]; then
        rm -rf "pkg/$name"
        wasm-bindgen --target web --remove-name-section --remove-producers-section \
            --out-dir "pkg/$name" --out-name nidan "$target/$name.wasm"
        node_modules/.bin/wasm-opt -Oz --converge --zero-filled-memory --strip-debug --strip-producers \
            --strip-target-features -o "dist/$name.wasm" "pkg/$name/nidan_bg.wasm"
    fi
}
mkdir -p dist
build_module nidan ""
build_module nidan-enrol "migration,qr"
build_module nidan-server "server"

version=$(node -p 'require("./package.json").version')
# bundle NAME ENTRY [esbuild options]: for the module NAME.
bundle() {
    local name=$1 entry=$2
    shift 2
    node_modules/.bin/esbuild "$entry" --bundle --log-level=warning \
        "--define:__NIDAN_VERSION__=\"$version\"" "--define:__NIDAN_WASM__=\"./$name.wasm\"" \
        "--alias:nidan-glue=./pkg/$name/nidan.js" "$@"
}
browser=(--format=esm --target=es2022 --minify)
node=(--keep-names --format=cjs --platform=node --target=node20 --log-override:empty-import-meta=silent)
# Browsers: one self-contained module per entry, so that a page downloads
# only what it imports (each one imported compiles its wasm module).
bundle nidan js/browser.js "${browser[@]}" --outfile=dist/nidan.mjs
bundle nidan js/browser-otpauth.js "${browser[@]}" --outfile=dist/otpauth.mjs
bundle nidan-enrol js/browser-enrol.js "${browser[@]}" --outfile=dist/enrol.mjs
bundle nidan-server js/browser-server.js "${browser[@]}" --outfile=dist/server.mjs
# Node: one CommonJS bundle behind the require and import wrappers of
# `nidan` and `nidan/otpauth`, one for `nidan/enrol`.
bundle nidan js/node.js "${node[@]}" --outfile=dist/shared.cjs
bundle nidan-enrol js/node-enrol.js "${node[@]}" --outfile=dist/enrol-shared.cjs
bundle nidan-server js/node-server.js "${node[@]}" --outfile=dist/server-shared.cjs
cp js/wrappers/* dist/
echo "built $here/dist: $(cd dist && ls | tr '\n' ' ')"
