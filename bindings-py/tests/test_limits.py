"""The defaults and limits are the Rust core's: ``nidan.limits()`` reads them
from there, and the package behaves by them. No value is typed here: each
is read from ``nidan.limits()``."""

from __future__ import annotations

import inspect
import os
import re
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import nidan

LIMITS = nidan.limits()
SECRET = nidan.Secret.from_bytes(b"12345678901234567890")
PEPPER = bytes(range(32))


def number(name: str) -> int:
    value = LIMITS[name]
    assert isinstance(value, int), name
    return value


def name(name: str) -> str:
    value = LIMITS[name]
    assert isinstance(value, str), name
    return value


def defaults(function: Callable[..., Any]) -> dict[str, Any]:
    """The defaults that ``help()`` and the stub show (the text signature)."""
    return {
        parameter.name: parameter.default
        for parameter in inspect.signature(function).parameters.values()
        if parameter.default is not inspect.Parameter.empty
    }


def test_every_limit_is_listed_by_name() -> None:
    expected = {
        "secret_min_bytes", "secret_min_random_bytes", "secret_random_bytes", "secret_max_bytes",
        "min_digits", "max_digits", "totp_algorithm", "totp_digits", "totp_period", "totp_t0",
        "totp_format", "hotp_algorithm", "hotp_digits", "hotp_format", "hotp_look_ahead",
        "window_behind", "window_ahead", "window_max_side", "max_input_len", "uri_max_len",
        "migration_max_len", "migration_max_uri_len", "migration_version", "migration_batch_id_bytes",
        "recovery_count", "recovery_max_count", "recovery_min_pepper_bytes", "delivered_digits",
        "delivered_lifetime", "delivered_max_attempts", "delivered_random_len", "login_max_learned",
        "login_factor", "login_max_wait", "login_max_failures", "throttle_max_failures", "record_max_drift",
    }  # fmt: skip
    assert set(LIMITS) == expected
    assert all(isinstance(value, (int, str)) for value in LIMITS.values())
    # A fresh dict each call: changing one changes nothing in the package.
    nidan.limits()["totp_digits"] = 99
    assert nidan.TOTP(SECRET).digits == LIMITS["totp_digits"]


def test_totp_and_hotp_use_the_defaults() -> None:
    totp = nidan.TOTP(SECRET)
    assert (totp.algorithm, totp.digits, totp.period, totp.t0, totp.format) == (
        LIMITS["totp_algorithm"], LIMITS["totp_digits"], LIMITS["totp_period"], LIMITS["totp_t0"],
        LIMITS["totp_format"],
    )  # fmt: skip
    assert len(totp.generate(0)) == number("totp_digits")
    hotp = nidan.HOTP(SECRET)
    assert (hotp.algorithm, hotp.digits, hotp.format) == (
        LIMITS["hotp_algorithm"], LIMITS["hotp_digits"], LIMITS["hotp_format"],
    )  # fmt: skip


# CPython 3.9's stable ABI (the abi3 wheel) gives a class no text signature,
# so ``help()`` shows none there; methods keep theirs on every version.
@pytest.mark.skipif(sys.version_info < (3, 10), reason="abi3 classes have no text signature before CPython 3.10")
def test_class_signatures_show_the_defaults() -> None:
    shown = defaults(nidan.TOTP)
    assert (shown["algorithm"], shown["digits"], shown["period"], shown["t0"], shown["format"]) == (
        LIMITS["totp_algorithm"], LIMITS["totp_digits"], LIMITS["totp_period"], LIMITS["totp_t0"],
        LIMITS["totp_format"],
    )  # fmt: skip
    shown = defaults(nidan.HOTP)
    assert (shown["algorithm"], shown["digits"], shown["format"]) == (
        LIMITS["hotp_algorithm"], LIMITS["hotp_digits"], LIMITS["hotp_format"],
    )  # fmt: skip
    shown = defaults(nidan.Login)
    assert shown == {
        "behind": LIMITS["window_behind"], "ahead": LIMITS["window_ahead"],
        "max_learned": LIMITS["login_max_learned"], "factor": LIMITS["login_factor"],
        "max_wait": LIMITS["login_max_wait"], "max_failures": LIMITS["login_max_failures"],
    }  # fmt: skip


@pytest.mark.parametrize("make", [nidan.TOTP, nidan.HOTP])
def test_digits_range(make: Callable[..., Any]) -> None:
    for digits in (number("min_digits"), number("max_digits")):
        assert make(SECRET, digits=digits).digits == digits
    for digits in (number("min_digits") - 1, number("max_digits") + 1):
        with pytest.raises(nidan.ParameterError):
            make(SECRET, digits=digits)


def test_secret_lengths() -> None:
    assert nidan.Secret.generate().byte_len == number("secret_random_bytes")
    assert defaults(nidan.Secret.generate)["length"] == number("secret_random_bytes")
    for length in (number("secret_min_random_bytes"), number("secret_max_bytes")):
        assert nidan.Secret.generate(length=length).byte_len == length
    for length in (number("secret_min_random_bytes") - 1, number("secret_max_bytes") + 1):
        with pytest.raises(nidan.SecretError):
            nidan.Secret.generate(length=length)
    assert nidan.Secret.from_bytes(bytes(number("secret_min_bytes"))).byte_len == number("secret_min_bytes")
    with pytest.raises(nidan.SecretError):
        nidan.Secret.from_bytes(bytes(number("secret_min_bytes") - 1))
    with pytest.raises(nidan.SecretError):
        nidan.Secret.from_bytes(bytes(number("secret_max_bytes") + 1))


def test_totp_window() -> None:
    totp = nidan.TOTP(SECRET)
    period, behind, ahead = number("totp_period"), number("window_behind"), number("window_ahead")
    now = 1000 * period
    assert totp.verify(totp.generate(now - behind * period), time=now) is not None
    assert totp.verify(totp.generate(now - (behind + 1) * period), time=now) is None
    assert totp.verify(totp.generate(now + ahead * period), time=now) is not None
    assert totp.verify(totp.generate(now + (ahead + 1) * period), time=now) is None
    shown = defaults(nidan.TOTP.verify)
    assert (shown["behind"], shown["ahead"]) == (behind, ahead)
    totp.verify("000000", time=now, behind=number("window_max_side"), ahead=number("window_max_side"))
    with pytest.raises(nidan.ParameterError):
        totp.verify("000000", time=now, behind=number("window_max_side") + 1)


def test_hotp_look_ahead() -> None:
    hotp = nidan.HOTP(SECRET)
    look_ahead = number("hotp_look_ahead")
    assert hotp.verify(hotp.generate(5 + look_ahead), counter=5) is not None
    assert hotp.verify(hotp.generate(5 + look_ahead + 1), counter=5) is None
    assert defaults(nidan.HOTP.verify)["look_ahead"] == look_ahead


def test_uri_length() -> None:
    uri = "otpauth://totp/a?secret=" + SECRET.to_base32() + "&x="
    longest = uri + "y" * (number("uri_max_len") - len(uri))
    assert nidan.KeyUri.parse(longest).account == "a"
    with pytest.raises(nidan.UriError):
        nidan.KeyUri.parse(longest + "y")


def test_totp_uri_needs_t0_0() -> None:
    assert nidan.TOTP(SECRET, account="a").to_uri().startswith("otpauth://totp/a?")
    with pytest.raises(nidan.ParameterError, match="T0"):
        nidan.TOTP(SECRET, account="a", t0=number("totp_t0") + 1).to_uri()


def accounts(count: int) -> list[nidan.KeyUri]:
    return [nidan.KeyUri.parse(f"otpauth://totp/ACME:user{i}?secret={SECRET.to_base32()}") for i in range(count)]


def test_export_limits() -> None:
    assert nidan.MigrationBatch.MAX_LEN == number("migration_max_len")
    assert nidan.MigrationBatch.DEFAULT_MAX_URI_LEN == number("migration_max_uri_len")
    assert defaults(nidan.MigrationBatch.export)["max_uri_len"] == number("migration_max_uri_len")
    uris = nidan.MigrationBatch.export(accounts(40), batch_id=1)
    assert len(uris) > 1
    assert all(len(uri) <= number("migration_max_uri_len") for uri in uris)
    # Packed as full as the default allows: two batches together would not fit.
    assert len(nidan.MigrationBatch.export(accounts(40), batch_id=1, max_uri_len=number("migration_max_len"))) == 1
    batch = nidan.MigrationBatch(accounts(1))
    assert (batch.version, batch.batch_size, batch.batch_index) == (number("migration_version"), 1, 0)
    too_long = uris[0] + "&" + "x" * number("migration_max_len")
    with pytest.raises(nidan.UriError, match=str(number("migration_max_len"))):
        nidan.MigrationBatch.parse(too_long)


def test_batch_id_is_the_cores_reading_of_os_urandom(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []

    def urandom(count: int) -> bytes:
        drawn.append(count)
        return bytes([0xFE, 0xFF, 0xFF, 0xFF])[:count]

    monkeypatch.setattr(os, "urandom", urandom)
    # Any 32-bit number, negative ones included, as Google Authenticator draws them.
    assert nidan.MigrationBatch(accounts(1)).batch_id == -2
    uri = nidan.MigrationBatch.export(accounts(1))[0]
    assert nidan.MigrationBatch.parse(uri).batch_id == -2
    assert drawn == [number("migration_batch_id_bytes")] * 2


def test_server_defaults() -> None:
    assert nidan.RecoveryCodes.DEFAULT_COUNT == number("recovery_count")
    assert nidan.RecoveryCodes.MAX_COUNT == number("recovery_max_count")
    codes, printed = nidan.RecoveryCodes.generate(pepper=PEPPER)
    assert codes.count == len(printed) == number("recovery_count")
    with pytest.raises(nidan.ParameterError):
        nidan.RecoveryCodes.generate(pepper=PEPPER, count=number("recovery_max_count") + 1)
    nidan.RecoveryCodes.generate(pepper=bytes(number("recovery_min_pepper_bytes")))
    with pytest.raises(nidan.SecretError):
        nidan.RecoveryCodes.generate(pepper=bytes(number("recovery_min_pepper_bytes") - 1))
    stored, code = nidan.DeliveredCode.generate(pepper=PEPPER, time=1000)
    assert len(code) == number("delivered_digits")
    assert stored.expires_at == 1000 + number("delivered_lifetime")
    assert stored.attempts_left == number("delivered_max_attempts")
    with pytest.raises(nidan.ParameterError):
        nidan.DeliveredCode.from_random(bytes(number("delivered_random_len") - 1), pepper=PEPPER)
    login = nidan.Login()
    assert login.delay(1) == number("login_factor")
    assert login.delay(number("login_max_failures") - 1) == number("login_max_wait")
    nidan.Login(max_failures=number("throttle_max_failures"))
    with pytest.raises(nidan.ParameterError):
        nidan.Login(max_failures=number("throttle_max_failures") + 1)


def test_the_readme_table_shows_the_core_values() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    api = readme.split("\n## The native API\n")[1].split("\n## ")[0]
    shown = {
        "length=": LIMITS["secret_random_bytes"], 'algorithm="': f'{LIMITS["totp_algorithm"]}"',
        "digits=": LIMITS["totp_digits"], "period=": LIMITS["totp_period"], "t0=": LIMITS["totp_t0"],
        'format="': f'{LIMITS["totp_format"]}"', "behind=": LIMITS["window_behind"], "ahead=": LIMITS["window_ahead"],
        "look_ahead=": LIMITS["hotp_look_ahead"], "max_uri_len=": LIMITS["migration_max_uri_len"],
        "version=": LIMITS["migration_version"], '"totp_digits": ': LIMITS["totp_digits"],
        '"secret_max_bytes": ': LIMITS["secret_max_bytes"], '"window_max_side": ': LIMITS["window_max_side"],
    }  # fmt: skip
    for prefix, value in shown.items():
        written = re.findall(r"[(*{ ,]" + re.escape(prefix) + r"([^ ,})|]+)", api)
        assert written, f"the API table shows no {prefix}"
        assert all(text == str(value) for text in written), (prefix, written)
    assert f"{LIMITS['secret_min_random_bytes']} to {LIMITS['secret_max_bytes']} bytes" in api
    assert re.search(rf"at most {LIMITS['window_max_side']}\s+steps each way", api)
