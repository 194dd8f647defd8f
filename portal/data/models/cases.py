"""Cases and everything said about them: updates, messages, rights offered, duties."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin, copied_by_database, utcnow
from portal.data.models.encrypted import Encrypted
from portal.data.models.staff import StaffUser
from portal.data.models.victims import Victim


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Case(IdMixin, TimestampMixin, Base):
    __tablename__ = "case"
    # An officer's open cases and whose routine update is late; with the id, a query for
    # the ids of their cases reads this index alone (migration 0023). A team's, the same
    # by the team of the case's officer, with what the late routine updates need (0025).
    __table_args__ = (
        Index("ix_case_officer_status_contact", "officer_id", "status", "last_contact_at", "id"),
        Index(
            "ix_case_team_status_contact",
            "officer_team_id",
            "status",
            "last_contact_at",
            "id",
            "force_country",
            "routine_frequency",
        ),
    )

    _crime_reference: Mapped[bytes] = mapped_column("crime_reference", LargeBinary)
    crime_reference = Encrypted("_crime_reference")
    crime_reference_index: Mapped[str] = mapped_column(String(64), unique=True)
    offence_category: Mapped[str] = mapped_column(String(40))
    force_country: Mapped[str] = mapped_column(String(10))
    enhanced_service: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(10), default=CaseStatus.OPEN)
    closed_at: Mapped[datetime | None]
    victim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victim.id"), index=True)
    victim: Mapped[Victim] = relationship(back_populates="cases")
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"), index=True)
    officer: Mapped[StaffUser] = relationship()
    # When the victim last heard anything: the start of the next routine-update period.
    last_contact_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The London day the crime was reported: the referral to support is due 2 working days
    # after it (Victims' Code 2020, Right 4), whenever the victim is told of the referral.
    # Required by the new-case form and filled for older cases by migration 0013; nullable
    # in the schema only because SQLite cannot add a NOT NULL column to a table that other
    # tables refer to.
    reported_on: Mapped[date | None]
    # The force whose records system may send events about this case (portal/staff/api/).
    # Empty for a case opened in the staff view: that is the deployment's own force,
    # PORTAL_FORCE_CODE.
    force_code: Mapped[str | None] = mapped_column(String(20))
    # Copies the database keeps (migration 0025), for the dashboard: the team of the
    # case's officer, and the victim's `routine_frequency`, so a team's late routine
    # updates are read from the cases' index alone, without looking up each officer or
    # victim. Any value written here is replaced by the true one.
    officer_team_id: Mapped[uuid.UUID | None] = copied_by_database()
    routine_frequency: Mapped[str | None] = copied_by_database(String(20))


class Update(IdMixin, TimestampMixin, Base):
    """A published update. Never edited once published: a correction stands beside it."""

    __tablename__ = "case_update"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    event_type: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime]
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    published_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
    published_by: Mapped[StaffUser] = relationship()
    _free_text: Mapped[bytes | None] = mapped_column("free_text", LargeBinary)
    free_text = Encrypted("_free_text")
    language: Mapped[str] = mapped_column(String(10), default="en")
    sensitive: Mapped[bool] = mapped_column(default=False)
    # For a decision: who made it ("police" or "cps"), which decides the review scheme, and
    # for a police decision not to charge whether the suspect was interviewed under caution
    # (the police scheme covers only that). None on anything that is not a decision.
    decided_by: Mapped[str | None] = mapped_column(String(10))
    suspect_interviewed: Mapped[bool | None]
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_update.id"))
    corrects: Mapped[Update | None] = relationship(remote_side="Update.id")
    # One publish per form: a double click sends the same key and is refused by the index.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    read_at: Mapped[datetime | None]
    read_later_at: Mapped[datetime | None]
    call_requested_at: Mapped[datetime | None]


class Obligation(IdMixin, TimestampMixin, Base):
    """Something the Victims' Code says the police must tell the victim, and by when."""

    __tablename__ = "obligation"
    # A case's open deadlines (migration 0023); a team's and an officer's (0025), in the
    # order the dashboard lists them: its counts, lists and tallies read these alone.
    __table_args__ = (
        Index("ix_obligation_case_open", "case_id", "met_at", "due_at", "event_type"),
        Index("ix_obligation_team_open", "case_team_id", "met_at", "due_at", "id", "event_type"),
        Index(
            "ix_obligation_officer_open", "case_officer_id", "met_at", "due_at", "id", "event_type"
        ),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    # The case's officer and their team now: a reassignment moves the row with its case.
    case_officer_id: Mapped[uuid.UUID | None] = copied_by_database()
    case_team_id: Mapped[uuid.UUID | None] = copied_by_database()
    event_type: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime]
    due_at: Mapped[datetime] = mapped_column(index=True)
    met_at: Mapped[datetime | None]
    met_by_update_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_update.id"))
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))


class MessageKind(StrEnum):
    QUESTION = "question"
    REPLY = "reply"
    CALL_REQUEST = "call_request"


class Message(IdMixin, TimestampMixin, Base):
    __tablename__ = "message"
    # A case's questions waiting for a reply (migration 0023); a team's and an officer's
    # (0025): the dashboard counts and lists them from these alone.
    __table_args__ = (
        Index(
            "ix_message_case_waiting",
            "case_id",
            "answered_at",
            "kind",
            "from_victim",
            "reply_due_at",
            "created_at",
        ),
        *(
            Index(name, copy, "answered_at", "kind", "from_victim", "reply_due_at", "id")
            for name, copy in (
                ("ix_message_team_waiting", "case_team_id"),
                ("ix_message_officer_waiting", "case_officer_id"),
            )
        ),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    # The case's officer and their team now: a reassignment moves the row with its case.
    case_officer_id: Mapped[uuid.UUID | None] = copied_by_database()
    case_team_id: Mapped[uuid.UUID | None] = copied_by_database()
    kind: Mapped[str] = mapped_column(String(20), default=MessageKind.QUESTION)
    from_victim: Mapped[bool] = mapped_column(default=True)
    staff_author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
    staff_author: Mapped[StaffUser | None] = relationship()
    update_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_update.id"))
    _body: Mapped[bytes] = mapped_column("body", LargeBinary)
    body = Encrypted("_body")
    read_at: Mapped[datetime | None]
    # A question is a duty: the officer replies by `reply_due_at` (worked out once, when it
    # is asked: portal.rules.questions). It stays open until `answered_at`, however often
    # the case page is opened; `read_at` only says that someone has seen it.
    reply_due_at: Mapped[datetime | None] = mapped_column(index=True)
    answered_at: Mapped[datetime | None]


class OfferResponse(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_YET = "not_yet"


class RightsRecord(IdMixin, TimestampMixin, Base):
    """When a right was offered (a VPS, a referral, an interpreter...) and the answer."""

    __tablename__ = "rights_record"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    offer: Mapped[str] = mapped_column(String(40))
    offered_at: Mapped[datetime]
    response: Mapped[str] = mapped_column(String(10), default=OfferResponse.NOT_YET)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
    _note: Mapped[bytes | None] = mapped_column("note", LargeBinary)
    note = Encrypted("_note")
    # For an interpreter: the language, as an ISO 639 code (portal.rules.interpreting).
    language: Mapped[str | None] = mapped_column(String(12))


class OfficerChange(IdMixin, TimestampMixin, Base):
    """A supervisor gave the case to another officer: who, why, and the update that told
    the victim (portal.rules.reassignment). The reason is a code from a short list, so the
    victim reads it in her own language."""

    __tablename__ = "officer_change"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    update_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_update.id"), unique=True)
    update: Mapped[Update] = relationship()
    from_officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
    to_officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
    to_officer: Mapped[StaffUser] = relationship(foreign_keys=[to_officer_id])
    reason: Mapped[str] = mapped_column(String(30))
    changed_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
