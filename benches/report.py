#!/usr/bin/env python3
"""Prints the last criterion run of benches/peers.rs as Markdown tables, with
the ratios the speed targets are stated in.

    cargo bench -p nidan-benches --bench peers -- --warm-up-time 1 --measurement-time 3
    python3 benches/report.py [--param fixed|now] [--criterion-dir target/criterion]

Times are criterion's median estimates, in nanoseconds per call.
"""

import argparse
import json
import pathlib
import sys

LIBRARIES = ["nidan", "totp-rs", "totp-lite", "libreauth"]
VERIFY = ["verify_current", "verify_previous", "verify_next", "verify_wrong"]
HASH_GROUPS = ["totp", "totp_sha256", "totp_sha512"]
OTHER_GROUPS = ["hotp/generate", "uri/parse", "uri/import", "secret/base32"]


def load(criterion_dir: pathlib.Path, param: str) -> dict:
    """{(group, function): median ns} for the given parameter (or none)."""
    times = {}
    for meta in criterion_dir.glob("**/new/benchmark.json"):
        info = json.loads(meta.read_text())
        if info.get("value_str") not in (None, param):
            continue
        estimates = json.loads((meta.parent / "estimates.json").read_text())
        times[(info["group_id"], info["function_id"])] = estimates["median"]["point_estimate"]
    return times


def cell(ns) -> str:
    return "—" if ns is None else (f"{ns:,.0f}" if ns >= 100 else f"{ns:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--param", default="fixed", choices=["fixed", "now"])
    parser.add_argument("--criterion-dir", default="target/criterion", type=pathlib.Path)
    args = parser.parse_args()
    times = load(args.criterion_dir, args.param)
    if not times:
        print(f"no criterion results under {args.criterion_dir}", file=sys.stderr)
        return 1
    floor = times.get(("floor", "hmac_sha1_prekeyed"))
    compress = times.get(("floor", "sha1_compress"))

    print(f"Floor: one SHA-1 compression {cell(compress)} ns; "
          f"HMAC-SHA1 of 8 bytes from a pre-keyed state {cell(floor)} ns.\n")
    print("| group | " + " | ".join(LIBRARIES) + " | nidan / hmac floor | fastest peer / nidan |")
    print("|---" * (len(LIBRARIES) + 3) + "|")
    groups = [f"{h}/{op}" for h in HASH_GROUPS for op in ["generate", *VERIFY]] + OTHER_GROUPS
    for group in groups:
        row = [times.get((group, lib)) for lib in LIBRARIES]
        if row[0] is None:
            continue
        peers = [t for t in row[1:] if t is not None]
        to_floor = f"{row[0] / floor:.2f}" if floor and group.startswith("totp/") else ""
        speedup = f"{min(peers) / row[0]:.1f}x" if peers else ""
        print(f"| `{group}` | " + " | ".join(cell(t) for t in row) + f" | {to_floor} | {speedup} |")

    print("\nTargets (SHA-1, ±1 window):")
    checks = []
    generate = times.get(("totp/generate", "nidan"))
    wrong = times.get(("totp/verify_wrong", "nidan"))
    wrong_peer = times.get(("totp/verify_wrong", "totp-rs"))
    if floor and generate:
        checks.append(("generate / hmac_sha1_prekeyed", generate / floor, 1.1))
    if floor and wrong:
        checks.append(("verify_wrong / hmac_sha1_prekeyed", wrong / floor, 3.3))
    if wrong and wrong_peer:
        checks.append(("verify_wrong / totp-rs verify_wrong", wrong / wrong_peer, 0.7))
    for hash_group in HASH_GROUPS:
        verify = [times.get((f"{hash_group}/{op}", "nidan")) for op in VERIFY]
        if all(verify):
            checks.append((f"{hash_group}: slowest / fastest verify group", max(verify) / min(verify), 1.05))
    for name, value, limit in checks:
        print(f"- {name}: {value:.2f} (target at most {limit}) {'ok' if value <= limit else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
