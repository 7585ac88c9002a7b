"""The import mode on the Python surface: the real-world corpus
(``real_world_uris.json``, read by the Rust and JS suites too), repairs as
typed values, per-account export results, and secrecy."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import documented_error_codes, load

import nidan

CORPUS = load("real_world_uris.json")
# The core's documented code of each Rust error (core/src/error.rs).
CODE_OF = {error: code for code, error in documented_error_codes()}
FAMILIES: dict[str, type[nidan.NidanError]] = {
    "secret": nidan.SecretError,
    "uri": nidan.UriError,
    "parameter": nidan.ParameterError,
}


def key_json(key: nidan.KeyUri) -> dict[str, Any]:
    value: dict[str, Any] = {
        "type": key.kind,
        "issuer": key.issuer,
        "account": key.account,
        "secret_hex": key.secret.to_bytes().hex(),
        "algorithm": key.algorithm,
        "digits": key.digits,
    }
    if key.format != "decimal":
        value["format"] = key.format
    if key.kind == "totp":
        value["period"] = key.period
    else:
        value["counter"] = key.counter
    return value


FIELDS = ("label", "parameter", "part", "bits", "algorithm")


def repair_json(repair: nidan.Repair) -> dict[str, Any]:
    value: dict[str, Any] = {"kind": repair.kind}
    for name in FIELDS:
        field = getattr(repair, name)
        if field is not None:
            value[name] = field
    return value


def imported_json(imported: nidan.ImportedKey) -> dict[str, Any]:
    return {"key": key_json(imported.key), "repairs": [repair_json(r) for r in imported.repairs]}


def check_error(error: BaseException, expected: dict[str, Any], what: str) -> None:
    assert isinstance(error, FAMILIES[expected["family"]]), what
    assert str(error) == expected["message"], what
    assert getattr(error, "code", None) == CODE_OF[expected["error"].split(" ")[0]], what


@pytest.mark.parametrize("entry", CORPUS["uris"], ids=lambda e: e["id"])
def test_corpus_uri(entry: dict[str, Any]) -> None:
    uri = entry["uri"]
    if "error" in entry["strict"]:
        with pytest.raises(nidan.NidanError) as raised:
            nidan.KeyUri.parse(uri)
        check_error(raised.value, entry["strict"], "strict")
    else:
        assert {"key": key_json(nidan.KeyUri.parse(uri))} == entry["strict"]
    if "error" in entry["import"]:
        with pytest.raises(nidan.NidanError) as raised:
            nidan.KeyUri.import_uri(uri)
        check_error(raised.value, entry["import"], "import")
        return
    imported = nidan.KeyUri.import_uri(uri)
    assert imported_json(imported) == entry["import"]
    check = entry.get("check")
    if check is not None and "time" in check:
        assert imported.key.to_totp().generate(check["time"]) == check["code"]
    elif check is not None:
        assert imported.key.to_hotp().generate(check["counter"]) == check["code"]
    # Every imported key builds a URI that reads back to it.
    again = nidan.KeyUri.import_uri(imported.key.to_uri())
    assert again.key == imported.key
    assert list(again.repairs) == [r for r in imported.repairs if not r.is_spelling]


@pytest.mark.parametrize("entry", CORPUS["exports"], ids=lambda e: e["id"])
def test_corpus_export(entry: dict[str, Any]) -> None:
    uri = entry["uri"]
    if "error" in entry["strict"]:
        with pytest.raises(nidan.NidanError) as raised:
            nidan.MigrationBatch.parse(uri)
        check_error(raised.value, entry["strict"], "strict")
    else:
        batch = nidan.MigrationBatch.parse(uri)
        assert {"accounts": [key_json(k) for k in batch.accounts]} == entry["strict"]
    result = nidan.MigrationBatch.import_uri(uri)
    assert len(result.accounts) == len(entry["import"]["accounts"])
    for index, (account, expected) in enumerate(zip(result.accounts, entry["import"]["accounts"])):
        if "error" in expected:
            assert isinstance(account, nidan.NidanError)
            check_error(account, expected, f"account {index}")
            assert (index, account) in result.failures
        else:
            assert isinstance(account, nidan.ImportedKey)
            assert imported_json(account) == expected
    usable = [a.key for a in result.accounts if isinstance(a, nidan.ImportedKey)]
    assert list(result.batch.accounts) == usable


def test_repairs_are_typed_values_with_a_message() -> None:
    uri = "otpauth://totp/Old:alice?SECRET=jbsw%20y3dp%20ehpk%203pxp&issuer=New"
    imported = nidan.KeyUri.import_uri(uri)
    kinds = [r.kind for r in imported.repairs]
    assert kinds == ["parameter_name_case", "issuer_differs", "secret_separators"]
    differs = imported.repairs[1]
    assert (differs.label, differs.parameter, differs.bits) == ("Old", "New", None)
    assert differs.message == 'the label names the issuer "Old" and the issuer parameter "New": the parameter is used'
    assert imported.key.issuer == "New"
    assert imported.repairs[0] == nidan.KeyUri.import_uri("otpauth://totp/a?SECRET=JBSWY3DPEHPK3PXP").repairs[0]
    assert "JBSW" not in repr(imported) and "jbsw" not in repr(imported)
    assert repr(imported.repairs[2]).startswith("Repair(kind='secret_separators'")


def test_strict_is_the_default_and_names_what_is_wrong() -> None:
    with pytest.raises(nidan.UriError, match="names one issuer in its label and another"):
        nidan.KeyUri.parse("otpauth://totp/Old:alice?secret=JBSWY3DPEHPK3PXP&issuer=New")
    with pytest.raises(nidan.UriError, match="the account name is empty"):
        nidan.KeyUri.parse("otpauth://totp/?secret=JBSWY3DPEHPK3PXP")
    with pytest.raises(nidan.UriError, match="invalid digits value"):
        nidan.KeyUri.parse("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=06")
    hotp = nidan.KeyUri.parse("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1")
    with pytest.raises(nidan.UriError, match="the key is HOTP"):
        hotp.to_totp()
    with pytest.raises(nidan.UriError, match="the key is TOTP"):
        nidan.KeyUri.parse("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP").to_hotp()


def test_import_refuses_what_it_cannot_repair() -> None:
    with pytest.raises(nidan.SecretError, match="length cannot come from whole bytes"):
        nidan.KeyUri.import_uri("otpauth://totp/a?secret=ABC")
    with pytest.raises(TypeError, match="uri must be a str"):
        nidan.KeyUri.import_uri(b"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP")  # type: ignore[arg-type]
    with pytest.raises(nidan.UriError, match="otpauth-migration"):
        nidan.MigrationBatch.import_uri("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP")


def test_export_failures_name_the_account_and_why() -> None:
    entry = next(e for e in CORPUS["exports"] if e["id"] == "export-with-unusable-accounts")
    result = nidan.MigrationBatch.import_uri(entry["uri"])
    failures: tuple[tuple[int, nidan.NidanError], ...] = result.failures
    assert [(index, str(error)) for index, error in failures] == [
        (1, "export URI has an account whose algorithm nidan cannot use")
    ]
    assert repr(result) == "MigrationImport(accounts=4, failures=1)"
