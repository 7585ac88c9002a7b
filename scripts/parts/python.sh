#!/usr/bin/env bash
# Python part of the test suite (run by `scripts/test python`): installs the
# package into .venv with the README's command, `pip install ./bindings-py`,
# then runs pytest, stubtest, mypy --strict, pyright --verifytypes, pyotp
# 2.12.0's own test suite against nidan.pyotp, the quickstart example and
# quick runs of the Python benchmark and timing-leak harness
# (benches/python/bench.py and dudect.py). Installs what is missing:
# the venv, the test tools (when bindings-py/requirements-test.txt changes)
# and pyotp's source distribution (cached under target/, not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.venv
py=$venv/bin/python
requirements=bindings-py/requirements-test.txt
installed=$venv/.nidan-requirements-test.txt
pyotp_version=2.12.0
cache=target/python-cache

step() { echo "--- python: $*"; }
timed() {
    local start=$SECONDS
    "$@"
    echo "python.sh: $* took $((SECONDS - start))s" >&2
}

if [ ! -x "$py" ]; then
    step "creating $venv"
    "${PYTHON:-python3}" -m venv "$venv"
fi
if ! cmp -s "$requirements" "$installed"; then
    step "installing test tools from $requirements"
    timed "$py" -m pip install -q -r "$requirements"
    cp "$requirements" "$installed"
fi

step "pip install ./bindings-py"
timed "$py" -m pip install -q ./bindings-py

step "pytest"
status=0
"$py" -m pytest -q bindings-py/tests || status=$?
if [ "$status" -eq 5 ]; then
    echo "python.sh: pytest collected no tests, which is a failure" >&2
    exit 1
elif [ "$status" -ne 0 ]; then
    exit "$status"
fi

step "stubtest nidan._native"
"$py" -m mypy.stubtest nidan._native

step "mypy --strict on the package, the tests, the examples, the benchmark and scripts/stub-docs"
"$py" -m mypy --strict -p nidan
"$py" -m mypy --strict bindings-py/tests examples/python benches/python
"$py" -m mypy --strict --scripts-are-modules scripts/stub-docs

step "pyright --verifytypes nidan: every public name typed and documented"
# From an empty directory, so that pyright reads the installed package, with
# the venv first on PATH, so that it finds that interpreter.
mkdir -p target/pyright-cwd
report=$(cd target/pyright-cwd && PATH="$OLDPWD/$venv/bin:$PATH" \
    pyright --verifytypes nidan --ignoreexternal --outputjson || true)
"$py" - "$report" <<'PY'
import json, sys
report = json.loads(sys.argv[1])["typeCompleteness"]
counts = {key: report[key] for key in ("missingFunctionDocStringCount", "missingClassDocStringCount", "missingDefaultParamCount")}
print(f"type completeness {report['completenessScore']:.0%}, {counts}")
if report["completenessScore"] != 1 or any(counts.values()):
    for symbol in report["symbols"]:
        for diagnostic in symbol.get("diagnostics", []):
            print(f"  {symbol['name']}: {diagnostic['message']}")
    sys.exit("python.sh: pyright --verifytypes is below 100% or finds undocumented names")
PY

step "pyotp $pyotp_version's own test.py against nidan.pyotp"
sdist=$cache/pyotp-$pyotp_version.tar.gz
if [ ! -f "$sdist" ]; then
    mkdir -p "$cache"
    timed "$py" -m pip download -q --no-deps --no-binary :all: "pyotp==$pyotp_version" -d "$cache"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$sdist" -C "$work"
"$py" bindings-py/tests/pyotp_upstream.py "$work/pyotp-$pyotp_version/test.py"

step "examples/python/quickstart.py"
"$py" examples/python/quickstart.py

step "benches/python/bench.py --quick (proves the benchmark runs; no timing claims)"
"$py" benches/python/bench.py --quick

step "benches/python/dudect.py --quick (every input gets the Rust core's verdict; no timing claims)"
"$py" benches/python/dudect.py --quick
