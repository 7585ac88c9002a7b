#!/usr/bin/env bash
# Server part of the test suite (run by `scripts/test server`): the login
# service example in examples/server/ against real processes, SQLite and, when
# its binaries are there, PostgreSQL, and a headless Chromium walk of the whole
# story. Installs what is missing: the venv and nidan (as `scripts/test python`
# does), the service's packages and the test tools
# (examples/server/requirements*.txt), chromium from apt.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/toolchain.sh
source scripts/lib/toolchain.sh

venv=.venv
py=$venv/bin/python
requirements=examples/server/requirements-test.txt
installed=$venv/.nidan-server-requirements.txt

step() { echo "--- server: $*"; }

# It tests the nidan that `scripts/test python` (run before it) installed, and
# installs it only when missing.
if [ ! -x "$py" ]; then
    step "creating $venv"
    "${PYTHON:-python3}" -m venv "$venv"
fi
if ! "$py" -c "import nidan" 2>/dev/null; then
    step "pip install ./bindings-py"
    _nidan_timed "$py" -m pip install -q ./bindings-py
fi
if ! "$py" -m mypy --version >/dev/null 2>&1; then
    _nidan_timed "$py" -m pip install -q -r bindings-py/requirements-test.txt
fi
if ! cat examples/server/requirements.txt "$requirements" | cmp -s - "$installed"; then
    step "installing examples/server/requirements.txt and $requirements"
    _nidan_timed "$py" -m pip install -q -r examples/server/requirements.txt -r "$requirements"
    cat examples/server/requirements.txt "$requirements" >"$installed"
fi
ensure_apt postgresql
ensure_chromium >/dev/null 2>&1 || ensure_chromium

step "mypy --strict on the service and its tests"
(cd examples/server && "../../$py" -m mypy --strict loginservice tests)

step "pytest examples/server/tests (screenshots in examples/server/test-artefacts/)"
start=$SECONDS
status=0
(cd examples/server && "../../$py" -m pytest -q -p no:cacheprovider tests) || status=$?
echo "server.sh: pytest took $((SECONDS - start))s" >&2
if [ "$status" -eq 5 ]; then
    echo "server.sh: pytest collected no tests, which is a failure" >&2
    exit 1
fi
exit "$status"
