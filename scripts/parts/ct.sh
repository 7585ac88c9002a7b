# Part "ct" of scripts/test: no division instruction on the paths that touch
# the MAC, in the release builds for x86-64 and for wasm32 (see the Security
# notes in README.md). Some processors divide in a time that depends on the
# operands, and a WebAssembly division is whatever the host's division does.
#
# x86-64: examples/mac_paths.rs puts generating and verifying (HOTP and TOTP,
# every format and algorithm) in named functions; wasm32: the wasm-bindgen
# exports that generate and verify, in the module bindings-wasm/build.sh
# builds (before wasm-bindgen strips its names). scripts/lib/no_division.py
# follows their calls and fails on any div/idiv or i32/i64 div/rem, apart
# from the TOTP step, floor((time - T0) / period), a division of public
# values kept in its own function (nidan::totp::step_at).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/toolchain.sh
source "$root/scripts/lib/toolchain.sh"
cd "$root"
allow=step_at

echo "--> ct: x86-64, examples/mac_paths.rs (release)"
cargo build --quiet --release --locked -p nidan-examples --bin mac_paths
target/release/mac_paths
x86_roots=()
for name in hotp_generate hotp_verify totp_generate totp_generate_at_step totp_verify; do
    x86_roots+=(--root "mac_paths::$name")
done
python3 scripts/lib/no_division.py x86 target/release/mac_paths "${x86_roots[@]}" --allow "$allow"

echo "--> ct: wasm32, the exports of bindings-wasm"
command -v wasm-objdump >/dev/null || ensure_apt wabt
bash bindings-wasm/build.sh >/dev/null
wasm_roots=()
for name in wasmtotp_generate wasmtotp_generateAtStep wasmtotp_generateText wasmtotp_generateAtStepText wasmtotp_verify \
    wasmhotp_generate wasmhotp_generateText wasmhotp_verify; do
    wasm_roots+=(--root "$name")
done
python3 scripts/lib/no_division.py wasm target/wasm/nidan.wasm "${wasm_roots[@]}" --allow "$allow"
