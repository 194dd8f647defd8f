"""Checking a supporter's access ID and passphrase: one answer, one hash, for every failure.

The same shape as a victim's sign-in (portal/victim/auth/signing_in.py): an unknown
account, a wrong passphrase and an account inside its delay look identical from outside.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.auth import throttle
from portal.auth.codes import access_id_form
from portal.auth.passwords import hash_secret, needs_rehash, verify_secret
from portal.data import audit
from portal.data.audit import ANONYMOUS
from portal.data.models import Supporter
from portal.extensions import db


def authenticate(access_id: str, passphrase: str) -> Supporter | None:
    """The supporter these details belong to, or None (and the failure is recorded)."""
    normalised = access_id_form(access_id)
    supporter = (
        db.session.scalar(select(Supporter).where(Supporter.access_id == normalised))
        if normalised
        else None
    )
    usable = supporter is not None and supporter.is_active
    waiting = usable and throttle.must_wait(supporter)
    right = verify_secret(supporter.passphrase_hash if usable else None, passphrase)
    if waiting or not right:
        if usable and not waiting:
            throttle.record_failure(supporter)
        audit.record(
            "supporter.sign_in_failed",
            subject=supporter,
            actor=ANONYMOUS,
            detail={"known_account": supporter is not None, "waiting": waiting},
        )
        db.session.commit()
        return None
    throttle.record_success(supporter)
    if needs_rehash(supporter.passphrase_hash):
        supporter.passphrase_hash = hash_secret(passphrase)
    return supporter
