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
# shellcheck disable=SC2086 # NIDAN_WASM_ENV and NIDAN_BUILD_STD_FLAGS are word lists
env $NIDAN_WASM_ENV RUSTFLAGS="$rustflags" CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
    "$NIDAN_WASM_CARGO" build --quiet --release --target wasm32-unknown-unknown \
    $NIDAN_BUILD_STD_FLAGS $std_features --target-dir "$root/target/wasm" -p nidan-wasm

# wasm-bindgen and wasm-opt (the slow step) only when the module changed.
module="$root/target/wasm/wasm32-unknown-unknown/release/nidan_wasm.wasm"
if [ ! -f dist/nidan.wasm ] || [ ! -f pkg/nidan.js ] || [ "$module" -nt dist/nidan.wasm ]; then
    rm -rf pkg dist
    mkdir -p dist
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --out-dir pkg --out-name nidan "$module"
    node_modules/.bin/wasm-opt -Oz --converge --zero-filled-memory --strip-debug --strip-producers \
        --strip-target-features -o dist/nidan.wasm pkg/nidan_bg.wasm
fi

version=$(node -p 'require("./package.json").version')
define="--define:__NIDAN_VERSION__=\"$version\""
# Browsers: one self-contained module per entry, so that a page downloads
# only what it imports (the two, if both are imported, compile the module twice).
for entry in nidan:js/browser.js otpauth:js/browser-otpauth.js; do
    node_modules/.bin/esbuild "${entry#*:}" --bundle --format=esm --target=es2022 --minify \
        --log-level=warning "$define" --outfile="dist/${entry%%:*}.mjs"
done
# Node: one CommonJS bundle behind the require and import wrappers.
node_modules/.bin/esbuild js/node.js --bundle --keep-names --format=cjs --platform=node --target=node20 \
    --log-level=warning "$define" --log-override:empty-import-meta=silent --outfile=dist/shared.cjs
cp js/wrappers/* dist/
echo "built $here/dist: $(cd dist && ls | tr '\n' ' ')"
