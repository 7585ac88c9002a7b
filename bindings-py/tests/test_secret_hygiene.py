"""No printed or serialised form of any object, and no error message, holds
the secret: not its bytes (raw, hex, latin-1, bytes repr), not its base32
(padded or not, any case, grouped). The key leaves only through the calls
made for it: ``to_base32()``, ``to_base32_grouped()``, ``to_bytes()``, the
``to_uri()`` methods, and pyotp's ``.secret`` attribute (which pickles of
pyotp objects carry, in pyotp as in nidan.pyotp)."""

from __future__ import annotations

import base64
import copy
import json
import pickle
from typing import Any, Callable

import pytest

import nidan
import nidan.pyotp

# 17 bytes: base32 needs padding, and pyotp takes it (at least 14 bytes).
KEY = bytes.fromhex("8f3a5c1e9b7d2460c4e8a1f35d7b9e02a6")
SECRET = nidan.Secret.from_bytes(KEY)
BASE32 = base64.b32encode(KEY).decode()
URI = f"otpauth://totp/ACME:alice?secret={BASE32.rstrip('=')}&issuer=ACME"


def forms() -> list[str]:
    """Every spelling of the key a careless repr or message could contain."""
    grouped = SECRET.to_base32_grouped()
    spellings = [
        KEY.hex(),
        KEY.hex().upper(),
        KEY.decode("latin-1"),
        repr(KEY)[2:-1],
        BASE32,
        BASE32.rstrip("="),
        BASE32.lower(),
        grouped,
        grouped.lower(),
    ]
    assert SECRET.to_base32() == BASE32.rstrip("=") and "=" in BASE32 and " " in grouped
    return spellings


FORMS = forms()


def leak(text: str) -> str | None:
    """Eight characters in a row of some form of the key found in ``text``."""
    for form in FORMS:
        for start in range(len(form) - 7):
            if form[start : start + 8] in text:
                return form[start : start + 8]
    return None


def leak_in_bytes(data: bytes) -> bytes | None:
    """Eight bytes in a row of the key, or of a form of it, found in ``data``."""
    for form in [KEY, *(form.encode("utf-8") for form in FORMS)]:
        for start in range(len(form) - 7):
            if form[start : start + 8] in data:
                return form[start : start + 8]
    return None


def assert_clean(text: str, what: str) -> None:
    found = leak(text)
    assert found is None, f"{what} shows {found!r}: {text!r}"


def error_text(error: BaseException) -> str:
    """An error's message, repr and arguments, with its causes and context."""
    parts = []
    seen: BaseException | None = error
    while seen is not None:
        parts += [str(seen), repr(seen), repr(seen.args), *getattr(seen, "__notes__", [])]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def native_objects() -> dict[str, object]:
    """One of every public class of the native API, all holding or derived from KEY."""
    totp = nidan.TOTP(SECRET, issuer="ACME", account="alice")
    hotp = nidan.HOTP(SECRET, issuer="ACME", account="alice")
    key = nidan.KeyUri.parse(totp.to_uri())
    code = totp.generate(59)
    found = totp.verify(code, time=59)
    assert found is not None
    (export,) = nidan.MigrationBatch.export([key, nidan.KeyUri.parse(hotp.to_uri(counter=5))], batch_id=7)
    return {
        "Secret": SECRET,
        "TOTP": totp,
        "HOTP": hotp,
        "KeyUri": key,
        "Match": found,
        "Verdict accepted": totp.check(code, time=59),
        "Verdict replayed": totp.check(code, time=59, last_accepted=found.step),
        "Verdict rejected": totp.check("000000" if code != "000000" else "111111", time=59),
        "TimeStep": totp.time_step(59),
        "MigrationBatch": nidan.MigrationBatch.parse(export),
        "MigrationBatch built": nidan.MigrationBatch([key]),
        "Qr": nidan.Qr(totp.to_uri()),
        "ImportedKey": nidan.KeyUri.import_uri(totp.to_uri().replace("secret=", "SECRET=")),
        "Repair": nidan.KeyUri.import_uri(totp.to_uri().replace("secret=", "SECRET=")).repairs[0],
        "MigrationImport": nidan.MigrationBatch.import_uri(export),
        **server_objects(totp),
    }


def server_objects(totp: nidan.TOTP) -> dict[str, object]:
    """The server side, with the key as the pepper of the verifiers too."""
    login = nidan.Login()
    attempt = login.attempt(totp, nidan.Record(), totp.generate(59), time=59)
    codes, printed = nidan.RecoveryCodes.generate(pepper=KEY)
    recovery = login.recover(nidan.Record(), codes, printed[0], pepper=KEY, time=59)
    delivered, code = nidan.DeliveredCode.generate(pepper=KEY, time=59)
    return {
        "Login": login,
        "Attempt": attempt,
        "Record": attempt.record,
        "RecoveryCodes": codes,
        "Recovery": recovery,
        "DeliveredCode": delivered,
        "Confirmation": delivered.check(code, pepper=KEY, time=60),
    }


def pyotp_objects() -> dict[str, object]:
    return {
        "pyotp TOTP": nidan.pyotp.TOTP(BASE32, issuer="ACME", name="alice"),
        "pyotp HOTP": nidan.pyotp.HOTP(BASE32, initial_count=3),
        "pyotp Steam": nidan.pyotp.contrib.Steam(BASE32),
        "pyotp parse_uri": nidan.pyotp.parse_uri(URI),
    }


def test_every_public_class_is_covered() -> None:
    classes = {type(value) for value in native_objects().values()}
    public = {getattr(nidan, name) for name in nidan.__all__}
    exceptions = {nidan.NidanError, nidan.SecretError, nidan.UriError, nidan.ParameterError}
    assert public - classes == exceptions | {nidan.normalize_code, nidan.error_codes, nidan.limits}
    pyotp_classes = {type(value) for value in pyotp_objects().values()}
    assert pyotp_classes == {nidan.pyotp.TOTP, nidan.pyotp.HOTP, nidan.pyotp.contrib.Steam}


def test_the_leak_check_can_fail() -> None:
    for form in FORMS:
        assert leak(f"x{form[3:11]}y") is not None
    assert leak_in_bytes(b"..." + KEY[5:13]) is not None
    assert leak(repr(SECRET)) is None and repr(SECRET) == "Secret(byte_len=17)"


def all_objects() -> dict[str, object]:
    return {**native_objects(), **pyotp_objects()}


@pytest.mark.parametrize("name", list(all_objects()))
def test_printed_forms_show_no_secret(name: str) -> None:
    value = all_objects()[name]
    shown = [repr(value), str(value), format(value, ""), f"{value}", f"{value!r}", ascii(value), "%s %r" % (value, value)]
    for text in shown:
        assert_clean(text, name)
    with pytest.raises(TypeError) as error:
        format(value, "s")
    assert_clean(error_text(error.value), f"{name}: format(, 's')")
    with pytest.raises(TypeError) as error:
        json.dumps(value)
    assert_clean(error_text(error.value), f"{name}: json.dumps")
    assert_clean(json.dumps(value, default=str), f"{name}: json.dumps(default=str)")


@pytest.mark.parametrize("name", list(native_objects()))
def test_native_objects_have_no_dict_and_clean_attributes(name: str) -> None:
    value = native_objects()[name]
    with pytest.raises(TypeError) as error:
        vars(value)
    assert_clean(error_text(error.value), f"{name}: vars")
    assert not hasattr(value, "__dict__")
    for attribute in dir(value):
        if attribute.startswith("__"):
            continue
        field = getattr(value, attribute)
        if not callable(field):
            assert_clean(repr(field), f"{name}.{attribute}")
            if isinstance(field, tuple):
                for item in field:
                    assert_clean(repr(item), f"{name}.{attribute} item")


@pytest.mark.parametrize("name", list(native_objects()))
def test_native_objects_are_not_pickled_and_copies_show_nothing(name: str) -> None:
    value = native_objects()[name]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        try:
            data = pickle.dumps(value, protocol=protocol)
        except TypeError as error:
            assert_clean(error_text(error), f"{name}: pickle error")
        else:
            found = leak_in_bytes(data)
            assert found is None, f"{name}: a protocol {protocol} pickle holds {found!r}"
    state = getattr(value, "__getstate__", lambda: None)()
    assert_clean(repr(state), f"{name}.__getstate__()")
    copies: list[Callable[[Any], object]] = [copy.copy, copy.deepcopy]
    for make_copy in copies:
        try:
            made = make_copy(value)
        except TypeError as error:
            assert_clean(error_text(error), f"{name}: {make_copy.__name__} error")
        else:
            assert_clean(repr(made), f"{name}: {make_copy.__name__}")


@pytest.mark.parametrize("name", list(pyotp_objects()))
def test_pyotp_objects_hold_the_secret_only_as_pyotp_does(name: str) -> None:
    # pyotp keeps the base32 text in `.secret` by design; nothing else they
    # hold (the native generators nidan keys from it included) may show it.
    value: Any = pyotp_objects()[name]
    assert value.secret.rstrip("=") == BASE32.rstrip("=")
    for attribute, field in vars(value).items():
        if attribute != "_secret":
            assert_clean(repr(field), f"{name}.{attribute}")
    for attribute in dir(value):
        if not attribute.startswith("_") and attribute != "secret" and not callable(getattr(value, attribute)):
            assert_clean(repr(getattr(value, attribute)), f"{name}.{attribute}")
    # Pickles and copies carry that text, as pyotp's do, and nothing more.
    data = pickle.dumps(value)
    assert KEY not in data and KEY.hex().encode() not in data and b"_native" not in data
    assert data.count(value.secret.encode()) == 1
    assert_clean(repr(copy.deepcopy(value)), f"{name}: deepcopy")


def secret_errors() -> list[Callable[[], object]]:
    """Calls that fail on input made of the key, or on objects holding it."""
    b32 = BASE32.rstrip("=")
    totp = nidan.TOTP(SECRET, issuer="ACME", account="alice")
    key = nidan.KeyUri.parse(URI)
    export = nidan.MigrationBatch([key]).to_uri()
    seven = nidan.KeyUri.parse(URI + "&digits=7")
    return [
        lambda: nidan.Secret.from_base32(b32 + "1"),
        lambda: nidan.Secret.from_base32(b32.lower() + "!"),
        lambda: nidan.Secret.from_base32(b32[:4] + " " + b32[4:]),
        lambda: nidan.Secret.from_base32(b32 + "=="),
        lambda: nidan.Secret.from_base32(b32[:-1] + "7"),  # bits past the last byte
        lambda: nidan.Secret.from_base32(b32[:14]),  # too short
        lambda: nidan.Secret.from_typed_base32(SECRET.to_base32_grouped() + " 1"),
        lambda: nidan.Secret.from_typed_base32(SECRET.to_base32_grouped().lower() + "\n"),
        lambda: nidan.Secret.from_bytes(KEY[:9]),
        lambda: nidan.Secret.from_bytes(KEY * 20),
        lambda: nidan.TOTP(b32 + "1"),
        lambda: nidan.HOTP(b32.lower() + "8"),
        lambda: nidan.KeyUri.parse(URI.replace("issuer=ACME", "issuer=Other")),
        lambda: nidan.KeyUri.parse(URI + f"&secret={b32}"),
        lambda: nidan.KeyUri.parse(URI.replace(b32, b32 + "1")),
        lambda: nidan.KeyUri.parse(URI.replace("otpauth", "https")),
        lambda: nidan.KeyUri.parse(URI + "&digits=9"),
        lambda: nidan.KeyUri.parse(URI + "&x=" + "y" * nidan.KeyUri.MAX_LEN),
        lambda: key.to_hotp(),
        lambda: nidan.TOTP(SECRET, t0=5).to_uri(),
        lambda: nidan.TOTP(SECRET, digits=10).to_uri(),
        lambda: nidan.TOTP(SECRET, issuer="A:B").to_uri(),
        lambda: nidan.MigrationBatch.export([key], max_uri_len=40),
        lambda: nidan.MigrationBatch.export([seven]),
        lambda: nidan.MigrationBatch.parse(export[: len(export) // 2]),
        lambda: nidan.MigrationBatch.parse(export.replace("offline", "online")),
        lambda: nidan.Qr(totp.to_uri() + "x" * 3000),
        lambda: nidan.pyotp.TOTP(b32 + "1"),
        lambda: nidan.pyotp.TOTP(b32[:20]),
        lambda: nidan.pyotp.parse_uri(URI.replace("issuer=ACME", "issuer=Other")),
        lambda: nidan.pyotp.parse_uri(URI + f"&secret={b32}"),
        lambda: nidan.pyotp.parse_uri(URI + "&digits=9"),
        lambda: nidan.pyotp.TOTP(b32).verify_and_get_timecode("000000", for_time=0, valid_window=0),
        lambda: nidan.pyotp.HOTP(b32).at(1.5),  # type: ignore[arg-type]
        lambda: nidan.RecoveryCodes.generate(pepper=KEY[:9]),
        lambda: nidan.DeliveredCode.generate(pepper=KEY[:15]),
        lambda: nidan.Record.from_text(b32),
        lambda: nidan.RecoveryCodes.from_bytes(KEY),
    ]


@pytest.mark.parametrize("index", range(len(secret_errors())))
def test_errors_show_no_secret(index: int) -> None:
    call = secret_errors()[index]
    with pytest.raises(Exception) as error:
        call()
    assert_clean(error_text(error.value), f"error {index}")
