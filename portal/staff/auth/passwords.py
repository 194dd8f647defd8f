"""Staff passwords: the rules for a new one, and one-time reset links that an admin starts.

The admin never sees or sets a password: they start a reset, hand the person a link
(which works once, for a day), and the person chooses their own password.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from portal.auth.passwords import hash_secret, is_easy_to_guess
from portal.auth.sessions import end_all_sessions
from portal.data import audit
from portal.data.models import StaffUser, utcnow
from portal.extensions import db

MIN_LENGTH = 12
RESET_LIFETIME = timedelta(hours=24)


def password_problem(password: str, user: StaffUser) -> str | None:
    """Why `password` will not do, in words to show the person, or None if it will."""
    if len(password) < MIN_LENGTH:
        return _("Enter a password of at least %(n)s characters", n=MIN_LENGTH)
    related = [user.email, user.email.partition("@")[0], user.display_name]
    if is_easy_to_guess(password, related):
        return _(
            "Choose a password that is harder to guess: this one is common or has been "
            "seen in a data breach. A few unrelated words together work well"
        )
    return None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_reset(user: StaffUser) -> str:
    """Make a one-time reset token (replacing any earlier one). Committed by the caller."""
    token = secrets.token_urlsafe(32)
    user.reset_token_hash = _hash(token)
    user.reset_expires_at = utcnow() + RESET_LIFETIME
    audit.record("staff.password_reset_started", subject=user)
    return token


def user_for_token(token: str) -> StaffUser | None:
    if not token or len(token) > 100:
        return None
    user = db.session.scalar(select(StaffUser).where(StaffUser.reset_token_hash == _hash(token)))
    if user is None or user.is_disabled or user.reset_expires_at is None:
        return None
    if user.reset_expires_at < utcnow():
        return None
    return user


def complete_reset(user: StaffUser, password: str) -> None:
    """Set the new password, spend the token and end every session the account had."""
    user.password_hash = hash_secret(password)
    user.reset_token_hash = None
    user.reset_expires_at = None
    audit.record("staff.password_set", subject=user, actor=user)
    db.session.commit()
    end_all_sessions("staff", user.id, "password_changed")
