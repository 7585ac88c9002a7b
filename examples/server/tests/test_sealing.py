"""Secrets at rest: sealed with AES-256-GCM, bound to their row and column."""

from __future__ import annotations

import base64
import os
import sys

import pytest

from conftest import SERVER_DIR

sys.path.insert(0, SERVER_DIR)
from loginservice.sealing import Keyring, SealingError, new_key_setting  # noqa: E402


def test_a_sealed_value_opens_only_in_its_place_and_with_its_key() -> None:
    old = new_key_setting("k1")
    ring = Keyring.parse(old)
    sealed = ring.seal(b"twenty bytes secret!", "user-a/secret")
    assert b"twenty" not in base64.b64decode(sealed.split(":", 1)[1])
    assert ring.open(sealed, "user-a/secret") == b"twenty bytes secret!"
    with pytest.raises(SealingError, match="does not open"):
        ring.open(sealed, "user-b/secret")  # copied to another user's row
    with pytest.raises(SealingError, match="does not open"):
        ring.open(sealed[:-4] + "AAA=", "user-a/secret")  # tampered
    rotated = Keyring.parse(new_key_setting("k2") + "," + old)
    assert rotated.current == "k2" and rotated.open(sealed, "user-a/secret") == b"twenty bytes secret!"
    with pytest.raises(SealingError, match="no key 'k1'"):
        Keyring.parse(new_key_setting("k2")).open(sealed, "user-a/secret")
    assert ring.seal(b"x", "c") != ring.seal(b"x", "c")  # a fresh nonce every time


@pytest.mark.parametrize("setting, message", [
    ("", "id:base64key"), ("k1", "id:base64key"), ("k1:***", "not base64"),
    ("k1:" + base64.b64encode(os.urandom(16)).decode(), "not 32 bytes"),
])
def test_a_bad_key_setting_names_what_is_wrong(setting: str, message: str) -> None:
    with pytest.raises(SealingError, match=message):
        Keyring.parse(setting)
