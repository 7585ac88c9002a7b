"""Every algorithm against ``core/tests/vectors/hmac_algorithms.json``
(computed by Python's hmac and hashlib; the Rust and JS suites read it too),
through the native API and ``nidan.pyotp``, whose digests are hashlib's."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest
from conftest import load

import nidan
import nidan.pyotp

TABLE = load("hmac_algorithms.json")
# hashlib's constructor for each of the core's names, as pyotp callers pass them.
DIGESTS = {
    "SHA1": hashlib.sha1,
    "SHA224": hashlib.sha224,
    "SHA256": hashlib.sha256,
    "SHA384": hashlib.sha384,
    "SHA512": hashlib.sha512,
    "SHA3-224": hashlib.sha3_224,
    "SHA3-256": hashlib.sha3_256,
    "SHA3-384": hashlib.sha3_384,
    "SHA3-512": hashlib.sha3_512,
}


def test_the_table_covers_every_algorithm() -> None:
    assert sorted({row["algorithm"] for row in TABLE["keys"]}) == sorted(DIGESTS)
    assert len(TABLE["hotp"]) == 9 * 3 * 7
    assert len(TABLE["totp"]) == 9 * 3 * 6


@pytest.mark.parametrize("row", TABLE["hotp"], ids=lambda row: f"{row['algorithm']}-{row['counter']}")
def test_native_hotp(row: dict[str, Any]) -> None:
    secret = nidan.Secret.from_bytes(bytes.fromhex(row["key_hex"]))
    counter = int(row["counter"])
    for digits, field in ((6, "code6"), (8, "code8")):
        hotp = nidan.HOTP(secret, algorithm=row["algorithm"], digits=digits)
        assert hotp.generate(counter) == row[field]


@pytest.mark.parametrize("row", TABLE["totp"], ids=lambda row: f"{row['algorithm']}-{row['time']}")
def test_native_totp_and_pyotp(row: dict[str, Any]) -> None:
    key = bytes.fromhex(row["key_hex"])
    totp = nidan.TOTP(nidan.Secret.from_bytes(key), algorithm=row["algorithm"], digits=row["digits"])
    assert totp.generate(row["time"]) == row["code"]
    assert totp.verify(row["code"], time=row["time"]) is not None
    if len(key) >= 14:  # pyotp's floor: 112 bits
        secret = base64.b32encode(key).decode()
        drop_in = nidan.pyotp.TOTP(secret, digits=row["digits"], digest=DIGESTS[row["algorithm"]])
        assert drop_in.at(row["time"]) == row["code"]
        assert drop_in.verify(row["code"], for_time=row["time"])


def test_strict_uris_keep_the_key_uri_formats_algorithms() -> None:
    for name in DIGESTS:
        uri = f"otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm={name}"
        if name in ("SHA1", "SHA256", "SHA512"):
            assert nidan.KeyUri.parse(uri).algorithm == name
        else:
            with pytest.raises(nidan.UriError, match="invalid algorithm value"):
                nidan.KeyUri.parse(uri)


def test_the_readme_recipe_makes_the_table() -> None:
    """``core/tests/vectors/README.md`` carries the recipe (hashlib only):
    running it gives the file byte for byte."""
    import contextlib
    import io

    from conftest import VECTORS

    readme = (VECTORS / "README.md").read_text(encoding="utf-8")
    section = readme.split("## `hmac_algorithms.json`: how it was made", 1)[1]
    recipe = section.split("```python\n", 1)[1].split("```", 1)[0]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(recipe, "recipe.py", "exec"), {"__name__": "recipe"})  # noqa: S102
    assert printed.getvalue() == (VECTORS / "hmac_algorithms.json").read_text(encoding="utf-8")
