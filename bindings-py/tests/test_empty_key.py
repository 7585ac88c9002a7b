"""No MAC is ever keyed with an empty key: every way of making a generator
from no key bytes, in the native API and in the pyotp drop-in (pyotp, too,
refuses keys under 112 bits), is refused."""

from __future__ import annotations

from typing import Callable

import pytest

import nidan
import nidan.pyotp


@pytest.mark.parametrize(
    "make",
    [
        lambda: nidan.Secret.from_bytes(b"", allow_short=True),
        lambda: nidan.Secret.from_base32("", allow_short=True),
        lambda: nidan.Secret.from_typed_base32(" - "),
        lambda: nidan.TOTP(""),
        lambda: nidan.HOTP(""),
        lambda: nidan.KeyUri.parse("otpauth://totp/a?secret="),
    ],
)
def test_native_api_refuses_an_empty_key(make: Callable[[], object]) -> None:
    with pytest.raises(nidan.SecretError, match="secret is empty"):
        make()


@pytest.mark.parametrize(
    "use",
    [
        lambda: nidan.pyotp.TOTP("").now(),
        lambda: nidan.pyotp.TOTP("").at(59),
        lambda: nidan.pyotp.TOTP("").verify("287082", for_time=59),
        lambda: nidan.pyotp.HOTP("").at(1),
        lambda: nidan.pyotp.HOTP("").verify("287082", 1),
    ],
)
def test_pyotp_drop_in_computes_nothing_from_an_empty_key(use: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        use()
