#!/usr/bin/env bash
# Part "wasm" of scripts/test: builds the npm package (bindings-wasm/) and
# runs its tests: tsc on the types, node --test (vectors, native API, bad
# input and the shared bad-input table, secret hygiene, otpauth differential,
# require/import, nidan/enrol), otpauth's own test suite (385 tests, run
# from shared/peer-suites/ outside the repository), the browser
# demo in headless Chromium, and the JS benchmark and timing-leak harness
# (benches/js/bench.mjs, dudect.mjs) once without timing claims.
# Installs what is missing; quick when all is in place.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/toolchain.sh
source "$root/scripts/lib/toolchain.sh"
ensure_nostd_rust
ensure_wasm_bindgen
# (quietly: the chromium wrapper prints noise when asked for its version)
ensure_chromium >/dev/null 2>&1 || { echo "wasm: cannot install chromium" >&2; exit 1; }

cd "$root/bindings-wasm"
# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
bash build.sh
node_modules/.bin/tsc -p test/types
node --test --test-reporter=spec test/
# otpauth 9.5.1's own test suite against nidan/otpauth: all 385 must pass.
# It stays outside the repository, in shared/peer-suites/ beside the clone
# (../shared; a worktree one level further down finds ../../shared).
suite=
for shared in "$root/../shared" "$root/../../shared"; do
    if [ -f "$shared/peer-suites/otpauth/test/node.test.mjs" ]; then
        suite=$(cd "$shared/peer-suites/otpauth" && pwd)
        break
    fi
done
if [ -z "$suite" ]; then
    echo "wasm: otpauth's suite is missing: expected shared/peer-suites/otpauth beside the clone" >&2
    exit 1
fi
report=$(node --test-reporter=tap test-peer/otpauth-suite.mjs "$suite" 2>&1) || true
summary=$(grep -E '^# (tests|pass|fail) ' <<<"$report" | tr '\n' ' ')
echo "wasm: otpauth's own suite ($suite): $summary"
if ! grep -qx '# tests 385' <<<"$report" || ! grep -qx '# pass 385' <<<"$report"; then
    grep -E '^\s*not ok' <<<"$report" >&2 || true
    echo "wasm: nidan/otpauth must pass all 385 tests of otpauth's suite" >&2
    exit 1
fi
timeout 300 node --test --test-reporter=spec test-browser/
# The JS comparison (benches/js/): each case once, checked, no timing.
(
    cd "$root/benches/js"
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    fi
    node bench.mjs --quick
    # The timing-leak harness: every input gets the Rust core's verdict; no timing claims.
    node dudect.mjs --quick
)
gz() { gzip -9 -c "$1" | wc -c; }
# The browser bundles embed their wasm module (js/wasm-text.js): a page that
# imports `nidan` downloads dist/nidan.mjs and nothing else.
main=$(gz dist/nidan.mjs) drop_in=$(gz dist/otpauth.mjs) enrol=$(gz dist/enrol.mjs)
wasm=$(gz dist/nidan.wasm) enrol_wasm=$(gz dist/nidan-enrol.wasm)
echo "wasm: built and tested; gzipped bytes: nidan.mjs $main, otpauth.mjs $drop_in, enrol.mjs $enrol" \
    "(each with its wasm module inside); nidan.wasm $wasm, nidan-enrol.wasm $enrol_wasm"
# The size budget (30 KB gzipped for `nidan`), for the smallest build: std
# built from source without panic machinery (the rustup route carries it).
if [ -n "$NIDAN_BUILD_STD_FLAGS" ] && [ "$main" -gt 30000 ]; then
    echo "wasm: nidan.mjs is over the 30000-byte budget" >&2
    exit 1
fi
