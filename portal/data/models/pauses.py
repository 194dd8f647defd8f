"""A victim's request to pause contact, step back, or talk about withdrawing.

She asks in the portal, without a phone call. The row is her request and its life: what it
is about, what she wants while it lasts, until when, the stage her case was at when she
asked (so a force can see where people step back), when her officer saw it, and when it
ended. It holds no free text: choices and dates only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin, copied_by_database, utcnow
from portal.data.models.cases import Case


class PauseAbout(StrEnum):
    BREAK = "break"  # a break from contact
    STEP_BACK = "step_back"  # stepping back from the investigation for now
    WITHDRAWING = "withdrawing"  # wanting to talk about withdrawing


class PauseChoice(StrEnum):
    NO_UPDATES = "no_updates"  # no messages about updates while it lasts
    NO_CONTACT = "no_contact"  # messages as usual, but no calls or visits from the officer
    ISVA_FIRST = "isva_first"  # the officer talks to her ISVA first, not to her


class ContactPause(IdMixin, TimestampMixin, Base):
    __tablename__ = "contact_pause"
    # A team's requests, through the officers' ids, for the dashboard's counts (0025).
    __table_args__ = (Index("ix_contact_pause_officer", "case_officer_id", "stage", "about"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    # The case's officer now: a reassignment moves the row with its case.
    case_officer_id: Mapped[uuid.UUID | None] = copied_by_database()
    about: Mapped[str] = mapped_column(String(20))
    choice: Mapped[str] = mapped_column(String(20))
    # The last day of the pause (London), or None: until she says.
    until: Mapped[date | None]
    # portal.rules.stages.Stage when she asked, for the supervisor's counts by stage.
    stage: Mapped[int]
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None]
    seen_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
    ended_at: Mapped[datetime | None] = mapped_column(index=True)
