# The Rust workspace: formatting, lints, docs, tests, the no_std proof and the quickstart.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/toolchain.sh

step() { echo "--> core: $*"; }

step "rustfmt"
cargo fmt --all --check
step "clippy -D warnings"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
step "rustdoc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features --locked
step "rustdoc -D warnings, the core without default features (links must resolve without them)"
RUSTDOCFLAGS="-D warnings" cargo doc -p nidan --no-deps --no-default-features --locked
step "tests (unit, vectors, properties, doctests)"
cargo test --workspace --all-features --locked
step "the core without std, and without alloc"
cargo check -p nidan --no-default-features --locked
cargo check -p nidan --no-default-features --features alloc --locked
cargo check -p nidan --no-default-features --features server --locked
cargo check -p nidan --no-default-features --features migration --locked
step "the core with every feature but the export (migration), warnings denied"
cargo clippy -p nidan --lib --no-default-features --locked \
    --features std,getrandom,sha3,sha224-sha384,server,steam,qr -- -D warnings
step "the core for $NIDAN_NOSTD_TARGET, a target with no standard library"
build_core_nostd
step "examples"
cargo run -q -p nidan-examples --bin quickstart --locked
cargo run -q -p nidan-examples --bin phone_change --locked
