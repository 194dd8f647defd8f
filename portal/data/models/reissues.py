"""A new activation code for a victim who is already set up: asked for, decided, used.

A code for someone who has activated replaces their passphrase and access ID when it is
used, so whoever holds it can take the account over. It is therefore never made by one
person: an officer asks, with a reason; a supervisor of the case's team who did not ask
decides; only then is a code made (shown once, stored hashed on the victim, as any code),
and the victim is told through their own channel. The row then records when the code was
used, when the victim saw the notice on her home page, and whether she said it was not her.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin
from portal.data.models.cases import Case
from portal.data.models.encrypted import Encrypted
from portal.data.models.staff import StaffUser


class ReissueStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class ReissueReason(StrEnum):
    FORGOT = "forgot"  # she forgot her passphrase and access ID
    LOST_PHONE = "lost_phone"
    IN_PERSON = "in_person"  # she asked for it in person
    OTHER = "other"  # with a note


class AccessReissue(IdMixin, TimestampMixin, Base):
    """One request for a new activation code for an activated victim (asked at created_at).

    It sits in the case it was asked through (the victim is that case's); the account it
    changes is the victim's, whichever of her cases it came from.
    """

    __tablename__ = "access_reissue"
    # The dashboard starts from the open disputes, which are few (migration 0024).
    __table_args__ = (Index("ix_access_reissue_dispute_open", "dispute_closed_at", "disputed_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
    requested_by: Mapped[StaffUser] = relationship(foreign_keys=[requested_by_id])
    reason: Mapped[str] = mapped_column(String(20))
    # Only with "other": what the officer wrote, which may say something about the victim.
    _note: Mapped[bytes | None] = mapped_column("note", LargeBinary)
    note = Encrypted("_note")
    status: Mapped[str] = mapped_column(String(10), default=ReissueStatus.PENDING, index=True)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
    decided_by: Mapped[StaffUser | None] = relationship(foreign_keys=[decided_by_id])
    decided_at: Mapped[datetime | None]
    # When the code made on approval was used (a new passphrase and access ID chosen).
    used_at: Mapped[datetime | None]
    # When the victim's home page showed "your sign-in details were changed" (once).
    notice_seen_at: Mapped[datetime | None]
    # When the victim said "this was not me", and when a supervisor dealt with it.
    disputed_at: Mapped[datetime | None]
    dispute_closed_at: Mapped[datetime | None]

    @property
    def is_pending(self) -> bool:
        return self.status == ReissueStatus.PENDING
