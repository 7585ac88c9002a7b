"""Google Authenticator exports: the recorded samples, export/parse round
trips, hand-written payloads, malformed input and secrecy."""

from __future__ import annotations

import base64
import os
import random
from typing import Any, Callable, Optional

import pytest
from conftest import load

import nidan

SAMPLES = load("otpauth_migration_samples.json")["cases"]
PREFIX = "otpauth-migration://offline?data="


# A protobuf writer of our own, for payloads the encoder would never write.
def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def field(number: int, value: int | bytes) -> bytes:
    if isinstance(value, bytes):
        return varint(number << 3 | 2) + varint(len(value)) + value
    return varint(number << 3) + varint(value)


def export_of(payload: bytes) -> str:
    text = base64.b64encode(payload).decode()
    return PREFIX + text.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


def account_message(*extra: bytes, secret: bytes = b"0123456789") -> bytes:
    return field(1, secret) + field(2, b"alice") + field(6, 2) + b"".join(extra)


@pytest.mark.parametrize("case", SAMPLES, ids=[case["id"] for case in SAMPLES])
def test_samples_decode_to_their_recorded_content(case: Any) -> None:
    batch = nidan.MigrationBatch.parse(case["uri"])
    decoded = case["decoded"]
    assert batch.version == decoded["version"]
    assert batch.batch_size == decoded["batch_size"]
    assert batch.batch_index == decoded["batch_index"]
    assert batch.batch_id == decoded["batch_id"]
    assert len(batch.accounts) == len(decoded["otp_parameters"]) == 1
    for account, params, theirs in zip(
        batch.accounts, decoded["otp_parameters"], case["expected_otpauth_urls_per_source"]
    ):
        assert account.secret.to_bytes() == bytes.fromhex(params["secret_hex"])
        assert account.secret.to_base32() == params["secret_base32"]
        assert account.account == params["name"]
        assert account.issuer == (params["issuer"] or None)
        assert (account.kind, account.algorithm, account.digits, account.period) == ("totp", "SHA1", 6, 30)
        assert account.counter is None
        expected = nidan.KeyUri.parse(theirs)
        assert (expected.secret, expected.account, expected.issuer) == (account.secret, account.account, account.issuer)
    assert nidan.MigrationBatch.parse(batch.to_uri()) == batch


def random_account(rng: random.Random) -> nidan.KeyUri:
    secret = nidan.Secret.from_bytes(rng.randbytes(rng.randint(10, 64)))
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._-+é日本"
    account = "".join(rng.choice(letters) for _ in range(rng.randint(1, 30)))
    issuer = rng.choice([None, "Example", "Exchange & Co", "二段 Bank"])
    algorithm = rng.choice(["SHA1", "SHA256", "SHA512"])
    digits = rng.choice([6, 8])
    if rng.random() < 0.5:
        totp = nidan.TOTP(secret, algorithm=algorithm, digits=digits, issuer=issuer, account=account)
        return nidan.KeyUri.parse(totp.to_uri())
    hotp = nidan.HOTP(secret, algorithm=algorithm, digits=digits, issuer=issuer, account=account)
    return nidan.KeyUri.parse(hotp.to_uri(counter=rng.choice([0, 1, rng.randrange(2**64)])))


@pytest.mark.parametrize("seed", range(40))
def test_export_then_parse_is_the_identity(seed: int) -> None:
    rng = random.Random(seed)
    accounts = [random_account(rng) for _ in range(rng.randint(1, 25))]
    max_uri_len = rng.randint(400, 2500)
    batch_id = rng.randint(-(2**31), 2**31 - 1)
    uris = nidan.MigrationBatch.export(accounts, batch_id=batch_id, max_uri_len=max_uri_len)
    back: list[nidan.KeyUri] = []
    for index, uri in enumerate(uris):
        assert uri.startswith(PREFIX) and len(uri) <= max_uri_len
        batch = nidan.MigrationBatch.parse(uri)
        assert (batch.version, batch.batch_size, batch.batch_index, batch.batch_id) == (1, len(uris), index, batch_id)
        back.extend(batch.accounts)
    assert back == accounts


def test_export_defaults_and_random_batch_id(monkeypatch: pytest.MonkeyPatch) -> None:
    assert nidan.MigrationBatch.DEFAULT_MAX_URI_LEN == 1000
    accounts = [random_account(random.Random(i)) for i in range(40)]
    uris = nidan.MigrationBatch.export(accounts)
    assert len(uris) > 1 and all(len(uri) <= 1000 for uri in uris)
    assert nidan.MigrationBatch.export([]) == []
    # The batch id comes from os.urandom(4), read as a little-endian int32.
    drawn: list[int] = []

    def fake_urandom(n: int) -> bytes:
        drawn.append(n)
        return b"\x01\x02\x03\xf4"

    monkeypatch.setattr(os, "urandom", fake_urandom)
    batch = nidan.MigrationBatch.parse(nidan.MigrationBatch.export(accounts[:1])[0])
    assert batch.batch_id == int.from_bytes(b"\x01\x02\x03\xf4", "little", signed=True) < 0
    assert drawn == [4]
    assert nidan.MigrationBatch(accounts[:1]).batch_id == batch.batch_id


def test_a_batch_built_from_accounts_writes_and_reads_back() -> None:
    accounts = [random_account(random.Random(i)) for i in range(3)]
    batch = nidan.MigrationBatch(iter(accounts), batch_size=2, batch_index=1, batch_id=-7)
    assert batch.accounts == tuple(accounts)
    assert (batch.version, batch.batch_size, batch.batch_index, batch.batch_id) == (1, 2, 1, -7)
    again = nidan.MigrationBatch.parse(batch.to_uri())
    assert again == batch and again is not batch
    assert again != nidan.MigrationBatch(accounts, batch_size=2, batch_index=1, batch_id=-6)


def test_hand_written_payload_with_every_field() -> None:
    hotp = account_message(
        field(3, b"Example"), field(4, 3), field(5, 2), field(6, 1), field(7, 2**64 - 1), field(8, b"unique-id")
    )
    hotp = hotp.replace(field(6, 2), b"")  # type 1 (HOTP) instead of 2 (TOTP)
    totp_defaults = account_message()  # algorithm and digits unspecified: SHA1, 6
    payload = field(1, hotp) + field(1, totp_defaults) + field(2, 1) + field(3, 3) + field(4, 2) + field(5, 12345)
    batch = nidan.MigrationBatch.parse(export_of(payload))
    assert (batch.version, batch.batch_size, batch.batch_index, batch.batch_id) == (1, 3, 2, 12345)
    first, second = batch.accounts
    assert (first.kind, first.issuer, first.account, first.algorithm, first.digits) == (
        "hotp",
        "Example",
        "alice",
        "SHA512",
        8,
    )
    assert (first.counter, first.period, first.secret.to_bytes()) == (2**64 - 1, None, b"0123456789")
    assert (second.kind, second.issuer, second.algorithm, second.digits, second.period) == ("totp", None, "SHA1", 6, 30)


def test_an_issuer_prefix_in_the_name_is_taken_off() -> None:
    for name, account_name in [(b"Example:alice", "alice"), (b"Example: alice", "alice")]:
        # The rest of the label is the account name, without the spaces after
        # the ':' (the Key URI Format's optional %20s), as in otpauth labels.
        message = field(1, b"0123456789") + field(2, name) + field(3, b"Example") + field(6, 2)
        (account,) = nidan.MigrationBatch.parse(export_of(field(1, message))).accounts
        assert (account.issuer, account.account) == ("Example", account_name)


SAMPLE_PAYLOAD = bytes.fromhex(SAMPLES[0]["decoded"]["payload_hex"])


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        (PREFIX + "not*base64", "base64"),
        (PREFIX + "CjUKE", "base64"),
        (export_of(SAMPLE_PAYLOAD[:20]), "payload"),
        (export_of(SAMPLE_PAYLOAD[:-1]), "payload"),
        (export_of(b"\x0a"), "payload"),
        (export_of(field(1, account_message(field(4, 4)))), "algorithm"),
        (export_of(field(1, account_message(field(5, 3)))), "digits"),
        (export_of(field(1, account_message(field(6, 0)))), "type"),
        ("otpauth-migration://offline?", "data"),
        ("otpauth-migration://offline?foo=bar", "data"),
        (PREFIX + "CgA&data=CgA", "data"),
        ("otpauth-migration://online?data=CgA", "otpauth-migration://offline"),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", "otpauth-migration://offline"),
        ("", "otpauth-migration://offline"),
        (PREFIX + "A" * 9000, "longer"),
        (PREFIX + "%%%", "%"),
        ("\ud800", "Unicode"),
    ],
)
def test_malformed_exports_raise_uri_error(uri: str, message: str) -> None:
    with pytest.raises(nidan.UriError, match=message):
        nidan.MigrationBatch.parse(uri)


def test_unusable_secrets_in_an_export_raise_secret_error() -> None:
    with pytest.raises(nidan.SecretError):
        nidan.MigrationBatch.parse(export_of(field(1, field(2, b"alice") + field(6, 2))))
    with pytest.raises(nidan.SecretError):
        nidan.MigrationBatch.parse(export_of(field(1, account_message(secret=b"short"))))


def test_accounts_the_format_cannot_carry_raise_uri_error() -> None:
    secret = nidan.Secret.from_bytes(b"0123456789")
    sixty = nidan.KeyUri.parse(nidan.TOTP(secret, period=60, account="a").to_uri())
    seven = nidan.KeyUri.parse(nidan.TOTP(secret, digits=7, account="a").to_uri())
    colon = nidan.KeyUri.parse("otpauth://totp/a:b:c?secret=GAYTEMZUGU3DOOBZ&issuer=a")
    assert (colon.issuer, colon.account) == ("a", "b:c")
    for account in (sixty, seven):
        with pytest.raises(nidan.UriError):
            nidan.MigrationBatch.export([account])
        with pytest.raises(nidan.UriError):
            nidan.MigrationBatch([account]).to_uri()
    assert nidan.MigrationBatch.parse(nidan.MigrationBatch([colon]).to_uri()).accounts == (colon,)
    big = nidan.KeyUri.parse(nidan.TOTP(nidan.Secret.generate(length=256), account="a").to_uri())
    assert len(nidan.MigrationBatch.export([big, big, big])) == 2
    with pytest.raises(nidan.UriError, match="300"):
        nidan.MigrationBatch.export([colon, big], max_uri_len=300)


def anything(value: object) -> Any:
    """Lets a test pass a value of the wrong type past mypy."""
    return value


@pytest.mark.parametrize(
    "call",
    [
        lambda: nidan.MigrationBatch.export(anything(5)),
        lambda: nidan.MigrationBatch.export(anything(["otpauth://totp/a?secret=GAYTEMZUGU3DOOBZ"])),
        lambda: nidan.MigrationBatch.export(anything([None])),
        lambda: nidan.MigrationBatch.export([], batch_id=anything("1")),
        lambda: nidan.MigrationBatch.export([], batch_id=True),
        lambda: nidan.MigrationBatch.export([], max_uri_len=anything("1000")),
        lambda: nidan.MigrationBatch(anything([1])),
        lambda: nidan.MigrationBatch([], version=anything("1")),
        lambda: nidan.MigrationBatch.parse(anything(b"otpauth-migration://offline?data=CgA")),
        lambda: nidan.MigrationBatch.parse(anything(None)),
    ],
)
def test_wrong_types_raise_type_error(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: nidan.MigrationBatch.export([], batch_id=2**31),
        lambda: nidan.MigrationBatch.export([], batch_id=-(2**31) - 1),
        lambda: nidan.MigrationBatch.export([], max_uri_len=-1),
        lambda: nidan.MigrationBatch.export([], max_uri_len=2**64),
        lambda: nidan.MigrationBatch([], batch_size=2**40),
        lambda: nidan.MigrationBatch([], batch_index=-(2**40)),
    ],
)
def test_out_of_range_numbers_raise_parameter_error(call: Callable[[], object]) -> None:
    with pytest.raises(nidan.ParameterError):
        call()


def test_repr_and_errors_show_no_secret() -> None:
    batch = nidan.MigrationBatch.parse(SAMPLES[0]["uri"])
    secret: Optional[str] = SAMPLES[0]["decoded"]["otp_parameters"][0]["secret_base32"]
    assert repr(batch) == "MigrationBatch(accounts=1, version=1, batch_size=1, batch_index=0, batch_id=-1320898453)"
    assert secret is not None and secret not in repr(batch) and "raspberrypi" not in repr(batch)
    data = SAMPLES[0]["uri"][len(PREFIX) :]
    for bad in (PREFIX + data[:-3], PREFIX + data + "*", export_of(SAMPLE_PAYLOAD[:-1])):
        with pytest.raises(nidan.NidanError) as error:
            nidan.MigrationBatch.parse(bad)
        assert data[:8] not in str(error.value) and secret not in str(error.value)


def test_batches_are_immutable() -> None:
    batch = nidan.MigrationBatch.parse(SAMPLES[0]["uri"])
    for name in ("accounts", "version", "batch_size", "batch_index", "batch_id"):
        with pytest.raises(AttributeError):
            setattr(batch, name, 1)
    assert isinstance(batch.accounts, tuple)
    with pytest.raises(TypeError):
        hash(batch)
