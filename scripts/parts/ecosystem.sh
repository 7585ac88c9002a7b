#!/usr/bin/env bash
# Part "ecosystem" of scripts/test: packs the npm package (`npm pack`),
# installs the tarball into bindings-wasm/ecosystem/ (one npm workspace that
# holds every tool, pinned by its lock file: Node 22, Deno, Bun, wrangler
# and workerd, TypeScript, arethetypeswrong, Vite 5 and current, webpack,
# esbuild, Rollup, Next.js) and runs ecosystem/run.mjs: one tiny app per
# environment, each checked for the RFC 6238 code, pages in headless
# Chromium. Installs what is missing; quick to re-run when all is in place.
#
#   scripts/test ecosystem                          every environment
#   NIDAN_ECOSYSTEM="deno bun" scripts/test ecosystem   only those (a wrong name lists them)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/toolchain.sh
source "$root/scripts/lib/toolchain.sh"
ensure_chromium >/dev/null 2>&1 || { echo "ecosystem: cannot install chromium" >&2; exit 1; }

cd "$root/bindings-wasm"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
bash build.sh
eco="$root/bindings-wasm/ecosystem"
rm -rf "$eco/out" && mkdir -p "$eco/out"
tarball="$eco/out/$(npm pack --silent --pack-destination "$eco/out" | tail -1)"
cd "$eco"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    _nidan_timed npm ci --no-audit --no-fund --loglevel=error
fi
# The package as a user installs it (not recorded in package.json: the lock stays the tools').
npm install --no-save --no-audit --no-fund --loglevel=error "$tarball"
# shellcheck disable=SC2086 # NIDAN_ECOSYSTEM is a list of names
NIDAN_TARBALL="$tarball" node run.mjs ${NIDAN_ECOSYSTEM:-}
