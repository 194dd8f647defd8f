"""One-time codes (activation, invitations, resets) and access IDs.

Codes are random, shown once, and stored only as a SHA-256 hash: they carry 80 bits or
more of randomness and expire, so a slow hash adds nothing a throttle does not.
"""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L, 5/S, 2/Z: easy to read aloud, to copy from paper, and to type on a phone.
ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_code(groups: int = 4, group_length: int = 5) -> str:
    """A code such as `K7PQW-3MXRT-9ACHE-UV4DY` (20 symbols from 27: about 95 bits)."""
    return "-".join(_random(group_length) for _ in range(groups))


def new_access_id() -> str:
    """An access ID such as `B-7KQ4-MX3P`: random, so it says nothing about the person."""
    return f"B-{_random(4)}-{_random(4)}"


def normalise(code: str) -> str:
    """Forgive spaces, dashes and lower case when a code is typed back."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def access_id_form(typed: str) -> str | None:
    """`b 7kq4 mx3p` or `B7KQ4MX3P` back to `B-7KQ4-MX3P`; None if it cannot be one."""
    symbols = normalise(typed)
    if len(symbols) != 9 or not symbols.startswith("B"):
        return None
    return f"B-{symbols[1:5]}-{symbols[5:]}"
