#!/usr/bin/env python3
"""Writes core/tests/vectors/server_side.json from an independent model.

The model below is a second implementation of the server-side rules
(record format, throttle, drift learning, recovery and delivered codes),
written from the rules in the core's doc comments with Python's standard
library only (hmac, hashlib, base64). The Rust, Python and JS suites check
that nidan decides exactly what this model decides. Run it again only when
a rule changes on purpose:

    python3 scripts/vectors/server_side.py > core/tests/vectors/server_side.json
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
import sys

SECRET = b"12345678901234567890"
PERIOD = 30


def totp_code(step: int, digits: int = 6) -> str:
    mac = hmac.new(SECRET, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def b32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=")


def seal(kind: bytes, body: bytes) -> bytes:
    data = kind + b"\x01" + body
    return data + hashlib.sha256(data).digest()[:4]


# --- the login record -------------------------------------------------------


def record_bytes(r: dict) -> bytes:
    flags = 1 if r["last_step"] is not None else 0
    body = struct.pack(
        ">BQQIQb",
        flags,
        r["version"],
        r["last_step"] or 0,
        r["failures"],
        r["last_failure"] or 0,
        r["drift"],
    )
    return seal(b"L", body)


def new_record() -> dict:
    return {"version": 0, "last_step": None, "failures": 0, "last_failure": None, "drift": 0}


def fields(r: dict) -> dict:
    return dict(r)


# --- the decision -----------------------------------------------------------


def delay(policy: dict, failures: int) -> int:
    if failures == 0:
        return 0
    return min(policy["factor"] * 2 ** (failures - 1), policy["max_wait"])


def hold(policy: dict, r: dict, now: int):
    if r["failures"] >= policy["max_failures"]:
        return {"outcome": "locked"}
    if r["failures"] == 0:
        return None
    until = r["last_failure"] + delay(policy, r["failures"])
    if now < until:
        return {"outcome": "throttled", "wait_seconds": until - now}
    return None


def cap(policy: dict, drift: int) -> int:
    return max(-policy["max_learned"], min(policy["max_learned"], drift))


def attempt(policy: dict, r: dict, code: str, now: int):
    held = hold(policy, r, now)
    if held:
        return held, r
    now_step = now // PERIOD
    centre = max(0, now_step + cap(policy, r["drift"]))
    steps = range(max(0, centre - policy["behind"]), centre + policy["ahead"] + 1)
    valid = len(code) == 6 and code.isascii() and code.isdigit()
    matches = [s for s in steps if valid and totp_code(s) == code]
    # The closest to the centre wins, the earlier on a tie.
    matches.sort(key=lambda s: (abs(s - centre), s))
    floor = r["last_step"]
    fresh = [s for s in matches if floor is None or s > floor]
    if fresh:
        step = fresh[0]
        drift = cap(policy, step - now_step)
        new = {"version": r["version"] + 1, "last_step": step, "failures": 0, "last_failure": None, "drift": drift}
        return {"outcome": "accepted", "step": step, "drift": drift}, new
    if matches:
        return {"outcome": "replayed"}, r
    new = dict(r, version=r["version"] + 1, failures=r["failures"] + 1, last_failure=now)
    return {"outcome": "rejected"}, new


DEFAULT = {"behind": 1, "ahead": 1, "max_learned": 4, "factor": 1, "max_wait": 900, "max_failures": 100}


def scenario(name: str, policy: dict, moves: list) -> dict:
    """`moves`: (time, code) pairs, or the actions "reset_failures" and "restart"."""
    r = new_record()
    out = []
    for move in moves:
        if move == "reset_failures":
            r = dict(r, version=r["version"] + 1, failures=0, last_failure=None)
            out.append({"action": "reset_failures", "record": b32(record_bytes(r)), "fields": fields(r)})
            continue
        if move == "restart":
            r = dict(new_record(), version=r["version"] + 1)
            out.append({"action": "restart", "record": b32(record_bytes(r)), "fields": fields(r)})
            continue
        now, code = move
        decision, new = attempt(policy, r, code, now)
        entry = {"time": now, "code": code, **decision}
        if decision["outcome"] in ("accepted", "rejected"):
            r = new
            entry["record"] = b32(record_bytes(r))
            entry["fields"] = fields(r)
        out.append(entry)
    return {"name": name, "policy": policy, "attempts": out}


T = 1_111_111_111  # step 37037037
S = T // PERIOD


def at(step: int) -> str:
    return totp_code(step)


login = [
    scenario(
        "accept, refuse the replay, accept the next step",
        DEFAULT,
        [(T, at(S)), (T + 5, at(S)), (T + 30, at(S)), (T + 30, at(S + 1))],
    ),
    scenario(
        "a code one step ahead, then the current one is a replay (steps at or below the last)",
        DEFAULT,
        [(T, at(S + 1)), (T + 1, at(S))],
    ),
    scenario(
        "wrong and malformed codes count, the back-off doubles, a success resets",
        DEFAULT,
        [
            (T, "000000"),
            (T, at(S)),
            (T + 1, "12345"),
            (T + 2, at(S)),
            (T + 3, "abcdef"),
            (T + 7, "１２３４５６"),
            (T + 10, "999999"),
            (T + 17, at(S)),
            (T + 18, at(S)),
            (T + 26, at(S)),
            (T + 30, "000000"),
            (T + 31, at(S + 1)),
        ],
    ),
    scenario(
        "the wait is capped at max_wait",
        dict(DEFAULT, factor=10, max_wait=25),
        [(T, "000000"), (T + 10, "000000"), (T + 30, "000000"), (T + 55, "000000"), (T + 56, at(S + 1)), (T + 80, at(S + 2))],
    ),
    scenario(
        "the hard stop: locked even for the right code, until reset_failures",
        dict(DEFAULT, max_failures=3),
        [
            (T, "000000"),
            (T + 1, "000000"),
            (T + 3, "000000"),
            (T + 10, at(S)),
            (T + 100_000, at((T + 100_000) // PERIOD)),
            "reset_failures",
            (T + 100_001, at((T + 100_001) // PERIOD)),
        ],
    ),
    scenario(
        "drift learning: a slow phone is refused, learned one step at a time, and capped",
        dict(DEFAULT, max_learned=2),
        [
            (T, at(S - 2)),
            (T + 1, at(S - 1)),
            (T + 60, at(S + 2 - 2)),
            (T + 120, at(S + 4 - 3)),
            (T + 180, at(S + 6 - 4)),
            (T + 181, at(S + 6 - 3)),
            (T + 300, at(S + 10 - 2)),
        ],
    ),
    scenario(
        "a fixed window learns nothing",
        dict(DEFAULT, max_learned=0),
        [(T, at(S - 1)), (T + 60, at(S + 2 - 2))],
    ),
    scenario(
        "a wider window behind for slow phones",
        dict(DEFAULT, behind=3, ahead=0, max_learned=0),
        [(T, at(S + 1)), (T + 1, at(S - 3)), (T + 30, at(S + 1 - 1))],
    ),
    scenario(
        "restart (new enrolment) keeps the version growing",
        DEFAULT,
        [(T, at(S)), "restart", (T + 1, at(S))],
    ),
]

# --- stored records that cannot be read ----------------------------------------

good = record_bytes({"version": 7, "last_step": S, "failures": 2, "last_failure": T, "drift": -3})


def resealed(kind: bytes, body: bytes) -> str:
    return b32(seal(kind, body))


flipped = bytearray(good)
flipped[12] ^= 0x01
unknown_format = bytearray(good[:-4])
unknown_format[1] = 2
unknown_format = bytes(unknown_format) + hashlib.sha256(bytes(unknown_format)).digest()[:4]

records = {
    "valid": [
        {"text": b32(good), "hex": good.hex(), "fields": {"version": 7, "last_step": S, "failures": 2, "last_failure": T, "drift": -3}},
        {"text": b32(record_bytes(new_record())), "hex": record_bytes(new_record()).hex(), "fields": new_record()},
        {"text": b32(good).lower(), "hex": good.hex(), "fields": {"version": 7, "last_step": S, "failures": 2, "last_failure": T, "drift": -3}},
    ],
    "invalid": [
        {"why": "one bit flipped", "text": b32(bytes(flipped)), "error": "it is corrupted (its check does not match)"},
        {"why": "truncated", "text": b32(good[:-1]), "error": "it is corrupted (its check does not match)"},
        {"why": "empty", "text": "", "error": "it is too short"},
        {"why": "three bytes", "text": b32(good[:3]), "error": "it is too short"},
        {"why": "not base32", "text": "not a record!", "error": "its text is not base32"},
        {"why": "longer than any record", "text": b32(good + good), "error": "it is too long"},
        {"why": "another kind of value", "text": resealed(b"R", good[2:-4]), "error": "it is not of this kind (another value or not nidan's)"},
        {"why": "a newer format", "text": b32(unknown_format), "error": "its format number is unknown"},
        {"why": "a field too many", "text": resealed(b"L", good[2:-4] + b"\x00"), "error": "it is too long"},
        {"why": "a field too few", "text": resealed(b"L", good[2:-5]), "error": "it is too short"},
        {"why": "unknown flags", "text": resealed(b"L", b"\x02" + good[3:-4]), "error": "its flags are invalid"},
        {
            "why": "no last step but a step number",
            "text": resealed(b"L", b"\x00" + good[3:-4]),
            "error": "its flags are invalid",
        },
        {
            "why": "drift beyond 100",
            "text": resealed(b"L", good[2:-5] + struct.pack(">b", 101)),
            "error": "its drift is beyond the cap",
        },
        {
            "why": "a failure time without failures",
            "text": resealed(b"L", struct.pack(">BQQIQb", 0, 1, 0, 0, T, 0)),
            "error": "it has a failure time but no failures",
        },
    ],
}
for entry in records["invalid"]:
    entry["error"] = "stored login record cannot be read: " + entry["error"]

# --- recovery codes ---------------------------------------------------------------

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PEPPER = bytes(range(100, 132))


def verifier(label: bytes, salt: bytes, code: bytes, pepper: bytes = PEPPER) -> bytes:
    return hmac.new(pepper, label + b"\x00" + salt + code, hashlib.sha256).digest()[:16]


def recovery_set(random: bytes, count: int):
    salt = random[:16]
    codes = []
    for i in range(count):
        bits = struct.unpack(">Q", random[16 + 8 * i : 24 + 8 * i])[0]
        codes.append("".join(ALPHABET[(bits >> (59 - 5 * j)) & 31] for j in range(12)))
    verifiers = [verifier(b"nidan recovery code", salt, c.encode()) for c in codes]
    return salt, codes, verifiers


def recovery_bytes(count: int, used: int, version: int, salt: bytes, verifiers: list) -> bytes:
    return seal(b"R", struct.pack(">BIQ", count, used, version) + salt + b"".join(verifiers))


random10 = hashlib.sha512(b"nidan recovery vector").digest() + hashlib.sha512(b"more").digest()[:32]
salt, codes, verifiers = recovery_set(random10[:96], 10)
printed = [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]
fullwidth = "".join(chr(ord(ch) + 0xFEE0) for ch in printed[3].lower())
recovery = {
    "pepper_hex": PEPPER.hex(),
    "random_hex": random10[:96].hex(),
    "count": 10,
    "codes": printed,
    "verifiers_hex": [v.hex() for v in verifiers],
    "text": b32(recovery_bytes(10, 0, 0, salt, verifiers)),
    "redeem": [
        {"typed": printed[0], "outcome": "accepted", "remaining": 9, "text": b32(recovery_bytes(10, 0b1, 1, salt, verifiers))},
        {"typed": printed[0].lower(), "outcome": "rejected"},
        {"typed": " ".join(codes[2][i : i + 4] for i in (0, 4, 8)).lower(), "outcome": "accepted", "remaining": 8, "text": b32(recovery_bytes(10, 0b101, 2, salt, verifiers))},
        {"typed": fullwidth, "outcome": "accepted", "remaining": 7, "text": b32(recovery_bytes(10, 0b1101, 3, salt, verifiers))},
        {"typed": codes[9], "outcome": "accepted", "remaining": 6, "text": b32(recovery_bytes(10, 0b1000001101, 4, salt, verifiers))},
        {"typed": printed[1], "pepper_hex": bytes(range(32)).hex(), "outcome": "rejected"},
        {"typed": printed[1][:-1], "outcome": "rejected"},
        {"typed": printed[1].replace(printed[1][0], "0", 1), "outcome": "rejected"},
        {"typed": "", "outcome": "rejected"},
        {"typed": "2222-2222-2222", "outcome": "rejected"},
    ],
    "invalid": [
        {"why": "a login record", "text": b32(good), "error": "stored recovery codes cannot be read: it is not of this kind (another value or not nidan's)"},
        {"why": "no codes", "text": b32(recovery_bytes(0, 0, 0, salt, [])), "error": "stored recovery codes cannot be read: its number of codes is out of range"},
        {"why": "21 codes", "text": b32(recovery_bytes(21, 0, 0, salt, [])), "error": "stored recovery codes cannot be read: its number of codes is out of range"},
        {"why": "a used mark past the codes", "text": b32(recovery_bytes(10, 1 << 10, 0, salt, verifiers)), "error": "stored recovery codes cannot be read: it marks codes used that it does not have"},
        {"why": "a verifier missing", "text": b32(recovery_bytes(10, 0, 0, salt, verifiers[:9])), "error": "stored recovery codes cannot be read: it is too short"},
    ],
}

# --- delivered codes ----------------------------------------------------------------


def delivered_bytes(d: dict) -> bytes:
    body = struct.pack(">BBBBQQ", d["used"], d["digits"], d["attempts"], d["max_attempts"], d["version"], d["expires_at"])
    return seal(b"D", body + d["salt"] + d["verifier"])


def delivered_case(name: str, random: bytes, now: int, digits: int, lifetime: int, max_attempts: int, checks: list):
    value = struct.unpack(">Q", random[16:24])[0] % 10**digits
    code = str(value).zfill(digits)
    d = {
        "used": 0,
        "digits": digits,
        "attempts": 0,
        "max_attempts": max_attempts,
        "version": 0,
        "expires_at": now + lifetime,
        "salt": random[:16],
        "verifier": verifier(b"nidan delivered code", random[:16], code.encode()),
    }
    out = []
    for typed, when in checks:
        typed = typed.replace("WIDE", "".join(chr(ord(c) + 0xFEE0) for c in code[:4]) + " " + code[4:])
        typed = typed.replace("CODE", code)
        digits_typed = "".join(
            chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in typed if c not in " -"
        )
        if d["used"]:
            out.append({"typed": typed, "time": when, "outcome": "used"})
        elif when >= d["expires_at"]:
            out.append({"typed": typed, "time": when, "outcome": "expired"})
        elif d["attempts"] >= d["max_attempts"]:
            out.append({"typed": typed, "time": when, "outcome": "exhausted"})
        elif digits_typed == code:
            d = dict(d, used=1, version=d["version"] + 1)
            out.append({"typed": typed, "time": when, "outcome": "accepted", "text": b32(delivered_bytes(d))})
        else:
            d = dict(d, attempts=d["attempts"] + 1, version=d["version"] + 1)
            out.append(
                {
                    "typed": typed,
                    "time": when,
                    "outcome": "rejected",
                    "attempts_left": d["max_attempts"] - d["attempts"],
                    "text": b32(delivered_bytes(d)),
                }
            )
    first = dict(d, used=0, attempts=0, version=0)
    return {
        "name": name,
        "random_hex": random.hex(),
        "time": now,
        "digits": digits,
        "lifetime": lifetime,
        "max_attempts": max_attempts,
        "code": code,
        "text": b32(delivered_bytes(first)),
        "checks": out,
    }


R1 = hashlib.sha256(b"delivered one").digest()[:24]
R2 = hashlib.sha256(b"delivered two").digest()[:24]
N = 1_700_000_000
delivered = [
    delivered_case("wrong twice, then right, then used", R1, N, 6, 600, 5, [("000000", N + 1), ("12345", N + 2), ("CODE", N + 3), ("CODE", N + 4)]),
    delivered_case("expired at the end of its lifetime", R1, N, 6, 600, 5, [("CODE", N + 600)]),
    delivered_case("typed with spaces and full-width digits, 8 digits", R2, N, 8, 300, 3, [("WIDE", N)]),
    delivered_case("exhausted after max_attempts", R2, N, 8, 300, 2, [("00000000", N), ("00000001", N + 1), ("CODE", N + 2)]),
]
json.dump(
    {
        "description": "Server-side decisions (issue 14), generated by scripts/vectors/server_side.py, an independent model using Python's hmac, hashlib and base64: login attempts with throttling, replay refusal and drift learning; stored records that cannot be read; recovery codes; delivered codes. Times are Unix seconds; TOTP is the RFC 6238 SHA1 seed, 6 digits, period 30, T0 0.",
        "totp": {"secret_ascii": SECRET.decode(), "algorithm": "SHA1", "digits": 6, "period": PERIOD},
        "login": login,
        "records": records,
        "recovery": recovery,
        "delivered": delivered,
    },
    sys.stdout,
    indent=1,
    ensure_ascii=False,
)
sys.stdout.write("\n")
