"""The victim's voice: asking for a review, asking to complain, and saying how it is going.

- `ReviewRequest`: the Victims' Right to Review of a police decision not to charge.
- `ComplaintRequest`: a request to complain (Victims' Code, Right 12).
- `UpdateFeedback`: "Was this update clear?", one answer per update.
- `ExperienceCheck`: the monthly three questions, at most one per victim per month.

Every free text here is encrypted: a database dump alone reveals none of it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin, utcnow
from portal.data.models.cases import Case, Update
from portal.data.models.encrypted import Encrypted


class ReviewOutcome(StrEnum):
    UPHELD = "upheld"  # the decision not to charge stands
    OVERTURNED = "overturned"  # the decision was changed


class ReviewRequest(IdMixin, TimestampMixin, Base):
    """A victim's request for a review of one decision not to charge.

    One request per decision (a unique `update_id`): a second one while the first is open
    would only duplicate the reviewer's work, and the police scheme's result is its final
    word (after it, the routes are a complaint or a judicial review).
    """

    __tablename__ = "review_request"
    # The dashboard starts from the open requests, which are few (migration 0024).
    __table_args__ = (Index("ix_review_request_open", "scheme", "decided_on"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    update_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_update.id"), unique=True)
    update: Mapped[Update] = relationship()
    # "police": the force's own review, in the supervisors' queue. "cps": the victim is asking
    # the CPS under its scheme; recorded so the officer can help, never in the police queue,
    # and with no police deadlines (the CPS keeps its own).
    scheme: Mapped[str] = mapped_column(String(10), default="police", server_default="police")
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Worked out once, when the request arrives, so a later change of rules or bank
    # holidays never moves a deadline the victim has already been given.
    told_at: Mapped[datetime]
    request_deadline: Mapped[datetime]
    acknowledge_by: Mapped[datetime | None] = mapped_column(index=True)
    decide_by: Mapped[datetime | None] = mapped_column(index=True)
    # Sent after the 3 months: still taken, and the reviewer decides whether to consider it.
    late: Mapped[bool] = mapped_column(default=False)
    _note: Mapped[bytes | None] = mapped_column("note", LargeBinary)
    note = Encrypted("_note")
    acknowledged_on: Mapped[date | None]
    acknowledged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
    decided_on: Mapped[date | None]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[str | None] = mapped_column(String(20))

    @property
    def is_open(self) -> bool:
        return self.decided_on is None


class ComplaintRequest(IdMixin, TimestampMixin, Base):
    """A victim's request to complain, for the force's complaints process to pick up."""

    __tablename__ = "complaint_request"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    _body: Mapped[bytes | None] = mapped_column("body", LargeBinary)
    body = Encrypted("_body")
    passed_on_at: Mapped[datetime | None]
    passed_on_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))


class Clarity(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    SKIPPED = "skipped"


class UpdateFeedback(IdMixin, TimestampMixin, Base):
    """ "Was this update clear?": one answer per update, which the victim may change."""

    __tablename__ = "update_feedback"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    update_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_update.id"), unique=True)
    update: Mapped[Update] = relationship()
    answer: Mapped[str] = mapped_column(String(10))
    _comment: Mapped[bytes | None] = mapped_column("comment", LargeBinary)
    comment = Encrypted("_comment")
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ExperienceCheck(IdMixin, TimestampMixin, Base):
    """The monthly check: kept informed, treated with respect, treated fairly (1 to 5).

    A row exists from the moment the questions are offered, so they are offered at most
    once in a calendar month (`period`, "2026-03", London time) whatever the victim does.
    Each answer may be left empty; `skipped` records "Skip these questions".
    """

    __tablename__ = "experience_check"

    victim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victim.id"), index=True)
    # The case whose update the victim had just read: how the answers count for a team.
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    answered_at: Mapped[datetime | None] = mapped_column(index=True)
    skipped: Mapped[bool] = mapped_column(default=False)
    kept_informed: Mapped[int | None]
    respect: Mapped[int | None]
    fairness: Mapped[int | None]

    __table_args__ = (UniqueConstraint("victim_id", "period", name="uq_experience_check_month"),)

    @property
    def is_settled(self) -> bool:
        return self.answered_at is not None
