"""Error codes come from the core: ``nidan.error_codes()`` is the core's list,
which the table in the core's documentation of ``Error`` (``core/src/error.rs``,
read here) documents, and every exception of each family carries the code
that table gives its Rust error (``ArgumentError::...`` for the arguments the
binding refuses itself)."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Callable

import pytest
from conftest import RFC_SECRET, documented_error_codes

import nidan

DOCUMENTED = documented_error_codes()
CODE_OF = {error: code for code, error in DOCUMENTED}
KEY = nidan.Secret.from_bytes(RFC_SECRET)

CASES: list[tuple[str, Callable[[], object], type[nidan.NidanError], str]] = [
    ("short key", lambda: nidan.Secret.from_base32("MZXW6"), nidan.SecretError, "SecretTooShort"),
    ("bad base32", lambda: nidan.Secret.from_base32("JBSWY3DPEHPK3PX1"), nidan.SecretError, "Base32Character"),
    ("base32 not Unicode", lambda: nidan.Secret.from_base32("\ud800"), nidan.SecretError, "ArgumentError::Invalid"),
    ("scheme", lambda: nidan.KeyUri.parse("https://example.com/"), nidan.UriError, "UriScheme"),
    ("URI not Unicode", lambda: nidan.KeyUri.parse("otpauth://totp/\ud800"), nidan.UriError, "ArgumentError::Invalid"),
    ("export scheme", lambda: nidan.MigrationBatch.parse("otpauth://x"), nidan.UriError, "MigrationScheme"),
    ("digits", lambda: nidan.TOTP(KEY, digits=11), nidan.ParameterError, "Digits"),
    ("period", lambda: nidan.TOTP(KEY, period=0), nidan.ParameterError, "Period"),
    ("negative digits", lambda: nidan.TOTP(KEY, digits=-1), nidan.ParameterError, "ArgumentError::Number"),
    ("float time", lambda: nidan.TOTP(KEY).generate(float("nan")), nidan.ParameterError, "ArgumentError::Number"),
    ("naive datetime", lambda: nidan.TOTP(KEY).generate(datetime.datetime(2020, 1, 1)), nidan.ParameterError, "ArgumentError::Invalid"),
    ("account not Unicode", lambda: nidan.TOTP(KEY, account="\ud800"), nidan.ParameterError, "ArgumentError::Invalid"),
]


def test_error_codes_are_the_cores_documented_table_in_order() -> None:
    assert len(DOCUMENTED) >= 44
    assert nidan.error_codes() == [code for code, _ in DOCUMENTED]
    assert len(set(nidan.error_codes())) == len(nidan.error_codes())


@pytest.mark.parametrize(("name", "call", "family", "error"), CASES, ids=[case[0] for case in CASES])
def test_each_family_carries_the_code_the_core_documents(
    name: str, call: Callable[[], object], family: type[nidan.NidanError], error: str
) -> None:
    with pytest.raises(family) as raised:
        call()
    assert raised.value.code == CODE_OF[error], name
    assert raised.value.code in nidan.error_codes()


def test_the_cases_cover_every_family_and_the_bindings_own_codes() -> None:
    families = {family for _, _, family, _ in CASES}
    assert families == {nidan.SecretError, nidan.UriError, nidan.ParameterError}
    assert {"ArgumentError::Invalid", "ArgumentError::Number"} <= {error for *_, error in CASES}


def test_the_code_survives_copy_and_pickle() -> None:
    with pytest.raises(nidan.SecretError) as raised:
        nidan.Secret.from_base32("MZXW6")
    for again in (copy.copy(raised.value), pickle.loads(pickle.dumps(raised.value))):
        assert again.code == raised.value.code == CODE_OF["SecretTooShort"]
        assert str(again) == str(raised.value)
