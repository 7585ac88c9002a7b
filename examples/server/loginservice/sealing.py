"""Secrets at rest: AES-256-GCM from ``cryptography``, keys from the environment.

``NIDAN_DEMO_KEYS`` holds ``id:base64key`` entries separated by commas; the
first seals, all of them open. A sealed value reads ``id:base64(nonce|ct)`` and
is bound (as associated data) to the row and column it belongs to, so a value
copied to another user's row does not open.

>>> import base64
>>> box = Keyring.parse("k1:" + base64.b64encode(bytes(32)).decode())
>>> sealed = box.seal(b"secret", "user-1/totp")
>>> box.open(sealed, "user-1/totp")
b'secret'
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class SealingError(ValueError):
    """The key setting is malformed, or a sealed value does not open."""


class Keyring:
    """The current sealing key and the older keys that still open values."""

    def __init__(self, keys: list[tuple[str, bytes]]) -> None:
        if not keys:
            raise SealingError("NIDAN_DEMO_KEYS names no key")
        self._current = keys[0][0]
        self._keys = {key_id: AESGCM(key) for key_id, key in keys}

    @staticmethod
    def parse(setting: str) -> Keyring:
        """Reads ``id:base64key,id:base64key``; each key is 32 bytes."""
        keys = []
        for entry in setting.split(","):
            key_id, sep, encoded = entry.strip().partition(":")
            if not sep or not key_id:
                raise SealingError("each key reads id:base64key")
            try:
                key = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise SealingError(f"key {key_id!r} is not base64") from None
            if len(key) != 32:
                raise SealingError(f"key {key_id!r} is not 32 bytes")
            keys.append((key_id, key))
        return Keyring(keys)

    @property
    def current(self) -> str:
        """The id of the key that seals."""
        return self._current

    def seal(self, plain: bytes, context: str) -> str:
        """Encrypts ``plain`` with the current key, bound to ``context``."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._keys[self._current].encrypt(nonce, plain, context.encode())
        return f"{self._current}:{base64.b64encode(nonce + sealed).decode()}"

    def open(self, sealed: str, context: str) -> bytes:
        """Decrypts a sealed value; raises SealingError (naming no secret) when it cannot."""
        key_id, _, body = sealed.partition(":")
        aead = self._keys.get(key_id)
        if aead is None:
            raise SealingError(f"no key {key_id!r} in NIDAN_DEMO_KEYS")
        try:
            raw = base64.b64decode(body, validate=True)
            return aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
        except (binascii.Error, InvalidTag, ValueError):
            raise SealingError(f"a value sealed with {key_id!r} does not open") from None

    def key_id(self, sealed: str) -> str:
        """The id of the key a value was sealed with."""
        return sealed.partition(":")[0]


def new_key_setting(key_id: str = "k1") -> str:
    """A fresh ``id:base64key`` entry."""
    return f"{key_id}:{base64.b64encode(os.urandom(32)).decode()}"
