"""nidan.pyotp specifics beyond pyotp's own suite: the one-line switch,
rekeying after reassignment, and where nidan is deliberately stricter."""

from __future__ import annotations

import copy
import hashlib
import pickle
import subprocess
import sys
import textwrap
from typing import Any, Callable

import pyotp
import pytest

import nidan
import nidan.pyotp

RFC_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def test_install_makes_import_pyotp_load_nidan() -> None:
    program = textwrap.dedent(
        """
        import nidan.pyotp
        nidan.pyotp.install()
        import pyotp, pyotp.totp, pyotp.utils, pyotp.contrib.steam
        from pyotp.totp import TOTP
        assert pyotp is nidan.pyotp and TOTP is nidan.pyotp.TOTP
        assert pyotp.contrib.steam.Steam is nidan.pyotp.contrib.Steam
        print(pyotp.TOTP("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").at(59))
        """
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "287082"


def test_reassigned_attributes_rekey_the_generator() -> None:
    totp = nidan.pyotp.TOTP(RFC_BASE32)
    assert totp.at(59) == "287082"
    totp.digits = 8
    assert totp.at(59) == "94287082"
    totp.interval = 60
    assert totp.at(59) == totp.generate_otp(0)
    totp.secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    assert totp.byte_secret() == nidan.Secret.from_base32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", allow_short=True).to_bytes()
    totp.digest = hashlib.sha256
    assert totp.at(0) == nidan.TOTP("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", algorithm="SHA256", digits=8).generate(0)


def test_secrets_are_read_like_pyotp_reads_them() -> None:
    # Bits past the last byte are dropped and padding may be missing, as in the
    # standard library; nidan's own reader refuses the non-canonical form.
    canonical, non_canonical = "S46SQCPPTCNPROMHWYBDCTBZXU", "S46SQCPPTCNPROMHWYBDCTBZXV"
    assert nidan.pyotp.TOTP(non_canonical).byte_secret() == nidan.pyotp.TOTP(canonical).byte_secret()
    assert nidan.pyotp.TOTP(non_canonical).at(0) == nidan.TOTP(canonical).generate(0)
    with pytest.raises(nidan.SecretError):
        nidan.Secret.from_base32(non_canonical)
    ascii_bytes = RFC_BASE32.encode()
    assert nidan.pyotp.HOTP(ascii_bytes).at(1) == "287082"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least 112 bits"):
        nidan.pyotp.TOTP("JBSWY3DPEHPK3PXP")


def test_steam_codes() -> None:
    steam = nidan.pyotp.contrib.Steam("FMXNK4QEGKVPULRTADY6JIDK5VHUBGZW")
    assert [steam.at(t) for t in (0, 30, 60, 90)] == ["C5V56", "QJY8Y", "R3WQY", "JG3T3"]
    assert steam.verify("QJY8Y", for_time=60, valid_window=1)
    assert steam.verify_and_get_timecode("QJY8Y", for_time=60, valid_window=1) == 1


def test_windows_below_step_zero_are_clipped() -> None:
    totp = nidan.pyotp.TOTP(RFC_BASE32)
    assert totp.verify_and_get_timecode(totp.at(0), for_time=10, valid_window=2) == 0
    assert not totp.verify("000000", for_time=10, valid_window=2)


def test_where_nidan_is_stricter() -> None:
    with pytest.raises(ValueError, match="sha1, sha224, sha256, sha384, sha512 and sha3_"):
        nidan.pyotp.TOTP(RFC_BASE32, digest=hashlib.blake2b)
    with pytest.raises(ValueError, match="whole number"):
        nidan.pyotp.TOTP(RFC_BASE32, interval=30.5)  # type: ignore[arg-type]
    with pytest.raises(nidan.ParameterError):
        nidan.pyotp.TOTP(RFC_BASE32).verify("123456", for_time=10**6, valid_window=51)
    with pytest.raises(nidan.ParameterError):
        nidan.pyotp.HOTP(RFC_BASE32).at(2**64)
    with pytest.raises(nidan.SecretError):
        nidan.pyotp.TOTP("A" * 500)


@pytest.mark.parametrize(
    "call",
    [
        lambda otp: otp.HOTP(RFC_BASE32).at(1.5),
        lambda otp: otp.HOTP(RFC_BASE32).generate_otp(2.0),
        lambda otp: otp.HOTP(RFC_BASE32).verify("123456", float("nan")),
        lambda otp: otp.HOTP(RFC_BASE32, initial_count=0.5).at(1),
        lambda otp: otp.TOTP(RFC_BASE32).at(59, counter_offset=0.5),
        lambda otp: otp.TOTP(RFC_BASE32).verify("123456", for_time=59, valid_window=1.5),
        lambda otp: otp.HOTP(RFC_BASE32, digits=6.0).at(1),
    ],
)
def test_float_counters_and_digits_are_type_errors_as_in_pyotp(call: Callable[[Any], object]) -> None:
    # nidan's native API calls these numbers a ParameterError; pyotp fails on them with a TypeError.
    for otp in (pyotp, nidan.pyotp):
        with pytest.raises(TypeError):
            call(otp)


@pytest.mark.parametrize(
    "make",
    [
        lambda otp: otp.TOTP(RFC_BASE32, digits=8, interval=60, issuer="ACME", name="alice"),
        lambda otp: otp.HOTP(RFC_BASE32, digest=hashlib.sha256, initial_count=5),
        lambda otp: otp.contrib.Steam(RFC_BASE32),
    ],
)
def test_pickles_and_copies_as_in_pyotp(make: Callable[[Any], Any]) -> None:
    ours, theirs = make(nidan.pyotp), make(pyotp)
    assert ours.__getstate__() == vars(theirs)
    for again in (pickle.loads(pickle.dumps(ours)), copy.copy(ours), copy.deepcopy(ours)):
        assert type(again) is type(ours) and again.__getstate__() == vars(theirs)
        assert again.at(59) == theirs.at(59)
    # A pickle written by pyotp loads into nidan.pyotp (as after install()).
    loaded: Any = object.__new__(type(ours))
    loaded.__setstate__(pickle.loads(pickle.dumps(vars(theirs))))
    assert loaded.at(59) == theirs.at(59) and loaded.__getstate__() == vars(theirs)


def test_uris_are_read_by_the_core_under_its_pyotp_policy() -> None:
    # The drop-in has no URI reader of its own: what the core's pyotp policy
    # reads is what parse_uri returns (pyotp's readings, see the core's
    # `ImportPolicy::Pyotp`), and the authenticator import differs.
    uri = "otpauth://totp/ACME:%20a%3Ab?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    key = nidan.KeyUri.import_uri(uri, policy="pyotp").key
    assert (key.issuer, key.account) == ("ACME", " a:b")
    otp = nidan.pyotp.parse_uri(uri)
    assert (otp.issuer, otp.name) == ("ACME", " a:b") == (pyotp.parse_uri(uri).issuer, pyotp.parse_uri(uri).name)
    assert nidan.KeyUri.import_uri(uri).key.account == "a:b"
    with pytest.raises(nidan.ParameterError, match="policy must be") as raised:
        nidan.KeyUri.import_uri(uri, policy="otpauth")
    assert raised.value.code == "INVALID_ARGUMENT"
    hotp = nidan.pyotp.parse_uri("otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    assert isinstance(hotp, nidan.pyotp.HOTP) and hotp.at(0) == "755224"


def test_steam_is_the_cores_steam_guard_format() -> None:
    # KeePassXC's vector (steam.json), through the drop-in, the native API
    # and an imported KeePassXC URI: one code format in the core.
    secret = "63BEDWCQZKTQWPESARIERL5DTTQFCJTK"
    steam = nidan.pyotp.contrib.Steam(secret)
    assert steam.at(1511200518) == "FR8RV" and steam.at(1511200714) == "9P3VP"
    assert steam.digits == 10 and steam.interval == 30  # pyotp's attributes
    imported = nidan.KeyUri.import_uri(f"otpauth://totp/Steam:alice?secret={secret}&digits=5&encoder=steam")
    assert [r.kind for r in imported.repairs] == ["steam_guard"]
    assert (imported.key.format, imported.key.digits) == ("steam", 5)
    assert imported.key.to_totp().generate(1511200518) == "FR8RV"
    with pytest.raises(nidan.UriError, match="invalid encoder value"):
        nidan.KeyUri.parse(f"otpauth://totp/Steam:alice?secret={secret}&digits=5&encoder=steam")
    parsed = nidan.pyotp.parse_uri(f"otpauth://totp/Steam:?secret={secret}&period=15&digits=7&encoder=steam")
    assert type(parsed) is nidan.pyotp.contrib.Steam and parsed.at(1511200518) == "FR8RV"
    assert not steam.verify("fr8rv", for_time=1511200518)  # codes are compared as written, as pyotp does
    assert steam.verify("FR8RV", for_time=1511200518 + 30, valid_window=1)


def test_keys_longer_than_256_bytes_are_refused_with_a_clear_error() -> None:
    # pyotp takes any length; nidan's core holds keys of at most 256 bytes
    # (Secret.MAX_BYTES), so the drop-in says so instead of computing.
    longest = "A" * 408  # 255 bytes
    assert nidan.pyotp.TOTP(longest).at(0) == pyotp.TOTP(longest).at(0)
    too_long = "A" * 500  # 312 bytes
    assert len(pyotp.TOTP(too_long).byte_secret()) == 312
    with pytest.raises(nidan.SecretError, match="too long: at most 256 bytes"):
        nidan.pyotp.TOTP(too_long)
    with pytest.raises(nidan.SecretError, match="too long: at most 256 bytes"):
        nidan.pyotp.parse_uri(f"otpauth://totp/a?secret={too_long}")


def test_an_empty_key_is_short_as_pyotp_says() -> None:
    # The drop-in turns the core's "empty" into pyotp's "short"; this pins
    # the core's wording it reads.
    with pytest.raises(nidan.SecretError) as core:
        nidan.Secret.import_base32("")
    assert str(core.value) == nidan.pyotp.otp._EMPTY_SECRET_MESSAGE
    for secret in ("", "===="):
        with pytest.raises(ValueError, match="^Secrets must be at least 112 bits after decoding$"):
            nidan.pyotp.TOTP(secret)
