"""Bad input of every kind raises the documented exception (a wrong code is
simply not a match); nothing crashes the interpreter."""

from __future__ import annotations

import random
import string
from typing import Any, Callable

import pytest

import nidan

RFC_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
HUGE = [2**64, 2**100, -1, -(2**70)]
WRONG_TYPES: list[Any] = [None, 1.5, b"abc", bytearray(b"abc"), [], {}, object(), True]


@pytest.mark.parametrize(
    "text", ["", "=", "========", "A", "ABC", "1" * 16, "JBSW Y3DP", "\0" * 16, "\ud800" * 16, "Ａ" * 16, "A" * 1000]
)
def test_bad_secret_text_raises_secret_error(text: str) -> None:
    with pytest.raises(nidan.SecretError):
        nidan.Secret.from_base32(text)
    with pytest.raises(nidan.SecretError):
        nidan.TOTP(text)


@pytest.mark.parametrize("data", [b"", b"short", b"x" * 257, b"x" * 100_000])
def test_bad_secret_bytes_raise_secret_error(data: bytes) -> None:
    with pytest.raises(nidan.SecretError):
        nidan.Secret.from_bytes(data)


@pytest.mark.parametrize("value", WRONG_TYPES)
def test_wrong_types_raise_type_error(value: Any) -> None:
    calls: list[Callable[[], object]] = [
        lambda: nidan.Secret.from_base32(value),
        lambda: nidan.Secret.from_typed_base32(value),
        lambda: nidan.TOTP(value),
        lambda: nidan.HOTP(value),
        lambda: nidan.KeyUri.parse(value),
        lambda: nidan.normalize_code(value),
        lambda: nidan.TOTP(RFC_BASE32).verify(value, time=0),
        lambda: nidan.HOTP(RFC_BASE32).verify(value, counter=0),
    ]
    if value is not None:  # None for an option means its default
        calls.append(lambda: nidan.TOTP(RFC_BASE32, algorithm=value))
    if not isinstance(value, float):  # a float for a count is a ParameterError (below)
        calls.append(lambda: nidan.HOTP(RFC_BASE32).generate(value))
        if value is not None:
            calls += [
                lambda: nidan.TOTP(RFC_BASE32, digits=value),
                lambda: nidan.TOTP(RFC_BASE32, period=value),
                lambda: nidan.TOTP(RFC_BASE32).verify("123456", time=0, behind=value),
            ]
    for call in calls:
        with pytest.raises(TypeError):
            call()


@pytest.mark.parametrize("number", [6.0, 1.5, -1.0, float("nan"), float("inf"), 1e30])
def test_floats_for_counts_raise_parameter_error(number: Any) -> None:
    # Not a wrong type but no count either: the family the other surfaces raise.
    totp = nidan.TOTP(RFC_BASE32)
    hotp = nidan.HOTP(RFC_BASE32)
    account = nidan.KeyUri.parse(f"otpauth://totp/a?secret={RFC_BASE32}")
    calls: list[Callable[[], object]] = [
        lambda: nidan.TOTP(RFC_BASE32, digits=number),
        lambda: nidan.TOTP(RFC_BASE32, period=number),
        lambda: nidan.TOTP(RFC_BASE32, t0=number),
        lambda: nidan.HOTP(RFC_BASE32, digits=number),
        lambda: totp.generate_at_step(number),
        lambda: totp.verify("123456", time=0, behind=number),
        lambda: totp.check("123456", time=0, ahead=number),
        lambda: totp.verify("123456", time=0, last_accepted=number),
        lambda: hotp.generate(number),
        lambda: hotp.verify("123456", counter=number),
        lambda: hotp.verify("123456", counter=0, look_ahead=number),
        lambda: hotp.to_uri(counter=number),
        lambda: nidan.Secret.generate(length=number),
        lambda: nidan.MigrationBatch([account], version=number),
        lambda: nidan.MigrationBatch([account], batch_id=number),
        lambda: nidan.MigrationBatch.export([account], max_uri_len=number),
        lambda: nidan.Qr("x").is_dark(number, 0),
    ]
    for call in calls:
        with pytest.raises(nidan.ParameterError, match="whole number"):
            call()


@pytest.mark.parametrize("number", HUGE)
def test_out_of_range_numbers_raise_parameter_error(number: int) -> None:
    totp = nidan.TOTP(RFC_BASE32)
    hotp = nidan.HOTP(RFC_BASE32)
    calls: list[Callable[[], object]] = [
        lambda: nidan.TOTP(RFC_BASE32, digits=number),
        lambda: nidan.TOTP(RFC_BASE32, period=number),
        lambda: nidan.TOTP(RFC_BASE32, t0=number),
        lambda: totp.generate(number),
        lambda: totp.generate_at_step(number),
        lambda: totp.verify("123456", time=number),
        lambda: totp.verify("123456", time=0, behind=number),
        lambda: totp.verify("123456", time=0, ahead=number),
        lambda: totp.verify("123456", time=0, last_accepted=number),
        lambda: hotp.generate(number),
        lambda: hotp.verify("123456", counter=number),
        lambda: hotp.verify("123456", counter=0, look_ahead=number),
        lambda: hotp.to_uri(counter=number),
        lambda: nidan.Secret.generate(length=number),
    ]
    for call in calls:
        with pytest.raises(nidan.NidanError):
            call()


@pytest.mark.parametrize(
    ("options", "family"),
    [
        ({"digits": 5}, nidan.ParameterError),
        ({"digits": 11}, nidan.ParameterError),
        ({"period": 0}, nidan.ParameterError),
        ({"algorithm": "MD5"}, nidan.ParameterError),
        ({"algorithm": ""}, nidan.ParameterError),
        ({"algorithm": "\ud800"}, nidan.ParameterError),
    ],
)
def test_bad_parameters_raise_parameter_error(options: dict[str, Any], family: type[Exception]) -> None:
    with pytest.raises(family):
        nidan.TOTP(RFC_BASE32, **options)


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "otpauth://",
        "otpauth://totp",
        "otpauth://xotp/a?secret=JBSWY3DPEHPK3PXP",
        "http://totp/a?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/a",
        "otpauth://totp/a?secret=",
        "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=9",
        "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=-6",
        "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0",
        "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=99999999999999999999999",
        "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
        "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=B",
        "otpauth://totp/a%?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/a%ff?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/\ud800?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=" + "x" * 3000,
    ],
)
def test_malformed_uris_raise_nidan_errors(uri: str) -> None:
    with pytest.raises(nidan.NidanError):
        nidan.KeyUri.parse(uri)


@pytest.mark.parametrize(
    "code", ["", " ", "12345", "1234567", " 123456", "123456\n", "+12345", "１２３４５６", "\ud800" * 6, "9" * 10**6]
)
def test_malformed_codes_are_wrong_codes_not_errors(code: str) -> None:
    totp = nidan.TOTP(RFC_BASE32)
    assert totp.verify(code, time=59) is None
    assert not totp.check(code, time=59)
    assert nidan.HOTP(RFC_BASE32).verify(code, counter=0, look_ahead=100) is None


def test_random_garbage_never_crashes() -> None:
    rng = random.Random(20240601)
    alphabet = string.printable + "ＡＢ１２３　=%:\0\u00e9\u2010\ud800"
    totp = nidan.TOTP(RFC_BASE32)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        for call in (
            lambda: nidan.Secret.from_base32(text, allow_short=True),
            lambda: nidan.Secret.from_typed_base32(text),
            lambda: nidan.KeyUri.parse("otpauth://totp/" + text),
            lambda: nidan.KeyUri.parse(f"otpauth://totp/a?secret={RFC_BASE32}&" + text),
        ):
            try:
                call()
            except nidan.NidanError:
                pass
        assert totp.verify(text, time=rng.randrange(2**40), behind=2) is None or text.isdigit()
        normalised = nidan.normalize_code(text)
        assert normalised is None or (normalised.isdigit() and 6 <= len(normalised) <= 10)
