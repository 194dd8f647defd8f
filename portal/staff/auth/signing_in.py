"""The rules of staff sign-in: a password, then a TOTP code that is accepted once only.

Views call these and decide only what to show. Every attempt, good or bad, is audited
with identifiers and an outcome, never with what was typed.
"""

from __future__ import annotations

import hmac
import uuid
from datetime import datetime, timedelta
from enum import StrEnum

import pyotp
from flask import session, url_for
from sqlalchemy import func, select

from portal.auth import throttle
from portal.auth.passwords import hash_secret, needs_rehash, verify_secret
from portal.data import audit
from portal.data.models import StaffUser, utcnow
from portal.extensions import db

# Between the password and the code: long enough to open an authenticator, no longer.
PENDING_LIFETIME = timedelta(minutes=5)
_PENDING_ID = "staff_pending_id"
_PENDING_UNTIL = "staff_pending_until"
TOTP_INTERVAL = 30


class Outcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    REPLAY = "replay"


def find_by_email(email: str) -> StaffUser | None:
    wanted = email.strip().casefold()
    return db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == wanted))


def check_password(email: str, password: str) -> tuple[Outcome, StaffUser | None]:
    """Check the first factor. An unknown or disabled account, or one still waiting for a
    second person's approval, looks like a wrong password, in words and in time: every path
    verifies one argon2 hash.

    An account inside its delay (portal/auth/throttle.py) is refused whatever was typed,
    and the try is neither checked nor counted; but the hash is verified all the same, so
    the answer takes as long as a wrong password's.
    """
    user = find_by_email(email)
    waiting = user is not None and throttle.must_wait(user)
    right = verify_secret(user.password_hash if user else None, password)
    if waiting:
        _audit_failure(user, "waiting")
        db.session.commit()
        return Outcome.WRONG, None
    if not right or not user.is_active:
        if user is not None:
            throttle.record_failure(user)
        _audit_failure(user, "password")
        db.session.commit()
        return Outcome.WRONG, None
    if needs_rehash(user.password_hash):
        # The hasher's parameters have grown since this hash was made: keep up, while the
        # password is in hand, as the victims' and supporters' sign-ins already do.
        user.password_hash = hash_secret(password)
        db.session.commit()
    return Outcome.OK, user


def matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code is `code`, allowing one step either side for clock drift."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret, interval=TOTP_INTERVAL)
    found = None
    for drift in (-1, 0, 1):
        moment = now + timedelta(seconds=drift * TOTP_INTERVAL)
        # Compare every candidate, so the time taken does not say which one matched.
        if hmac.compare_digest(totp.at(moment), code):
            found = totp.timecode(moment)
    return found


def check_code(user: StaffUser, code: str) -> Outcome:
    """Check the second factor. A code from a step already used is refused (replay).

    The password is proven by now, so an account inside its delay may be told to wait.
    """
    if throttle.must_wait(user) or not user.is_active:
        _audit_failure(user, "waiting" if throttle.must_wait(user) else "disabled")
        db.session.commit()
        return Outcome.LOCKED
    step = matching_step(user.totp_secret or "", code, utcnow())
    replay = step is not None and user.last_totp_step is not None and step <= user.last_totp_step
    if step is None or replay:
        throttle.record_failure(user)
        _audit_failure(user, "replay" if replay else "code")
        db.session.commit()
        if throttle.must_wait(user):
            return Outcome.LOCKED
        return Outcome.REPLAY if replay else Outcome.WRONG
    user.last_totp_step = step
    throttle.record_success(user)
    return Outcome.OK


def complete_enrolment(user: StaffUser) -> None:
    user.totp_enrolled_at = utcnow()
    audit.record("staff.totp_enrolled", subject=user, actor=user)


def record_sign_in(user: StaffUser, method: str) -> None:
    """Audit a successful sign-in (committed by `start_session`): `password` (with TOTP)
    or `single_sign_on` (the force's identity provider)."""
    audit.record("staff.signed_in", subject=user, actor=user, detail={"method": method})


def home_for(user: StaffUser) -> str:
    """Where a staff member lands once signed in, however they signed in."""
    return url_for("admin.index") if user.role == "admin" else url_for("staff.caseload")


def _audit_failure(user: StaffUser | None, stage: str) -> None:
    audit.record(
        "staff.sign_in_failed",
        subject=user,
        actor=user,
        detail={"stage": stage, "known_account": user is not None},
    )


def new_totp_secret(user: StaffUser) -> str:
    """Give a not-yet-enrolled account a secret to enrol (kept until enrolment succeeds)."""
    if user.totp_secret is None:
        user.totp_secret = pyotp.random_base32(32)
        user.last_totp_step = None
        db.session.commit()
    return user.totp_secret


def provisioning_uri(user: StaffUser, issuer: str) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=issuer)


# The person between the two factors is remembered in the signed session cookie only.


def remember_pending(user: StaffUser) -> None:
    session[_PENDING_ID] = str(user.id)
    session[_PENDING_UNTIL] = (utcnow() + PENDING_LIFETIME).isoformat()


def pending_user() -> StaffUser | None:
    raw_id, until = session.get(_PENDING_ID), session.get(_PENDING_UNTIL)
    if not raw_id or not until or datetime.fromisoformat(until) < utcnow():
        return None
    user = db.session.get(StaffUser, uuid.UUID(raw_id))
    if user is None or not user.is_active:
        return None
    return user


def forget_pending() -> None:
    session.pop(_PENDING_ID, None)
    session.pop(_PENDING_UNTIL, None)
