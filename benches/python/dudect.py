"""Timing-leak evidence for the Python package's verification, in the
manner of dudect (Reparaz, Balasch, Verbauwhede, "Dude, is my code
constant time?", 2017), with the pairs and statistics of the Rust harness
(benches/benches/dudect.rs).

The pairs come from benches/dudect_pairs.json, which the Rust harness
writes: for each pair, 128 inputs of each of two classes an attacker could
choose between (a code and the call's other arguments) and the verdict
every input of a class gets. Each measurement picks a class at random and
an input of that class at random, and times one call of the native API
(`TOTP.verify(code, time=..., behind=1, ahead=1[, last_accepted=...])` or
`HOTP.verify(code, counter=..., look_ahead=5)`) with `time.perf_counter_ns()`,
the result discarded. Welch's t-test then compares the two classes'
timings, uncropped and cropped at 100 upper percentiles (at the fraction
1 - 0.5^(10 (k+1) / 100) of the sorted timings for k = 0..99, keeping the
measurements strictly below the cut), exactly as the Rust harness does;
the largest |t| is reported, and 4.5 is dudect's threshold for a leak.
The garbage collector is paused while timing (reference counting still
frees every object at once); the first 10,000 calls warm up and are not
used.

Run it from the repository root after `scripts/test python` (which builds
.venv), niced on a shared machine:

    nice -n 10 .venv/bin/python benches/python/dudect.py --samples 1000000 [FILTER]
    .venv/bin/python benches/python/dudect.py --quick   # CI: checks every input's verdict, claims nothing

What this covers and does not: see the README's Security notes.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import math
import random
import sys
import time
from array import array
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Union

import nidan

THRESHOLD = 4.5
QUICK_SAMPLES = 2_000
WARM_UP = 10_000
CHUNK = 4_096
PAIRS = Path(__file__).resolve().parent.parent / "dudect_pairs.json"

Verifier = Union[nidan.TOTP, nidan.HOTP]


@dataclass
class Call:
    """One prepared call: the code and the keyword arguments."""

    code: str
    kwargs: dict[str, int]


@dataclass
class Pair:
    """Two classes of inputs, the verifier they are checked with, and the
    verdict each class must get."""

    name: str
    left: str
    right: str
    verifier: Verifier
    classes: tuple[list[Call], list[Call]]
    verdicts: tuple[str, str]


def load(path: Path) -> list[Pair]:
    """The pairs of the file the Rust harness writes, as prepared calls."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    secret = nidan.Secret.from_bytes(spec["key"].encode("ascii"))
    totp = nidan.TOTP(secret, algorithm=spec["algorithm"], digits=spec["digits"], period=spec["period"])
    hotp = nidan.HOTP(secret, algorithm=spec["algorithm"], digits=spec["digits"])
    window = {"behind": spec["behind"], "ahead": spec["ahead"]}

    def prepare(kind: str, entry: list[Any]) -> Call:
        code, *numbers = entry
        if kind == "totp":
            return Call(code, {"time": numbers[0], **window})
        if kind == "totp_replay":
            return Call(code, {"time": numbers[0], **window, "last_accepted": numbers[1]})
        if kind == "hotp":
            return Call(code, {"counter": numbers[0], "look_ahead": spec["look_ahead"]})
        raise ValueError(f"unknown call {kind!r} in {path}")

    pairs = []
    for pair in spec["pairs"]:
        kind = pair["call"]
        pairs.append(
            Pair(
                name=pair["name"],
                left=pair["left"],
                right=pair["right"],
                verifier=hotp if kind == "hotp" else totp,
                classes=(
                    [prepare(kind, entry) for entry in pair["left_inputs"]],
                    [prepare(kind, entry) for entry in pair["right_inputs"]],
                ),
                verdicts=(pair["left_verdict"], pair["right_verdict"]),
            )
        )
    return pairs


def verdict(verifier: Verifier, call: Call) -> str:
    """What the package says about one input: accepted, replayed or rejected."""
    found = verifier.verify(call.code, **call.kwargs)
    if isinstance(verifier, nidan.TOTP):
        full = verifier.check(call.code, **call.kwargs)
        if bool(full) != (found is not None):
            raise AssertionError(f"check and verify disagree on {call}")
        return "accepted" if full.accepted else "replayed" if full.replayed else "rejected"
    return "rejected" if found is None else "accepted"


def check(pair: Pair) -> None:
    """Every input of each class gets the verdict the Rust core gave it."""
    for calls, expected in zip(pair.classes, pair.verdicts):
        for call in calls:
            got = verdict(pair.verifier, call)
            if got != expected:
                raise AssertionError(f"{pair.name}: {call} is {got}, the Rust harness found it {expected}")


def measure(pair: Pair, samples: int, rng: random.Random) -> tuple[bytearray, array[int]]:
    """Times one verification per measurement, classes in random order;
    returns the classes (0 left, 1 right) and the nanoseconds.

    The arguments of every call are new objects, made a chunk at a time
    outside the timing, in the order of the calls: with objects shared
    within a class, their places in memory (which cache sets they fall in)
    would differ between the classes and show up as a difference of a
    nanosecond or so."""
    classes = bytearray(rng.getrandbits(1) for _ in range(samples))
    chosen = [rng.choice(pair.classes[c]) for c in classes]
    verify: Callable[..., Any] = pair.verifier.verify
    for call in chosen[:WARM_UP]:
        verify(call.code, **call.kwargs)
    clock = time.perf_counter_ns
    timings = array("q", bytes(8 * samples))
    for first in range(0, samples, CHUNK):
        calls = [
            (call.code.encode().decode("ascii"), {name: value + 0 for name, value in call.kwargs.items()})
            for call in chosen[first : first + CHUNK]
        ]
        gc.disable()
        try:
            for i, (code, kwargs) in enumerate(calls, first):
                start = clock()
                verify(code, **kwargs)
                timings[i] = clock() - start
        finally:
            gc.enable()
    return classes, timings


class Welford:
    """Running mean and variance."""

    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0

    def add(self, x: float) -> None:
        self.n += 1
        delta = x - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (x - self.mean)

    def variance(self) -> float:
        return self.m2 / (self.n - 1) if self.n >= 2 else 0.0


def welch_t(a: Welford, b: Welford) -> float:
    if a.n < 2 or b.n < 2:
        return 0.0
    spread = math.sqrt(a.variance() / a.n + b.variance() / b.n)
    return 0.0 if spread == 0.0 else (a.mean - b.mean) / spread


def max_t(classes: bytearray, timings: array[int]) -> tuple[float, int, int, float]:
    """Welch's t over all measurements and over those below each of 100
    upper percentiles (dudect's cuts); returns the t of largest magnitude,
    its cut (0: uncropped), how many measurements it used and the
    difference of the class means there (right - left)."""
    order = sorted(range(len(timings)), key=timings.__getitem__)
    ordered = [timings[i] for i in order]
    n = len(ordered)
    # The measurements below a cut are a prefix of the sorted ones.
    ends = [n]
    for k in range(100):
        fraction = 1.0 - 0.5 ** (10.0 * (k + 1) / 100.0)
        cut = ordered[min(int(n * fraction), n - 1)]
        ends.append(bisect.bisect_left(ordered, cut))
    stats = [Welford(), Welford()]
    snapshots: dict[int, tuple[float, int, float]] = {}
    position = 0
    for end in sorted(set(ends)):
        while position < end:
            i = order[position]
            stats[classes[i]].add(float(timings[i]))
            position += 1
        left, right = stats
        snapshots[end] = (welch_t(left, right), left.n + right.n, right.mean - left.mean)
    best = (0.0, 0, 0, 0.0)
    for k, end in enumerate(ends):
        t, used, difference = snapshots[end]
        if abs(t) > abs(best[0]):
            best = (t, k, used, difference)
    return best


def median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2] if values else 0


def run(pair: Pair, samples: int, rng: random.Random) -> tuple[float, float]:
    """Checks, measures and prints one pair; returns max |t| and the mean difference."""
    print(f"{pair.name}: left = {pair.left}; right = {pair.right}", flush=True)
    check(pair)
    classes, timings = measure(pair, samples, rng)
    t, cut, used, difference = max_t(classes, timings)
    medians = [median([x for c, x in zip(classes, timings) if c == side]) for side in (0, 1)]
    verdict = "ok" if abs(t) < THRESHOLD else "ABOVE 4.5"
    print(
        f"  {samples} measurements, median {medians[0]} ns (left) / {medians[1]} ns (right); "
        f"max |t| = {abs(t):.2f} (n = {used} below percentile cut {cut}, "
        f"mean right - left {difference:+.2f} ns), {verdict}",
        flush=True,
    )
    return abs(t), difference


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("filter", nargs="?", help="only the pairs whose name contains this")
    parser.add_argument("--samples", type=int, default=1_000_000, help="measurements per pair")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SAMPLES} measurements per pair, no claim")
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="the pairs file the Rust harness writes")
    options = parser.parse_args()
    samples = QUICK_SAMPLES if options.quick else options.samples
    if samples < 2:
        parser.error("--samples must be at least 2")
    pairs = [p for p in load(options.pairs) if options.filter is None or options.filter in p.name]
    if not pairs:
        parser.error(f"no pair matches {options.filter!r}")
    print(f"nidan {metadata.version('nidan')}, Python {sys.version.split()[0]}, {samples} measurements per pair")
    rng = random.Random(0x6E6964616E5F6374)
    rows = [(pair.name, *run(pair, samples, rng)) for pair in pairs]
    largest = max(t for _, t, _ in rows)
    print("\n| pair | max \\|t\\| | mean difference |\n| --- | ---: | ---: |")
    for name, t, difference in rows:
        print(f"| {name} | {t:.2f} | {difference:+.2f} ns |")
    if options.quick:
        print(f"largest |t| = {largest:.2f} (quick run: too few measurements to claim anything)")
    else:
        claim = "no leak detected" if largest < THRESHOLD else "LEAK OR NOISE, investigate"
        print(f"largest |t| = {largest:.2f} ({claim}: threshold {THRESHOLD})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
