"""Checking an access ID (or email) and passphrase, with the same answer for every failure.

An unknown account, a wrong passphrase and a locked account look identical from outside,
in words and in time: each path verifies one argon2 hash.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.auth import throttle
from portal.auth.codes import access_id_form
from portal.auth.passwords import hash_secret, needs_rehash, verify_secret
from portal.data import audit
from portal.data.audit import ANONYMOUS
from portal.data.models import Victim
from portal.extensions import db
from portal.security.crypto import blind_index


def find_victim(identifier: str) -> Victim | None:
    identifier = identifier.strip()
    if "@" in identifier:
        query = select(Victim).where(Victim.email_index == blind_index(identifier))
    else:
        access_id = access_id_form(identifier)
        if access_id is None:
            return None
        query = select(Victim).where(Victim.access_id == access_id)
    return db.session.scalar(query)


def authenticate(identifier: str, passphrase: str) -> Victim | None:
    """The victim these details belong to, or None (and the failure is recorded)."""
    victim = find_victim(identifier)
    usable = victim is not None and victim.is_active and not throttle.is_locked(victim)
    stored = victim.passphrase_hash if usable else None
    if not verify_secret(stored, passphrase):
        if victim is not None and usable:
            throttle.record_failure(victim)
        audit.record(
            "victim.sign_in_failed",
            subject=victim if victim is not None else None,
            actor=ANONYMOUS,
            detail={"known_account": victim is not None},
        )
        db.session.commit()
        return None
    throttle.record_success(victim)
    if needs_rehash(victim.passphrase_hash):
        victim.passphrase_hash = hash_secret(passphrase)
    return victim
