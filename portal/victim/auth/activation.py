"""Activation: a one-time code from the officer becomes a passphrase and an access ID.

The code carries about 95 bits of randomness, so guessing it is hopeless; the limits
below exist to keep that true and to make a guessing attempt visible. A wrong code names
no account, so the lockout counts failures per address, from the audit log every app
instance shares.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal.auth.codes import hash_code, new_access_id, normalise
from portal.auth.passwords import hash_secret, is_easy_to_guess
from portal.auth.sessions import end_all_sessions
from portal.data import audit
from portal.data.audit import ANONYMOUS
from portal.data.models import AuditAddress, AuditEvent, Victim, utcnow
from portal.extensions import db
from portal.rules import access_reissue
from portal.rules.languages import is_known

FAILED = "victim.activation_failed"
ADDRESS_MAX_FAILURES = 10
ADDRESS_WINDOW = timedelta(minutes=15)


def address_is_locked(remote_addr: str | None) -> bool:
    since = utcnow() - ADDRESS_WINDOW
    failures = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .join(AuditAddress)
        .where(
            AuditEvent.action == FAILED,
            AuditAddress.remote_addr == remote_addr,
            AuditEvent.occurred_at > since,
        )
    )
    return (failures or 0) >= ADDRESS_MAX_FAILURES


def find_invitation(code: str) -> Victim | None:
    """The victim waiting to activate with `code`, if it is unused and has not expired.

    A code is used up (its hash cleared) the moment activation completes.
    """
    if not normalise(code):
        return None
    victim = db.session.scalar(select(Victim).where(Victim.activation_code_hash == hash_code(code)))
    if victim is None or victim.is_disabled:
        return None
    if victim.activation_expires_at is None or victim.activation_expires_at <= utcnow():
        return None
    return victim


def still_waiting(victim_id, code_hash: str | None) -> Victim | None:
    """Re-check, at the last step, that the code checked earlier is still the live one."""
    if victim_id is None or code_hash is None:
        return None
    victim = db.session.get(Victim, victim_id)
    if victim is None or victim.activation_code_hash != code_hash or victim.is_disabled:
        return None
    if victim.activation_expires_at is None or victim.activation_expires_at <= utcnow():
        return None
    return victim


def record_failed_code() -> None:
    audit.record(FAILED, actor=ANONYMOUS)
    db.session.commit()


def passphrase_is_guessable(victim: Victim, passphrase: str) -> bool:
    related = [word for word in (victim.preferred_name, victim.full_name) if word]
    return is_easy_to_guess(passphrase, related)


def complete_activation(victim: Victim, passphrase: str, language: str) -> str:
    """Set the passphrase and her language, use up the code and return the new access ID
    (shown once). `language` is the one she activated in: it replaces what the officer
    entered, because the language is the person's to choose.

    A victim who forgot their details is given a new code (approved by a supervisor,
    `portal.rules.access_reissue`): activating again ends every old session and replaces
    the old access ID, which may be what was lost or seen. The person is then not signed
    in: they sign in with the new details, so nothing of the account (who it shares with,
    its code word, its choices) is shown to whoever merely holds a code.
    """
    reactivating = victim.activated_at is not None
    if reactivating:
        end_all_sessions("victim", victim.id, "reactivated")
        access_reissue.record_use(victim)
    victim.passphrase_hash = hash_secret(passphrase)
    if is_known(language):
        victim.language = language
    victim.access_id = _unused_access_id()
    victim.activated_at = utcnow()
    victim.activation_code_hash = None
    victim.activation_expires_at = None
    victim.failed_attempts = 0
    victim.locked_until = None
    audit.record("victim.activated", subject=victim, actor=victim, detail={"again": reactivating})
    db.session.commit()
    return victim.access_id


def _unused_access_id() -> str:
    # About 2.8e11 possible IDs: a clash is very unlikely, but cheap to rule out.
    while True:
        candidate = new_access_id()
        if db.session.scalar(select(Victim.id).where(Victim.access_id == candidate)) is None:
            return candidate
