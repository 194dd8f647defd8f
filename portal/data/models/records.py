"""What the force's records system sent through the events API (portal/staff/api/).

A records event is kept so that the same event sent twice is recorded once and answered
the same way: the sender's own event id, unique per client, is the idempotency key. A used
nonce is kept for the signing window so that a signed request cannot be replayed.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin
from portal.data.models.cases import Case, Obligation, Update


class RecordsOutcome(StrEnum):
    DRAFT = "draft"  # the duty is running; the officer reviews and publishes the update
    PUBLISHED = "published"  # the force lets this kind publish its template update at once


class RecordsEvent(IdMixin, TimestampMixin, Base):
    __tablename__ = "records_event"
    __table_args__ = (UniqueConstraint("client_id", "sender_event_id"),)

    client_id: Mapped[str] = mapped_column(String(64))
    sender_event_id: Mapped[str] = mapped_column(String(128))
    # A hash of what was sent: the same event id with other content is refused, not merged.
    content_hash: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    event_type: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(10))
    obligation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("obligation.id"))
    obligation: Mapped[Obligation | None] = relationship()
    update_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_update.id"))
    update: Mapped[Update | None] = relationship()


class ApiNonce(Base):
    """A nonce a signed request used; a second request with it is a replay."""

    __tablename__ = "api_nonce"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(index=True)


class JobRun(Base):
    """When a scheduled job (the retention purge, routine reminders) last finished well:
    read by /metrics, so an operator sees a schedule that has stopped."""

    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_success_at: Mapped[datetime]
