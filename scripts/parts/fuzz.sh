# Fuzz smoke run: builds every cargo-fuzz target in fuzz/ on the stable
# toolchain (no sanitizer: `-s none`), replays the inputs that once found a
# bug (fuzz/regressions/<target>/), then fuzzes each target briefly from its
# committed seeds. Any crash fails the part.
#
# Seconds per target: NIDAN_FUZZ_SECONDS (default 20).
# A long run of one target (what the closing note of issue 6 counts; see
# fuzz/README.md), with new corpus entries kept out of the committed seeds:
#   cd fuzz && mkdir -p target/long/verify && nice -n 10 cargo fuzz run -s none verify \
#       target/long/verify corpus/verify -- -max_total_time=1800 -print_final_stats=1
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/toolchain.sh

seconds=${NIDAN_FUZZ_SECONDS:-20}
ensure_cargo_tool cargo-fuzz --locked
cd fuzz

echo "--> fuzz: rustfmt (the root workspace's check leaves fuzz/ out)"
cargo fmt --check
echo "--> fuzz: Cargo.lock is up to date"
cargo metadata --locked --format-version 1 >/dev/null
echo "--> fuzz: build every target"
cargo fuzz build -s none
# Runs `cargo fuzz run -s none "$@"` with its output in a log; shows the tail
# of the log and fails when the fuzzer reports a crash, else shows its totals.
run_logged() {
    local log="target/fuzz-smoke.log"
    if ! cargo fuzz run -s none "$@" >"$log" 2>&1; then
        tail -n 40 "$log"
        echo "fuzz: cargo fuzz run $* failed" >&2
        return 1
    fi
    grep -E '^(#[0-9]+[[:space:]]+DONE|Executed .* in)' "$log" || true
}

for target in $(cargo fuzz list); do
    if [ -d "regressions/$target" ]; then
        echo "--> fuzz: $target replays its regressions"
        run_logged "$target" "regressions/$target"/*
    fi
    echo "--> fuzz: $target for ${seconds}s"
    # New units go to a scratch corpus under target/, the committed seeds stay as they are.
    scratch="target/smoke-corpus/$target"
    mkdir -p "$scratch"
    run_logged "$target" "$scratch" "corpus/$target" -- \
        -max_total_time="$seconds" -print_final_stats=1
done
