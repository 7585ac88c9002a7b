#!/usr/bin/env bash
# Part "wasm" of scripts/test: builds the npm package (bindings-wasm/) and
# runs its tests: tsc on the types, node --test (vectors, native API, bad
# input, otpauth differential, require/import), and the browser demo in
# headless Chromium. Installs what is missing; quick when all is in place.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/toolchain.sh
source "$root/scripts/lib/toolchain.sh"
ensure_nostd_rust
ensure_wasm_bindgen
ensure_chromium >/dev/null

cd "$root/bindings-wasm"
# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
bash build.sh
node_modules/.bin/tsc -p test/types
node --test --test-reporter=spec test/
timeout 300 node --test --test-reporter=spec test-browser/
echo "wasm: package built and tested; wasm $(gzip -9 -c dist/nidan.wasm | wc -c) B + JS $(gzip -9 -c dist/nidan.mjs | wc -c) B gzipped"
