"""The native API: times, keyword-only options, results, exceptions,
immutability and sharing between threads."""

from __future__ import annotations

import datetime
import os
import threading
from typing import Any, Callable

import pytest
from conftest import RFC_SECRET

import nidan

RFC_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
UTC = datetime.timezone.utc


def rfc_totp(**options: Any) -> nidan.TOTP:
    return nidan.TOTP(nidan.Secret.from_bytes(RFC_SECRET), **options)


def test_exception_families_subclass_value_error() -> None:
    for family in (nidan.SecretError, nidan.UriError, nidan.ParameterError):
        assert issubclass(family, nidan.NidanError)
    assert issubclass(nidan.NidanError, ValueError)
    with pytest.raises(nidan.SecretError):
        nidan.Secret.from_base32("JBSWY3DPEHPK3PX1")
    with pytest.raises(nidan.UriError):
        nidan.KeyUri.parse("https://example.com")
    with pytest.raises(nidan.ParameterError):
        rfc_totp(digits=5)


def test_times_as_int_float_and_aware_datetime() -> None:
    totp = rfc_totp()
    assert totp.generate(59) == totp.generate(59.999) == totp.generate(59.0) == "287082"
    assert totp.generate(datetime.datetime(1970, 1, 1, 0, 0, 59, 999999, tzinfo=UTC)) == "287082"
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    assert totp.generate(datetime.datetime(1970, 1, 1, 2, 0, 59, tzinfo=plus_two)) == "287082"
    assert totp.step(datetime.datetime(2009, 2, 13, 23, 31, 30, tzinfo=UTC)) == 1234567890 // 30
    assert totp.step(2**64 - 1) == (2**64 - 1) // 30
    assert totp.step(float(2**63)) == 2**63 // 30


class Seconds(int):
    """An int subclass, as some libraries hand out."""


@pytest.mark.parametrize("time", [0, 1, 2**31, 2**62, 2**63 - 1, 2**63, 2**64 - 2, 2**64 - 1])
def test_int_times_on_both_sides_of_the_signed_range(time: int) -> None:
    # Plain ints below 2**63 take a fast conversion path; the rest the checked one.
    totp = rfc_totp()
    assert totp.step(time) == totp.step(Seconds(time)) == time // 30
    assert totp.generate(time) == totp.generate(Seconds(time)) == totp.generate_at_step(time // 30)
    assert nidan.HOTP(nidan.Secret.from_bytes(RFC_SECRET)).generate(time) == totp.generate_at_step(time)


@pytest.mark.parametrize(
    ("time", "message"),
    [
        (-1, "negative"),
        (-0.5, "negative"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (float("-inf"), "finite"),
        (2**64, "too large"),
        (1e20, "too large"),
        (datetime.datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC), "before 1970"),
        (datetime.datetime(2020, 1, 1), "timezone-aware"),
    ],
)
def test_bad_times_raise_parameter_error(time: Any, message: str) -> None:
    totp = rfc_totp()
    calls: list[Callable[[], object]] = [
        lambda: totp.generate(time),
        lambda: totp.step(time),
        lambda: totp.time_step(time),
        lambda: totp.verify("123456", time=time),
        lambda: totp.check("123456", time=time),
    ]
    for call in calls:
        with pytest.raises(nidan.ParameterError, match=message):
            call()


@pytest.mark.parametrize("time", ["59", True, b"59", [59], datetime.date(2020, 1, 1)])
def test_times_of_other_types_raise_type_error(time: Any) -> None:
    with pytest.raises(TypeError, match="time must be"):
        rfc_totp().generate(time)


def test_options_are_keyword_only() -> None:
    secret = nidan.Secret.from_bytes(RFC_SECRET)
    with pytest.raises(TypeError):
        nidan.TOTP(secret, "SHA1")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        nidan.HOTP(secret, "SHA1")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        rfc_totp().verify("123456", 59)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        nidan.HOTP(secret).verify("123456", 0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        nidan.Secret.from_base32(RFC_BASE32, True)  # type: ignore[call-arg]


def test_configuration_is_readable() -> None:
    totp = nidan.TOTP(RFC_BASE32, algorithm="sha-256", digits=8, period=60, t0=7, issuer="ACME", account="bob")
    assert (totp.algorithm, totp.digits, totp.period, totp.t0) == ("SHA256", 8, 60, 7)
    assert (totp.issuer, totp.account) == ("ACME", "bob")
    assert totp.secret == nidan.Secret.from_base32(RFC_BASE32)
    hotp = nidan.HOTP(RFC_BASE32, algorithm="SHA512", digits=7, account="eve")
    assert (hotp.algorithm, hotp.digits, hotp.issuer, hotp.account) == ("SHA512", 7, None, "eve")


def test_a_match_at_step_zero_is_true() -> None:
    hotp = nidan.HOTP(nidan.Secret.from_bytes(RFC_SECRET))
    found = hotp.verify("755224", counter=0)
    assert found is not None and found.step == 0 and found.drift == 0
    assert found and bool(found) is True
    assert found.next_counter == 1
    at_zero = rfc_totp().verify("755224", time=0)
    assert at_zero and at_zero.step == 0
    assert rfc_totp().check("755224", time=0)


def test_verification_reports_drift_and_honours_the_window() -> None:
    totp = rfc_totp()
    now = 1_111_111_111
    behind_two = totp.generate(now - 60)
    assert totp.verify(behind_two, time=now) is None
    found = totp.verify(behind_two, time=now, behind=2, ahead=0)
    assert found is not None and found.drift == -2
    ahead_one = totp.generate(now + 30)
    assert totp.verify(ahead_one, time=now, ahead=0) is None
    assert totp.verify(ahead_one, time=now, behind=0, ahead=1) == totp.verify(ahead_one, time=now)
    with pytest.raises(nidan.ParameterError, match="at most 100"):
        totp.verify("123456", time=now, behind=101)


def test_check_tells_replayed_from_wrong() -> None:
    totp = rfc_totp()
    code = totp.generate(1_111_111_111)
    first = totp.check(code, time=1_111_111_111)
    assert first and first.accepted and first.match is not None and first.kind == "accepted"
    again = totp.check(code, time=1_111_111_112, last_accepted=first.match.step)
    assert not again and again.replayed and again.match == first.match and again.kind == "replayed"
    wrong = totp.check("000000" if code != "000000" else "111111", time=1_111_111_111)
    assert not wrong and not wrong.replayed and wrong.match is None and wrong.kind == "rejected"
    assert repr(wrong) == "Verdict.rejected()"


def test_time_step_for_authenticator_screens() -> None:
    step = rfc_totp().time_step(1_111_111_111)
    assert (step.step, step.start, step.end, step.remaining) == (37_037_037, 1_111_111_110, 1_111_111_140, 29)
    now = rfc_totp().time_step()
    assert 1 <= now.remaining <= 30 and now.end - now.start == 30
    assert rfc_totp().step() in (now.step, now.step + 1)
    assert rfc_totp().generate() in (rfc_totp().generate_at_step(now.step), rfc_totp().generate_at_step(now.step + 1))
    assert rfc_totp().generate(None) in (rfc_totp().generate_at_step(now.step), rfc_totp().generate_at_step(now.step + 1))


def test_secret_readers_and_display() -> None:
    secret = nidan.Secret.from_base32("JBSWY3DPEHPK3PXP")
    assert secret.to_base32_grouped() == "JBSW Y3DP EHPK 3PXP"
    assert nidan.Secret.from_typed_base32("jbsw-y3dp ehpk 3pxp") == secret
    assert nidan.Secret.from_bytes(secret.to_bytes()) == secret
    assert nidan.Secret.from_base32("MZXW6", allow_short=True).byte_len == 3
    with pytest.raises(nidan.SecretError, match="too short"):
        nidan.Secret.from_base32("MZXW6")
    assert (nidan.Secret.MIN_BYTES, nidan.Secret.MIN_RANDOM_BYTES) == (10, 16)
    assert (nidan.Secret.DEFAULT_RANDOM_BYTES, nidan.Secret.MAX_BYTES) == (20, 256)


def test_generated_secrets_come_from_os_urandom(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []

    def fake_urandom(size: int) -> bytes:
        drawn.append(size)
        return bytes(range(size))

    monkeypatch.setattr(os, "urandom", fake_urandom)
    assert nidan.Secret.generate().to_bytes() == bytes(range(20))
    assert nidan.Secret.generate(length=32).to_bytes() == bytes(range(32))
    assert drawn == [20, 32]


def test_generated_secrets_have_sane_sizes() -> None:
    assert nidan.Secret.generate().byte_len == 20
    assert nidan.Secret.generate(length=64).byte_len == 64
    assert nidan.Secret.generate() != nidan.Secret.generate()
    with pytest.raises(nidan.SecretError, match="too short"):
        nidan.Secret.generate(length=15)
    with pytest.raises(nidan.SecretError, match="too long"):
        nidan.Secret.generate(length=10**12)


def test_objects_are_immutable() -> None:
    objects: list[object] = [
        nidan.Secret.from_bytes(RFC_SECRET),
        rfc_totp(),
        nidan.HOTP(RFC_BASE32),
        nidan.KeyUri.parse(f"otpauth://totp/a?secret={RFC_BASE32}"),
        rfc_totp().time_step(0),
    ]
    for value in objects:
        with pytest.raises(AttributeError):
            value.digits = 8  # type: ignore[attr-defined]
        with pytest.raises(AttributeError):
            value.secret = "x"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        hash(nidan.Secret.from_bytes(RFC_SECRET))


def test_objects_are_shared_safely_between_threads() -> None:
    totp = rfc_totp(digits=8)
    expected = {t: totp.generate(t) for t in range(0, 3000, 7)}
    failures: list[int] = []

    def work() -> None:
        for time, code in expected.items():
            found = totp.verify(code, time=time, behind=0, ahead=0)
            if totp.generate(time) != code or found is None or found.step != time // 30:
                failures.append(time)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_key_uri_parse_build_and_objects() -> None:
    uri = "otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&period=60&digits=8"
    key = nidan.KeyUri.parse(uri)
    assert (key.kind, key.issuer, key.account) == ("totp", "ACME Co", "john@example.com")
    assert (key.algorithm, key.digits, key.period, key.counter) == ("SHA1", 8, 60, None)
    assert nidan.KeyUri.parse(key.to_uri()) == key
    totp = key.to_totp()
    assert (totp.period, totp.digits, totp.issuer, totp.account) == (60, 8, "ACME Co", "john@example.com")
    assert totp.to_uri() == key.to_uri()
    with pytest.raises(nidan.UriError):
        key.to_hotp()

    hotp_key = nidan.KeyUri.parse("otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=7")
    assert (hotp_key.kind, hotp_key.counter, hotp_key.period, hotp_key.issuer) == ("hotp", 7, None, None)
    hotp = hotp_key.to_hotp()
    assert hotp.to_uri(counter=7) == hotp_key.to_uri()
    assert hotp.generate(7) == nidan.HOTP("JBSWY3DPEHPK3PXP").generate(7)
    with pytest.raises(nidan.UriError):
        hotp_key.to_totp()


def test_to_uri_refuses_what_a_uri_cannot_carry() -> None:
    with pytest.raises(nidan.ParameterError, match="T0"):
        rfc_totp(t0=5).to_uri()
    with pytest.raises(nidan.ParameterError, match="digits"):
        rfc_totp(digits=10).to_uri()
    with pytest.raises(nidan.UriError, match="label"):
        rfc_totp(issuer="A:B", account="alice").to_uri()
    with pytest.raises(nidan.UriError, match="account name is empty"):
        rfc_totp(issuer="A").to_uri()


def test_normalize_code() -> None:
    assert nidan.normalize_code("１２３ ４５６") == "123456"
    assert nidan.normalize_code("123-456") == "123456"
    assert nidan.normalize_code("12345") is None
    assert nidan.normalize_code("12345a") is None
    assert nidan.normalize_code("") is None
