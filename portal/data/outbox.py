"""Writing to the outbox. Called inside the transaction that publishes an update or a
reply (or makes an invitation), so a notification exists exactly when the thing it
announces does."""

from __future__ import annotations

from sqlalchemy import update

from portal.data.models import (
    Message,
    Notification,
    NotificationStatus,
    StaffUser,
    SupportGrant,
    Update,
)
from portal.data.models.notifications import STAFF, SUPPORTER
from portal.extensions import db

INVITATION_REASON = "invitation"
# Written with the last result of a notification that will not be tried again: an
# invitation's code and address are kept only as long as they may still be sent.
FORGET_WHEN_DONE = {"_invitation_code": None, "_supporter_email": None}


def enqueue_for_update(update: Update, reason: str = "update") -> Notification:
    """Queue a notification for a published update or correction (not committed here)."""
    notification = Notification(case=update.case, reason=reason, update_id=update.ensure_id())
    db.session.add(notification)
    return notification


def enqueue_for_reply(message: Message) -> Notification:
    """Queue a notification for an officer's reply to the victim (not committed here)."""
    notification = Notification(case=message.case, reason="reply", message_id=message.ensure_id())
    db.session.add(notification)
    return notification


def enqueue_for_case(case, reason: str) -> Notification:
    """Queue a notification about the case itself, not one update or message (for example
    a review request acknowledged or decided). Not committed here."""
    notification = Notification(case=case, reason=reason)
    db.session.add(notification)
    return notification


def enqueue_invitation(grant: SupportGrant, email: str, code: str) -> Notification:
    """Queue the email that brings an invitation's one-time code to the person the victim
    chose (not committed here). It belongs to the grant and to no case, so the staff view
    never sees it; the code and address are stored encrypted until it is sent."""
    notification = Notification(grant=grant, audience=SUPPORTER, reason=INVITATION_REASON)
    notification.ensure_id()
    notification.invitation_code = code
    notification.supporter_email = email
    db.session.add(notification)
    return notification


def cancel_invitation(grant: SupportGrant, why: str) -> None:
    """An invitation email not yet sent is no longer wanted (the victim withdrew it, or the
    code was used): mark it skipped and forget its code and address (not committed here).

    Dropping any claim means a worker caught mid-send cannot write "sent" over this; the
    code it may still deliver no longer works, as the grant's hash is gone by then."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.grant_id == grant.id,
            Notification.status == NotificationStatus.PENDING,
        )
        .values(
            status=NotificationStatus.SKIPPED,
            last_error=why,
            claimed_by=None,
            claimed_until=None,
            **FORGET_WHEN_DONE,
        ),
        execution_options={"synchronize_session": False},
    )


# Why a staff member is sent a message about their own account. Each has a fixed text in
# templates/notifications/staff_body.txt; none can name a case or say who asked.
STAFF_PASSWORD_RESET = "password_reset"  # noqa: S105 - a reason, not a secret; carries a code
STAFF_ACCOUNT_READY = "account_ready"  # carries a one-time code
STAFF_REASONS_WITH_CODE = (STAFF_PASSWORD_RESET, STAFF_ACCOUNT_READY)
STAFF_REASONS = (
    *STAFF_REASONS_WITH_CODE,
    "totp_reset_asked",
    "totp_reset_done",
    "role_raise_asked",
    "role_raise_done",
    "new_account_asked",
    "change_refused",
)


def enqueue_for_staff(user: StaffUser, reason: str, code: str | None = None) -> Notification:
    """Queue a message to a staff member's work email about their own account (not
    committed here). A code goes encrypted into the outbox and is forgotten once sent, or
    once it will not be sent; no page ever shows it."""
    if reason not in STAFF_REASONS or (code is not None) != (reason in STAFF_REASONS_WITH_CODE):
        raise ValueError(f"not a staff message: {reason}")
    notification = Notification(staff_user=user, audience=STAFF, reason=reason)
    notification.ensure_id()
    if code is not None:
        notification.invitation_code = code
    db.session.add(notification)
    return notification


def cancel_staff_codes(user: StaffUser, why: str) -> None:
    """A reset code not yet sent is no longer wanted (a newer one replaced it, or it was
    used): mark it skipped and forget it (not committed here)."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.staff_user_id == user.id,
            Notification.reason.in_(STAFF_REASONS_WITH_CODE),
            Notification.status == NotificationStatus.PENDING,
        )
        .values(
            status=NotificationStatus.SKIPPED,
            last_error=why,
            claimed_by=None,
            claimed_until=None,
            **FORGET_WHEN_DONE,
        ),
        execution_options={"synchronize_session": False},
    )
