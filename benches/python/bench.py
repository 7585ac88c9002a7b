"""Python benchmark: nidan's native API and nidan.pyotp beside pyotp and
cryptography's twofactor TOTP, interleaved in one process.

Every library gets the same inputs: the RFC 6238 SHA1 seed, 6 digits, 30
second steps, a fixed time (RFC 6238's 1111111109) and the current time
(each library reading the clock its own way). Verification uses a window of
one step each way where the library has one (cryptography has none).

Run it from the repository root after `scripts/test python` (which builds
.venv):

    .venv/bin/python benches/python/bench.py            # about a minute
    .venv/bin/python benches/python/bench.py --quick    # a few hundred calls per case, for CI

It prints operations per second (the median over interleaved rounds) and
the ratio to pyotp. Wall-clock figures move from run to run on a shared
machine; the ratios, measured side by side, move much less.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import timeit
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Callable, Optional

import pyotp
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP as CryptographyTOTP

import nidan
import nidan.pyotp

SEED = b"12345678901234567890"  # RFC 6238 Appendix B, SHA1
SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
FIXED_TIME = 1111111109
FIXED_CODE = "081804"  # RFC 6238's 07081804, cut to 6 digits
LIBRARIES = ("nidan", "nidan.pyotp", "pyotp", "cryptography")
BASELINE = "pyotp"


@dataclass
class Case:
    """One measurement: a statement timed with `timeit` over `namespace`.

    `refresh` sets `code` in the namespace before every batch (outside the
    timing), so that codes for the current time stay current; `check`
    tells whether the statement's value is the right answer."""

    statement: str
    namespace: dict[str, Any]
    check: Callable[[dict[str, Any]], bool]
    refresh: Optional[Callable[[dict[str, Any]], None]] = None
    rates: list[float] = field(default_factory=list)


def window_codes(step: int) -> set[str]:
    """The codes of the steps around `step`, which a wrong code must avoid."""
    reference = nidan.TOTP(nidan.Secret.from_bytes(SEED))
    return {reference.generate_at_step(s) for s in range(max(step - 2, 0), step + 3)}


def wrong_code(step: int) -> str:
    """A code that no step of the window around `step` has."""
    taken = window_codes(step)
    return next(code for code in (f"{n:06d}" for n in range(0, 10**6, 111111)) if code not in taken)


def current_step() -> int:
    return int(time.time()) // 30


def refresher(kind: str, as_bytes: bool) -> Callable[[dict[str, Any]], None]:
    """Puts the right or the wrong code for the current step into `code`."""

    def refresh(namespace: dict[str, Any]) -> None:
        step = current_step()
        if kind == "right":
            code = nidan.TOTP(nidan.Secret.from_bytes(SEED)).generate_at_step(step)
        else:
            code = wrong_code(step)
        namespace["code"] = code.encode() if as_bytes else code

    return refresh


def cases() -> dict[str, dict[str, Case]]:
    """For each case name, the statement of each library."""
    fixed_wrong = wrong_code(FIXED_TIME // 30)
    native = nidan.TOTP(nidan.Secret.from_bytes(SEED))
    drop_in = nidan.pyotp.TOTP(SEED_BASE32)
    reference = pyotp.TOTP(SEED_BASE32)
    hazmat = CryptographyTOTP(SEED, 6, SHA1(), 30)

    def ns(**names: Any) -> dict[str, Any]:
        return {"t": FIXED_TIME, "time": time.time, "InvalidToken": InvalidToken, **names}

    def is_code(expected: Optional[str]) -> Callable[[dict[str, Any]], bool]:
        def check(namespace: dict[str, Any]) -> bool:
            value = namespace["_"]
            text = value.decode() if isinstance(value, bytes) else value
            wanted = expected or native.generate_at_step(current_step())
            return bool(text == wanted or (expected is None and text in window_codes(current_step())))

        return check

    def truth(wanted: bool) -> Callable[[dict[str, Any]], bool]:
        return lambda namespace: bool(namespace["_"]) is wanted

    crypto_verify = "try:\n    verify(code, {time})\nexcept InvalidToken:\n    pass"
    table: dict[str, dict[str, Case]] = {}
    table["generate, fixed time"] = {
        "nidan": Case("generate(t)", ns(generate=native.generate), is_code(FIXED_CODE)),
        "nidan.pyotp": Case("at(t)", ns(at=drop_in.at), is_code(FIXED_CODE)),
        "pyotp": Case("at(t)", ns(at=reference.at), is_code(FIXED_CODE)),
        "cryptography": Case("generate(t)", ns(generate=hazmat.generate), is_code(FIXED_CODE)),
    }
    table["generate, now"] = {
        "nidan": Case("generate()", ns(generate=native.generate), is_code(None)),
        "nidan.pyotp": Case("now()", ns(now=drop_in.now), is_code(None)),
        "pyotp": Case("now()", ns(now=reference.now), is_code(None)),
        "cryptography": Case("generate(time())", ns(generate=hazmat.generate), is_code(None)),
    }
    for kind, label, wanted in (("right", "current", True), ("wrong", "wrong", False)):
        fixed = FIXED_CODE if kind == "right" else fixed_wrong
        table[f"verify {label} code ±1, fixed time"] = {
            "nidan": Case("verify(code, time=t)", ns(verify=native.verify, code=fixed), truth(wanted)),
            "nidan.pyotp": Case(
                "verify(code, for_time=t, valid_window=1)", ns(verify=drop_in.verify, code=fixed), truth(wanted)
            ),
            "pyotp": Case(
                "verify(code, for_time=t, valid_window=1)", ns(verify=reference.verify, code=fixed), truth(wanted)
            ),
            "cryptography": Case(
                crypto_verify.format(time="t"), ns(verify=hazmat.verify, code=fixed.encode()), truth(wanted)
            ),
        }
        text_code = refresher(kind, as_bytes=False)
        bytes_code = refresher(kind, as_bytes=True)
        table[f"verify {label} code ±1, now"] = {
            "nidan": Case("verify(code)", ns(verify=native.verify), truth(wanted), text_code),
            "nidan.pyotp": Case("verify(code, valid_window=1)", ns(verify=drop_in.verify), truth(wanted), text_code),
            "pyotp": Case("verify(code, valid_window=1)", ns(verify=reference.verify), truth(wanted), text_code),
            "cryptography": Case(
                crypto_verify.format(time="time()"), ns(verify=hazmat.verify), truth(wanted), bytes_code
            ),
        }
    return table


def check(name: str, library: str, case: Case) -> None:
    """Runs the statement once, outside the timing, and checks its answer."""
    if case.refresh:
        case.refresh(case.namespace)
    if case.statement.startswith("try:"):
        # For cryptography: did verify accept (True) or raise InvalidToken (False)?
        try:
            eval(case.statement.split("\n")[1].strip(), case.namespace)
            case.namespace["_"] = True
        except InvalidToken:
            case.namespace["_"] = False
    else:
        case.namespace["_"] = eval(case.statement, case.namespace)
    if not case.check(case.namespace):
        sys.exit(f"bench.py: {library} gave a wrong answer for '{name}': {case.namespace['_']!r}")


def measure(table: dict[str, dict[str, Case]], rounds: int, batch_seconds: float, quick: bool) -> None:
    """Interleaved rounds: in every round each case runs each library once."""
    numbers: dict[tuple[str, str], int] = {}
    for name, libraries in table.items():
        for library, case in libraries.items():
            check(name, library, case)
            timer = timeit.Timer(case.statement, globals=case.namespace)
            if quick:
                numbers[name, library] = 300
            else:
                number, elapsed = timer.autorange()
                numbers[name, library] = max(1, int(number * batch_seconds / elapsed))
    for _ in range(rounds):
        for name, libraries in table.items():
            for library, case in libraries.items():
                if case.refresh:
                    case.refresh(case.namespace)
                number = numbers[name, library]
                elapsed = timeit.Timer(case.statement, globals=case.namespace).timeit(number)
                case.rates.append(number / elapsed)
    for name, libraries in table.items():
        for library, case in libraries.items():
            check(name, library, case)


def machine() -> str:
    model = platform.processor() or "unknown processor"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def rate(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:.2f} M/s"
    return f"{value / 1e3:.0f} k/s"


def report(table: dict[str, dict[str, Case]], rounds: int, quick: bool) -> None:
    versions = ", ".join(
        f"{package} {metadata.version(package)}" for package in ("nidan", "pyotp", "cryptography")
    )
    print(f"machine: {machine()}")
    print(f"python: {platform.python_implementation()} {platform.python_version()}; {versions}")
    print(f"ops/second, median of {rounds} interleaved round(s); in brackets the ratio to {BASELINE}")
    print()
    print("| case | " + " | ".join(LIBRARIES) + " |")
    print("| --- |" + " ---: |" * len(LIBRARIES))
    for name, libraries in table.items():
        medians = {library: statistics.median(case.rates) for library, case in libraries.items()}
        cells = [f"{rate(medians[library])} ({medians[library] / medians[BASELINE]:.1f}×)" for library in LIBRARIES]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("cryptography has no verification window: it checks the current step only.")
    if quick:
        print("--quick: every answer was checked, but a few hundred calls measure nothing; run without it.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="run each case a few hundred times (for CI)")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default 15)")
    parser.add_argument("--batch", type=float, default=0.05, help="seconds per timed batch (default 0.05)")
    options = parser.parse_args()
    rounds = 1 if options.quick else options.rounds
    table = cases()
    measure(table, rounds, options.batch, options.quick)
    report(table, rounds, options.quick)


if __name__ == "__main__":
    main()
