#!/usr/bin/env bash
# The published crate (run by `scripts/test crate`): packages `nidan` as
# crates.io will (`cargo publish --dry-run`, which must print no warning),
# checks that the package carries the licence files, runs the packaged
# crate's own tests from its unpacked copy (offline, against the lock file
# it ships), and builds its documentation as docs.rs does: the features and
# rustdoc arguments of [package.metadata.docs.rs], on a nightly rustdoc
# (RUSTC_BOOTSTRAP=1 lets this stable one act as one), with each gated item
# badged with its feature.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
source scripts/lib/toolchain.sh

step() { echo "--> crate: $*"; }
fail() { echo "crate.sh: $*" >&2; exit 1; }

version=$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "nidan"))')
crate=target/package/nidan-$version.crate

step "metadata: licence, no placeholder repository, no unchecked minimum Rust"
cargo metadata --format-version 1 --no-deps --locked | python3 -c '
import json, sys
nidan = next(p for p in json.load(sys.stdin)["packages"] if p["name"] == "nidan")
assert nidan["license"] == "MIT OR Apache-2.0", nidan["license"]
# No public repository exists yet: no URL rather than a placeholder.
assert nidan["repository"] is None, nidan["repository"]
# Only Rust 1.95 and 1.96 are at hand here: a minimum could not be checked.
assert nidan["rust_version"] is None, nidan["rust_version"]
assert nidan["documentation"] == "https://docs.rs/nidan", nidan["documentation"]
'

step "cargo publish --dry-run -p nidan"
# --allow-dirty: the check is of the files as they are, committed or not.
output=$(cargo publish --dry-run -p nidan --locked --allow-dirty 2>&1) || { echo "$output"; fail "cargo publish --dry-run failed"; }
echo "$output" | grep -v '^ *Compiling' || true
# (Its one expected warning is the dry run's own "aborting upload".)
if grep '^warning' <<<"$output" | grep -qv '^warning: aborting upload due to dry run$'; then
    fail "cargo publish --dry-run warns (see above)"
fi

# The dry run leaves no .crate behind: write it (verified just above).
cargo package -p nidan --locked --allow-dirty --no-verify -q

step "licence files in $crate"
# Unpacked outside the workspace (cargo would take it for a stray member),
# always at the same place for this checkout: test binaries record where
# their crate was (CARGO_MANIFEST_DIR), and cargo reuses them across runs.
work=${TMPDIR:-/tmp}/nidan-package-check-$(printf '%s' "$root" | cksum | cut -d' ' -f1)
rm -rf "$work"
mkdir -p "$work"
tar -xzf "$crate" -C "$work"
unpacked=$work/nidan-$version
for licence in LICENSE-MIT LICENSE-APACHE; do
    cmp "$licence" "$unpacked/$licence" || fail "$crate: $licence is missing or differs from the repository's"
done

step "the packaged crate's own tests, offline, all features"
# Outside the workspace, as a user's download is; with its own Cargo.lock.
# Its own target directory: cargo would take the unpacked `nidan` for the
# workspace's (same name and version) and mix their builds.
# The tests that read the repository (its README, fuzz/regressions/) are
# told that it is not there.
(cd "$unpacked" && NIDAN_TEST_WITHOUT_REPOSITORY=1 nice cargo test --offline --locked --all-features -q \
    --target-dir "$root/target/package-test")

step "docs as docs.rs builds them (all features, --cfg docsrs, feature badges)"
rustdoc_args=$(cargo metadata --format-version 1 --no-deps --locked | python3 -c '
import json, sys
package = next(p for p in json.load(sys.stdin)["packages"] if p["name"] == "nidan")
docs_rs = package["metadata"]["docs"]["rs"]  # [package.metadata.docs.rs]
assert docs_rs.get("all-features") is True, "docs.rs metadata: all-features must be true"
print(" ".join(docs_rs.get("rustdoc-args", [])))
')
[ "$rustdoc_args" = "--cfg docsrs" ] || fail "docs.rs rustdoc-args are '$rustdoc_args', expected '--cfg docsrs'"
(cd "$unpacked" && RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="$rustdoc_args -D warnings" \
    nice cargo doc --offline --locked --all-features --no-deps -q --target-dir "$root/target/docsrs")
page=target/docsrs/doc/nidan/struct.KeyUri.html
grep -q 'Available on <strong>crate feature <code>alloc</code></strong> only' "$page" ||
    fail "$page: no feature badge for alloc"
grep -q 'Available on <strong>crate feature <code>qr</code></strong> only' target/docsrs/doc/nidan/struct.Qr.html ||
    fail "nidan::Qr: no feature badge for qr"
echo "crate.sh: packaged, tested and documented nidan $version"
