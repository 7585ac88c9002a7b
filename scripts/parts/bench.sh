# The benchmarks build and run once (criterion's --test mode, no timing; the
# dudect harness runs its quick mode), generating and verifying allocate
# nothing, and the dudect pairs that the wasm and Python harnesses read
# (benches/dudect_pairs.json) are the Rust harness's. Timed runs: see
# benches/README.md and the README's Security notes.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/toolchain.sh

step() { echo "--> bench: $*"; }

step "criterion benches, each function once (nidan and the peers agree on every input); dudect --quick"
cargo bench -p nidan-benches --locked --benches -- --test
step "no allocation after construction"
cargo test -p nidan-benches --locked --test no_alloc
step "benches/dudect_pairs.json is what the Rust dudect harness writes"
cargo bench -p nidan-benches --locked --bench dudect -- --check-pairs
