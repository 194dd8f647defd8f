"""What the outbox holds for a staff member: the messages about their own account, and the
one-time code a reset email carries (read as the staff member would from their inbox;
no page ever shows it)."""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import Notification
from portal.data.outbox import STAFF_REASONS_WITH_CODE
from portal.extensions import db
from tests.log_watch import sensitive


def staff_messages(user) -> list[str]:
    """The reasons of every message queued for `user`, oldest first."""
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification.reason)
            .where(Notification.staff_user_id == user.id)
            .order_by(Notification.created_at, Notification.id)
        )
    )


def reset_code_for(user) -> str:
    """The code in the newest reset email queued for `user` (it must exist)."""
    db.session.expire_all()
    notification = db.session.scalars(
        select(Notification)
        .where(
            Notification.staff_user_id == user.id,
            Notification.reason.in_(STAFF_REASONS_WITH_CODE),
        )
        .order_by(Notification.created_at.desc(), Notification.id)
    ).first()
    assert notification is not None, "no reset email was queued"
    code = notification.invitation_code
    assert code, "the reset email has no code"
    sensitive(code)
    return code
