"""Signed requests: HMAC-SHA256 with the client's own key over what the request does.

The client sends four headers (docs/api.md):

    Beacon-Client: rms-1
    Beacon-Timestamp: 1764892800          (Unix seconds, UTC)
    Beacon-Nonce: 3f1c9a...               (16 to 64 of A-Z a-z 0-9 _ -, new every request)
    Beacon-Signature: <hex HMAC-SHA256 of the string below>

    METHOD \\n PATH \\n TIMESTAMP \\n NONCE \\n hex SHA-256 of the body

A timestamp more than five minutes away from ours is refused, and a nonce is accepted
once: it is stored for the window, so a captured request cannot be sent again.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from portal.data.models import ApiNonce, utcnow
from portal.extensions import db
from portal.staff.api.clients import ApiClient

WINDOW = timedelta(minutes=5)
NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
HEADERS = ("Beacon-Client", "Beacon-Timestamp", "Beacon-Nonce", "Beacon-Signature")


class SignatureRefused(Exception):
    """Why a signed request was refused, in words safe to send back (no key, no body)."""


def string_to_sign(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join((method.upper(), path, timestamp, nonce, digest)).encode()


def sign(key: bytes, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    """What a client sends as Beacon-Signature (the tests and docs/api.md use this too)."""
    message = string_to_sign(method, path, timestamp, nonce, body)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def verify(client: ApiClient, method: str, path: str, headers, body: bytes) -> None:
    """Raise SignatureRefused unless the request is signed by `client` now, for the first time."""
    if client.signing_key is None:
        raise SignatureRefused("this client does not sign requests")
    timestamp, nonce = headers.get("Beacon-Timestamp", ""), headers.get("Beacon-Nonce", "")
    if not timestamp.isdigit() or len(timestamp) > 12:
        raise SignatureRefused("Beacon-Timestamp must be Unix seconds")
    sent_at = datetime.fromtimestamp(int(timestamp), UTC)
    now = utcnow()
    if abs(now - sent_at) > WINDOW:
        raise SignatureRefused("Beacon-Timestamp is more than 5 minutes from the server's clock")
    if not NONCE.fullmatch(nonce):
        raise SignatureRefused("Beacon-Nonce must be 16 to 64 letters, digits, _ or -")
    expected = sign(client.signing_key, method, path, timestamp, nonce, body)
    if not hmac.compare_digest(expected, headers.get("Beacon-Signature", "")):
        raise SignatureRefused("Beacon-Signature does not match")
    _use_nonce(client.id, nonce, now)


def _use_nonce(client_id: str, nonce: str, now: datetime) -> None:
    """Store the nonce in its own transaction (a replay is refused even if this request
    then fails), and forget those older than the window: a timestamp that old is refused
    anyway."""
    db.session.execute(delete(ApiNonce).where(ApiNonce.seen_at < now - 2 * WINDOW))
    db.session.add(ApiNonce(client_id=client_id, nonce=nonce, seen_at=now))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise SignatureRefused("Beacon-Nonce has been used already: this is a replay") from None
