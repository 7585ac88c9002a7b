#!/usr/bin/env bash
# Distribution part of the test suite (run by `scripts/test wheels`):
# builds the wheel and the sdist with scripts/build-wheel (abi3 for CPython
# 3.9+, manylinux2014, auditwheel- and twine-clean, licence files inside),
# then, for every CPython from 3.9 to 3.13 found on the machine (pyenv's, or
# pythonX.Y on PATH), installs the wheel into a new virtual environment with
# no Rust on PATH and runs the package's tests there. A version the machine
# lacks is skipped and named; at least one must run. Last, the sdist is
# installed once (this builds it with cargo) and the tests run against that.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/toolchain.sh

versions=(3.9 3.10 3.11 3.12 3.13)
dist=target/dist
cache=target/python-cache

step() { echo "--- wheels: $*"; }
timed() {
    local start=$SECONDS
    "$@"
    echo "wheels.sh: $* took $((SECONDS - start))s" >&2
}

# The interpreter for version $1: pyenv's newest X.Y.*, else pythonX.Y on PATH.
find_python() {
    local version=$1 root candidate
    if root=$(pyenv root 2>/dev/null); then
        for candidate in $(ls -d "$root/versions/$version".* 2>/dev/null | sort -V -r); do
            # X.Y.* only, not X.YZ.* (3.1 must not match 3.10).
            [[ $(basename "$candidate") =~ ^${version//./\\.}\.[0-9]+$ ]] || continue
            [ -x "$candidate/bin/python$version" ] && { echo "$candidate/bin/python$version"; return; }
        done
    fi
    command -v "python$version" || true
}

# The test tools of the wheel environments: the package's test dependencies
# without the type checkers and benchmark tools of the development venv.
test_requirements() {
    grep -E '^(pytest|typing_extensions|zxing-cpp)\b' bindings-py/requirements-test.txt
}
pyotp_requirement=$(grep -E '^pyotp==' bindings-py/requirements-test.txt)

# Installs the package from $2 (a wheel or an sdist) and the test tools into
# venv $1; more pip options may follow.
install_into() {
    local venv=$1 package=$2
    shift 2
    # Binary test tools only: pip picks the newest release with a wheel for
    # this interpreter (zxing-cpp's newest has none for 3.9).
    timed "$venv/bin/python" -m pip install -q --cache-dir "$cache/pip" \
        --only-binary :all: "$@" "$package" -r "$work/requirements.txt"
    # The differential tests compare with this exact pyotp release, which
    # declares Python 3.10+ but is plain Python that runs on 3.9 as well.
    timed "$venv/bin/python" -m pip install -q --cache-dir "$cache/pip" \
        --no-deps --ignore-requires-python "$pyotp_requirement"
}

# Runs the package's tests with the nidan installed in venv $1, from a PATH
# that has no cargo, rustc or rustup.
run_tests() {
    local venv=$1 bare
    bare=$(mktemp -d)
    env -i HOME="$HOME" PATH="$venv/bin:$bare" LANG=C.UTF-8 "$BASH" -c '
        set -euo pipefail
        for tool in cargo rustc rustup maturin; do
            if command -v "$tool" >/dev/null; then echo "wheels.sh: $tool is on PATH" >&2; exit 1; fi
        done
        cd "$0"
        python -c "import nidan, sys; print(\"nidan from\", nidan.__file__, \"on\", sys.version.split()[0])"
        python -c "import nidan, sys; assert \"/site-packages/\" in nidan.__file__, nidan.__file__"
        status=0
        python -m pytest -q -p no:cacheprovider bindings-py/tests || status=$?
        if [ "$status" -eq 5 ]; then echo "wheels.sh: pytest collected no tests" >&2; exit 1; fi
        exit "$status"
    ' "$PWD"
    rm -rf "$bare"
}

step "scripts/build-wheel"
timed scripts/build-wheel "$dist"
wheel=$(ls "$dist"/*.whl)
sdist=$(ls "$dist"/*.tar.gz)

step "the READMEs' install commands name this wheel"
for readme in README.md bindings-py/README.md; do
    pattern=$(grep -o 'pip install target/dist/[^ ]*\.whl' "$readme" | head -1 | sed 's/^pip install //')
    [ -n "$pattern" ] || { echo "wheels.sh: $readme has no 'pip install target/dist/...whl'" >&2; exit 1; }
    # shellcheck disable=SC2053 # $pattern is a glob on purpose
    [[ $wheel == $pattern ]] || { echo "wheels.sh: $readme's $pattern does not match $wheel" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
test_requirements >"$work/requirements.txt"
mkdir -p "$cache"

ran=() skipped=()
for version in "${versions[@]}"; do
    python=$(find_python "$version")
    if [ -z "$python" ]; then
        echo "wheels.sh: SKIPPED CPython $version: not on this machine (pyenv or python$version on PATH)"
        skipped+=("$version")
        continue
    fi
    step "CPython $version ($python): the wheel in a new venv, tests without Rust"
    venv=$work/venv-$version
    "$python" -m venv "$venv"
    install_into "$venv" "$wheel"
    timed run_tests "$venv"
    ran+=("$version")
done

step "the sdist, built once by pip (with Rust), and its tests"
venv=$work/venv-sdist
"${PYTHON:-python3}" -m venv "$venv"
# --no-binary nidan: pip builds the package from the sdist (maturin, cargo),
# without link-time optimisation: the build is what is tested, not its speed.
CARGO_TARGET_DIR=$PWD/target/sdist CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 install_into "$venv" "$sdist" --no-binary nidan
timed run_tests "$venv"

echo "wheels.sh: the wheel passed on CPython ${ran[*]:-none}; skipped: ${skipped[*]:-none}"
if [ ${#ran[@]} -eq 0 ]; then
    echo "wheels.sh: no CPython from ${versions[*]} was found, so the wheel was not tested" >&2
    exit 1
fi
