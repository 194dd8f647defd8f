"""Passphrases and passwords: argon2id hashes, and a kind refusal of guessable ones.

No composition rules (NIST SP 800-63B): length, and a check against the lists of common
and breached passwords that the zxcvbn estimator ships with.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

ZXCVBN_MAX_LENGTH = 72

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

# A hash of a throwaway value, verified when there is no account, so that a wrong
# access ID takes as long as a wrong passphrase.
_DUMMY_HASH = _hasher.hash("no account has this passphrase")


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, secret) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def is_easy_to_guess(secret: str, related_words: list[str] | None = None) -> bool:
    """True for common or breached passphrases (zxcvbn score 0 or 1: under a million guesses)."""
    # zxcvbn refuses input over 72 characters (it raises, which was a 500 page), and the
    # extra length only makes guessing harder: judge the first 72.
    return zxcvbn(secret[:ZXCVBN_MAX_LENGTH], user_inputs=related_words or [])["score"] <= 1
