"""The notification outbox: written with the update, sent later by a worker."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin, utcnow
from portal.data.models.cases import Case
from portal.data.models.encrypted import Encrypted
from portal.data.models.staff import StaffUser
from portal.data.models.supporters import SupportGrant

# Who a notification is for. A supporter's notification is an invitation the victim asked
# us to email: it belongs to a grant, not to a case.
VICTIM = "victim"
OFFICER = "officer"
SUPPORTER = "supporter"
# A message to a staff member about their own account (a password reset code, a change
# asked for or approved), sent to their work email. It belongs to the account, never to a
# case, so it can say nothing about one.
STAFF = "staff"


# Exactly one of a case, a grant or a staff account owns a notification.
ONE_OWNER = (
    "(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN grant_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN staff_user_id IS NULL THEN 0 ELSE 1 END) = 1"
)


def _queuing_request_id() -> str | None:
    """The id portal/web/request_log.py gave the web request queuing this, if there is one."""
    from flask import g, has_request_context

    return g.get("request_id") if has_request_context() else None


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class Notification(IdMixin, TimestampMixin, Base):
    __tablename__ = "notification"

    # A notification is about a case (news for the victim, a reminder for the officer) or,
    # for an emailed invitation, about a support grant and no case at all. An invitation
    # leaves case_id empty rather than pointing at one of the victim's cases behind an
    # audience filter: the staff view finds notifications only by case, so it cannot show
    # one, in today's queries or in any written later. Whom the victim chose to share
    # with is theirs, and the officer must learn nothing of it from the outbox. (A grant
    # is the victim's, not a case's, so no one case would be the right one anyway.)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case | None] = relationship()
    grant_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("support_grant.id"), index=True)
    grant: Mapped[SupportGrant | None] = relationship()
    staff_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    staff_user: Mapped[StaffUser | None] = relationship()
    # VICTIM for news, OFFICER for a reminder that a routine update is due, SUPPORTER for
    # an invitation, STAFF for a message about a staff member's own account.
    audience: Mapped[str] = mapped_column(String(10), default=VICTIM)
    reason: Mapped[str] = mapped_column(String(20))
    update_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_update.id"))
    message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("message.id"))
    status: Mapped[str] = mapped_column(String(10), default=NotificationStatus.PENDING)
    channel: Mapped[str | None] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_error: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_until: Mapped[datetime | None]
    # Set while a notification waits for the end of the victim's quiet hours, so staff see
    # "held until 08:00" rather than an unexplained delay.
    held_until: Mapped[datetime | None]
    # An officer's routine reminder names the due date it is about: one reminder per date,
    # even when two cron jobs look at the same moment.
    routine_due_at: Mapped[datetime | None]
    # The id of the web request that queued it, so the worker's log line about sending it
    # joins the request's (docs/deployment.md, "Logs"). An opaque random id, nothing more.
    request_id: Mapped[str | None] = mapped_column(String(32), default=_queuing_request_id)
    # An invitation by email must carry its one-time code and go to the address the victim
    # typed, so both exist until it is sent: encrypted, and set to NULL as soon as the
    # email is sent, finally fails, or is no longer wanted (withdrawn, used, out of date).
    # The grant keeps only the code's hash, as for a code the victim passes on. A staff
    # member's password reset code travels in the same column, forgotten the same way;
    # the account keeps only its hash.
    _invitation_code: Mapped[bytes | None] = mapped_column("invitation_code", LargeBinary)
    invitation_code = Encrypted("_invitation_code")
    _supporter_email: Mapped[bytes | None] = mapped_column("supporter_email", LargeBinary)
    supporter_email = Encrypted("_supporter_email")

    __table_args__ = (
        UniqueConstraint("case_id", "routine_due_at", name="uq_notification_routine_reminder"),
        CheckConstraint(ONE_OWNER, name="one_owner"),
    )
