# The benchmarks build and run once (criterion's --test mode, no timing), and
# generating and verifying allocate nothing. Timed runs: see benches/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/toolchain.sh

step() { echo "--> bench: $*"; }

step "criterion benches, each function once (nidan and the peers agree on every input)"
cargo bench -p nidan-benches --locked --benches -- --test
step "no allocation after construction"
cargo test -p nidan-benches --locked --test no_alloc
