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
# One module per set of cargo features: nidan.wasm (the native API, without
# SHA-3 to stay within its size budget), nidan-full.wasm (plus HMAC-SHA3 and
# what the drop-in alone needs, for `nidan/otpauth` and for Node, where size
# does not matter) and nidan-enrol.wasm (plus HMAC-SHA3, exports, QR codes
# and the import mode, for `nidan/enrol`). wasm-bindgen writes each one's
# glue to pkg/NAME/.
modules=()
build_module() {
    local name=$1 features=$2
    modules+=("$name")
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
build_module nidan-full "sha3,otpauth"
build_module nidan-enrol "migration,qr,import,sha3"
# Each module also as text, for the bundles to embed (js/wasm-text.js).
for name in "${modules[@]}"; do
    node --input-type=module -e '
        import { readFileSync, writeFileSync } from "node:fs";
        import { encodeWasm } from "./js/wasm-text.js";
        const [wasm, out] = process.argv.slice(1);
        writeFileSync(out, `export default ${JSON.stringify(encodeWasm(readFileSync(wasm)))};\n`);
    ' "dist/$name.wasm" "pkg/$name/wasm-text.js"
done

version=$(node -p 'require("./package.json").version')
# bundle MODULE ENTRY INIT [esbuild options]: js/entries/ENTRY.js against
# the glue of the wasm module MODULE, loaded by js/init-INIT.js.
bundle() {
    local name=$1 entry=$2 init=$3
    shift 3
    node_modules/.bin/esbuild "js/entries/$entry.js" --bundle --log-level=warning \
        "--define:__NIDAN_VERSION__=\"$version\"" "--alias:nidan-glue=./pkg/$name/nidan.js" \
        "--alias:nidan-init=./js/init-$init.js" "--alias:nidan-wasm-text=./pkg/$name/wasm-text.js" \
        "--alias:nidan-wasm-bytes=./dist/$name.wasm" "--alias:nidan-wasm-module=./$name.wasm" \
        "--external:./$name.wasm" "$@"
}
esm=(--format=esm --target=es2022 --minify)
node=(--keep-names --format=cjs --platform=node --target=node20 --log-override:empty-import-meta=silent --loader:.wasm=binary)
# The API entries: `nidan`, `nidan/otpauth` and `nidan/enrol`.
entries=(nidan:nidan otpauth:nidan-full enrol:nidan-enrol)
for pair in "${entries[@]}"; do
    entry=${pair%%:*} name=${pair#*:}
    # Browsers, bundlers and anything else that imports (the `default`
    # condition): one self-contained module per entry, wasm embedded, so that
    # a page downloads only what it imports.
    bundle "$name" "$entry" embedded "${esm[@]}" --outfile="dist/$entry.mjs"
    # Cloudflare Workers (the `workerd` condition): the wasm file imported as a module.
    bundle "$name" "$entry" workerd "${esm[@]}" --outfile="dist/$entry.workerd.mjs"
done
# Node, Deno and Bun: one CommonJS bundle behind the require and import
# wrappers of `nidan` and `nidan/otpauth` (every algorithm), one for
# `nidan/enrol`, with the module inside as base64 (js/init-node.js).
bundle nidan-full node-shared node "${node[@]}" --outfile=dist/shared.cjs
bundle nidan-enrol enrol node "${node[@]}" --outfile=dist/enrol-shared.cjs
# The wrappers: require gives the bundle's object, import the same values as
# named exports (listed from the bundle, so that a new export needs no change here).
wrap() {
    local entry=$1 specifier=$2 shared=$3 member=$4 names
    names=$(node -p "Object.keys(require('./dist/$shared')$member).join(', ')")
    printf '%s\n' "// \`$specifier\` for Node CommonJS (written by build.sh)." \
        "module.exports = require('./$shared')$member;" >"dist/$entry.cjs"
    printf '%s\n' "// \`$specifier\` for Node ESM: the same instance as require (written by build.sh)." \
        "import shared from './$shared';" "" "export const { $names } = shared$member;" >"dist/$entry.node.mjs"
}
wrap nidan nidan shared.cjs .native
wrap otpauth nidan/otpauth shared.cjs .otpauth
wrap enrol nidan/enrol enrol-shared.cjs ""
# Types: the *.d.ts files here (index, otpauth, enrol) are the source (and what
# TypeScript's old `node10` resolution finds); ESM and CommonJS consumers
# each get a copy whose extension says which it describes, so that
# TypeScript sees what Node does (no default export in ESM).
for dts in *.d.ts; do
    sed -E "s#(from '\./[^']*)\.js'#\1.mjs'#" "$dts" >"dist/${dts%.d.ts}.d.mts"
    sed -E "s#(from '\./[^']*)\.js'#\1.cjs'#" "$dts" >"dist/${dts%.d.ts}.d.cts"
done
echo "built $here/dist: $(cd dist && ls | tr '\n' ' ')"
