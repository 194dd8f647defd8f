"""Encryption at rest for free text that identifies or describes a victim or a case.

AES-256-GCM (authenticated) from `cryptography`, a fresh random nonce per value, and the
table, column and row id bound in as associated data, so a ciphertext copied into another
row or column fails to decrypt. Keys come from configuration; the first key encrypts and
every listed key decrypts, which is what lets `portal keys rotate` re-encrypt in place.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

FORMAT_VERSION = 1
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A value could not be decrypted: wrong key, wrong row, or tampered with."""


class Keyring:
    def __init__(self, keys: list[tuple[str, bytes]]):
        if not keys:
            raise ValueError("a keyring needs at least one key")
        self._keys = dict(keys)
        self.current_kid = keys[0][0]

    def encrypt(self, plaintext: str, associated_data: bytes) -> bytes:
        kid = self.current_kid.encode()
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self._keys[self.current_kid]).encrypt(
            nonce, plaintext.encode("utf-8"), associated_data
        )
        return bytes([FORMAT_VERSION, len(kid)]) + kid + nonce + sealed

    def decrypt(self, blob: bytes, associated_data: bytes) -> str:
        kid, nonce, sealed = _split(blob)
        key = self._keys.get(kid)
        if key is None:
            raise DecryptionError(f"no key with id {kid!r}")
        try:
            return AESGCM(key).decrypt(nonce, sealed, associated_data).decode("utf-8")
        except InvalidTag as error:
            raise DecryptionError("value does not belong here or was altered") from error

    def key_id_of(self, blob: bytes) -> str:
        return _split(blob)[0]


def _split(blob: bytes) -> tuple[str, bytes, bytes]:
    if len(blob) < 2 or blob[0] != FORMAT_VERSION:
        raise DecryptionError("unknown ciphertext format")
    kid_length = blob[1]
    kid = blob[2 : 2 + kid_length].decode("ascii")
    rest = blob[2 + kid_length :]
    return kid, rest[:NONCE_BYTES], rest[NONCE_BYTES:]


class BlindIndex:
    """A keyed hash of a normalised value, so an encrypted email can still be looked up."""

    def __init__(self, key: bytes):
        self._key = key

    def __call__(self, value: str) -> str:
        normalised = value.strip().casefold()
        return hmac.new(self._key, normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def current_keyring() -> Keyring:
    return current_app.extensions["portal.keyring"]


def blind_index(value: str) -> str:
    return current_app.extensions["portal.blind_index"](value)
