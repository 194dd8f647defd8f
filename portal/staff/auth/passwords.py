"""Staff passwords: the rules for a new one, and one-time reset codes that an admin starts.

The admin never sees or sets a password, nor the code: they start a reset, the portal
emails the code to the person's work email (with the address of the page where to type
it, `/staff/password`), and the person chooses their own password. The code works once,
for a day, and travels only in a form's POST body: never in a URL, so never in an access
log or a browser's history.
"""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from portal.auth.codes import hash_code, new_code, normalise
from portal.auth.passwords import hash_secret, is_easy_to_guess
from portal.auth.sessions import end_all_sessions
from portal.data import audit, outbox
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


def send_reset(user: StaffUser, reason: str = outbox.STAFF_PASSWORD_RESET) -> None:
    """Make a one-time reset code (replacing any earlier one) and queue the email that
    brings it to the person. Committed by the caller; the code is returned to no one."""
    outbox.cancel_staff_codes(user, "code_replaced")
    code = new_code()
    user.reset_token_hash = hash_code(code)
    user.reset_expires_at = utcnow() + RESET_LIFETIME
    notification = outbox.enqueue_for_staff(user, reason, code)
    audit.record(
        "staff.password_reset_started",
        subject=user,
        detail={"notification_id": str(notification.id), "reason": reason},
    )


def user_for_code(code: str) -> StaffUser | None:
    """The account a typed reset code belongs to, while it still works."""
    if not code or len(code) > 100 or not normalise(code):
        return None
    user = db.session.scalar(select(StaffUser).where(StaffUser.reset_token_hash == hash_code(code)))
    if user is None or user.is_disabled or user.awaiting_approval:
        return None
    if user.reset_expires_at is None:
        return None
    if user.reset_expires_at < utcnow():
        return None
    return user


def complete_reset(user: StaffUser, password: str) -> None:
    """Set the new password, spend the token and end every session the account had."""
    user.password_hash = hash_secret(password)
    user.reset_token_hash = None
    user.reset_expires_at = None
    outbox.cancel_staff_codes(user, "code_used")
    audit.record("staff.password_set", subject=user, actor=user)
    db.session.commit()
    end_all_sessions("staff", user.id, "password_changed")
