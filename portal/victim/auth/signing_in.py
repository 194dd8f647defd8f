"""Checking an access ID (or email) and passphrase, with the same answer for every failure.

An unknown account, a wrong passphrase and an account that must wait before its next try
look identical from outside, in words and in time: each path verifies one argon2 hash.
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
    """The victim these details belong to, or None (and the failure is recorded).

    Every path verifies one argon2 hash, the real one whenever there is an account, so an
    account inside its delay (portal/auth/throttle.py) takes as long as any other. A try
    inside the delay is refused whatever was typed, and is neither checked nor counted.
    """
    victim = find_victim(identifier)
    usable = victim is not None and victim.is_active
    waiting = usable and throttle.must_wait(victim)
    right = verify_secret(victim.passphrase_hash if usable else None, passphrase)
    if waiting or not right:
        if usable and not waiting:
            throttle.record_failure(victim)
        audit.record(
            "victim.sign_in_failed",
            subject=victim if victim is not None else None,
            actor=ANONYMOUS,
            detail={"known_account": victim is not None, "waiting": waiting},
        )
        db.session.commit()
        return None
    throttle.record_success(victim)
    if needs_rehash(victim.passphrase_hash):
        victim.passphrase_hash = hash_secret(passphrase)
    return victim
