"""The victim's safety: what protects her while the suspect is out, and her reports of a
breach or a worry.

- `SafetyRecord`: how the suspect was released (on bail, or under investigation with no
  bail and no conditions), the bail date, the conditions that protect the victim, and her
  views, asked before conditions are set. One row each time the officer records them: the
  newest is what holds now, the older ones are the history.
- `SafetyReport`: "Report a breach or a worry", an urgent action for the officer and the
  supervisor, due the same day.

Every free text here is encrypted: a database dump alone reveals none of it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin, utcnow
from portal.data.models.cases import Case
from portal.data.models.encrypted import Encrypted


class Release(StrEnum):
    BAIL = "bail"  # released on police bail, with a date to come back and maybe conditions
    UNDER_INVESTIGATION = "rui"  # released under investigation: no bail, no conditions


class SafetyRecord(IdMixin, TimestampMixin, Base):
    __tablename__ = "safety_record"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    release: Mapped[str] = mapped_column(String(10))
    bail_date: Mapped[date | None]
    no_contact: Mapped[bool] = mapped_column(default=False)
    _keep_away: Mapped[bytes | None] = mapped_column("keep_away", LargeBinary)
    keep_away = Encrypted("_keep_away")
    _curfew: Mapped[bytes | None] = mapped_column("curfew", LargeBinary)
    curfew = Encrypted("_curfew")
    _other: Mapped[bytes | None] = mapped_column("other", LargeBinary)
    other = Encrypted("_other")
    # Her views, asked before the conditions were set; or why she could not be asked.
    _views: Mapped[bytes | None] = mapped_column("views", LargeBinary)
    views = Encrypted("_views")
    _views_not_asked: Mapped[bytes | None] = mapped_column("views_not_asked", LargeBinary)
    views_not_asked = Encrypted("_views_not_asked")
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class SafetyReport(IdMixin, TimestampMixin, Base):
    __tablename__ = "safety_report"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Worked out once, when the report arrives: the end of that London day.
    due_at: Mapped[datetime] = mapped_column(index=True)
    handled_at: Mapped[datetime | None] = mapped_column(index=True)
    handled_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
