"""Requests for a victim's records: when the police ask a third party (her counsellor,
her doctor, her school, social services) for records about her.

One row per request. The officer records what is asked for, why and who will see it; the
reason is required (the form refuses a request without one, and the column is not null),
because a request the victim cannot be told the reason for is one she cannot answer.
The victim may answer once from the notice: an objection or a question, which waits in
the officer's caseload until the officer says it is dealt with.

Every free text here is encrypted: a database dump alone reveals none of it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin, copied_by_database
from portal.data.models.cases import Case
from portal.data.models.encrypted import Encrypted
from portal.data.models.staff import StaffUser


class RecordsHolder(StrEnum):
    """Who holds the records the police ask for."""

    COUNSELLING = "counselling"  # counselling or therapy
    MEDICAL = "medical"
    SCHOOL = "school"  # school, college or university
    SOCIAL_SERVICES = "social_services"
    OTHER = "other"


class RecordsAnswer(StrEnum):
    OBJECT = "object"  # she does not want the records shared
    QUESTION = "question"  # she has a question first


class RecordsRequest(IdMixin, TimestampMixin, Base):
    __tablename__ = "records_request"
    # A team's requests, through the officers' ids, for the dashboard's counts (0025).
    __table_args__ = (
        Index(
            "ix_records_request_officer",
            "case_officer_id",
            "answered_at",
            "answer_dealt_with_at",
            "answer",
        ),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    # The case's officer now: a reassignment moves the row with its case.
    case_officer_id: Mapped[uuid.UUID | None] = copied_by_database()
    holder: Mapped[str] = mapped_column(String(20))
    _what: Mapped[bytes] = mapped_column("what", LargeBinary)
    what = Encrypted("_what")
    _reason: Mapped[bytes] = mapped_column("reason", LargeBinary)
    reason = Encrypted("_reason")
    _who_will_see: Mapped[bytes] = mapped_column("who_will_see", LargeBinary)
    who_will_see = Encrypted("_who_will_see")
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
    recorded_by: Mapped[StaffUser] = relationship(foreign_keys=[recorded_by_id])
    # When the victim first opened the notice past its content note.
    read_at: Mapped[datetime | None]
    # Her answer, if she gave one: its kind, her words, and when.
    answer: Mapped[str | None] = mapped_column(String(10))
    _answer_text: Mapped[bytes | None] = mapped_column("answer_text", LargeBinary)
    answer_text = Encrypted("_answer_text")
    answered_at: Mapped[datetime | None] = mapped_column(index=True)
    # The officer has dealt with her answer (called her, replied, talked it through).
    answer_dealt_with_at: Mapped[datetime | None]
    answer_dealt_with_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))

    @property
    def answer_waiting(self) -> bool:
        return self.answered_at is not None and self.answer_dealt_with_at is None
