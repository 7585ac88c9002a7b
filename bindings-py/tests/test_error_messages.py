"""Error messages name the parameter at fault and state its real limit."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import nidan
import nidan.pyotp

RFC_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
TOTP_URI = f"otpauth://totp/ACME:alice?secret={RFC_BASE32}&issuer=ACME"
HOTP_URI = f"otpauth://hotp/ACME:alice?secret={RFC_BASE32}&issuer=ACME&counter=5"
HUGE = [2**64, 2**70, 10**100]
WINDOW = r"is too large: a window reaches at most 100 steps to one side$"


def no_account() -> Any:
    return None


CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    (
        "to_hotp on a TOTP key",
        lambda: nidan.KeyUri.parse(TOTP_URI).to_hotp(),
        nidan.UriError,
        r"^the key is TOTP \(time-based\), not HOTP$",
    ),
    (
        "to_totp on an HOTP key",
        lambda: nidan.KeyUri.parse(HOTP_URI).to_totp(),
        nidan.UriError,
        r"^the key is HOTP \(counter-based\), not TOTP$",
    ),
    (
        "pyotp valid_window=51",
        lambda: nidan.pyotp.TOTP(RFC_BASE32).verify("123456", valid_window=51),
        nidan.ParameterError,
        r"^valid_window must be at most 50 steps each way, got 51$",
    ),
    (
        "pyotp valid_window=51 with the timecode",
        lambda: nidan.pyotp.TOTP(RFC_BASE32).verify_and_get_timecode("123456", valid_window=51),
        nidan.ParameterError,
        r"^valid_window must be at most 50 steps each way, got 51$",
    ),
    ("account=None", lambda: nidan.TOTP(RFC_BASE32, account=no_account()), TypeError, r"^account must be a str, not NoneType"),
    ("HOTP account=None", lambda: nidan.HOTP(RFC_BASE32, account=no_account()), TypeError, r"^account must be a str, not NoneType"),
    ("issuer=5", lambda: nidan.TOTP(RFC_BASE32, issuer=5), TypeError, r"^issuer must be a str, not int"),  # type: ignore[arg-type]
    ("account with a lone surrogate", lambda: nidan.TOTP(RFC_BASE32, account="\ud800"), nidan.ParameterError, r"^account is not Unicode text"),
    (
        "Secret.from_bytes of text",
        lambda: nidan.Secret.from_bytes("text"),  # type: ignore[arg-type]
        TypeError,
        r"^data must be bytes, not str \(read base32 text with Secret\.from_base32\)$",
    ),
    ("ahead=101", lambda: nidan.TOTP(RFC_BASE32).verify("123456", ahead=101), nidan.ParameterError, "^ahead " + WINDOW),
    ("digits=11", lambda: nidan.TOTP(RFC_BASE32, digits=11), nidan.ParameterError, r"^digits must be from 6 to 10"),
    ("length=257", lambda: nidan.Secret.generate(length=257), nidan.SecretError, r"at most 256 bytes"),
    ("a counter past 2**64 - 1", lambda: nidan.HOTP(RFC_BASE32).generate(2**64), nidan.ParameterError, r"^counter is too large: at most 2\*\*64 - 1$"),
]


def huge_cases(number: int) -> list[tuple[str, Callable[[], object], type[Exception], str]]:
    """Numbers past 2**64 - 1 for parameters whose limit is far lower."""
    totp = nidan.TOTP(RFC_BASE32)
    hotp = nidan.HOTP(RFC_BASE32)
    return [
        (f"behind={number}", lambda: totp.verify("123456", behind=number), nidan.ParameterError, "^behind " + WINDOW),
        (f"ahead={number}", lambda: totp.check("123456", ahead=number), nidan.ParameterError, "^ahead " + WINDOW),
        (
            f"look_ahead={number}",
            lambda: hotp.verify("123456", counter=0, look_ahead=number),
            nidan.ParameterError,
            "^look_ahead " + WINDOW,
        ),
        (f"digits={number}", lambda: nidan.TOTP(RFC_BASE32, digits=number), nidan.ParameterError, r"^digits must be from 6 to 10$"),
        (f"HOTP digits={number}", lambda: nidan.HOTP(RFC_BASE32, digits=number), nidan.ParameterError, r"^digits must be from 6 to 10$"),
        (
            f"length={number}",
            lambda: nidan.Secret.generate(length=number),
            nidan.SecretError,
            r"^secret is too long: at most 256 bytes are supported$",
        ),
    ]


for huge in HUGE:
    CASES += huge_cases(huge)


@pytest.mark.parametrize(("call", "family", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_message_names_the_parameter_and_its_limit(call: Callable[[], object], family: type[Exception], message: str) -> None:
    with pytest.raises(family, match=message):
        call()


def test_the_limits_themselves_are_accepted() -> None:
    totp = nidan.TOTP(RFC_BASE32)
    assert totp.verify("000000", time=10**9, behind=100, ahead=100) is None
    assert nidan.HOTP(RFC_BASE32).verify("000000", counter=0, look_ahead=100) is None
    assert nidan.pyotp.TOTP(RFC_BASE32).verify("000000", for_time=10**9, valid_window=50) is False
    assert nidan.Secret.generate(length=256).byte_len == 256
    assert nidan.TOTP(RFC_BASE32, account="", issuer=None).account == ""
