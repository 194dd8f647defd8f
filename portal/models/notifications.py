"""The notification outbox: written with the update, sent later by a worker."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, IdMixin, TimestampMixin, utcnow
from portal.models.cases import Case


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class Notification(IdMixin, TimestampMixin, Base):
    __tablename__ = "notification"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    # "victim" for news, "officer" for a reminder that a routine update is due.
    audience: Mapped[str] = mapped_column(String(10), default="victim")
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

    __table_args__ = (
        UniqueConstraint("case_id", "routine_due_at", name="uq_notification_routine_reminder"),
    )
