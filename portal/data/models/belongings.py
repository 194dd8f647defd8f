"""What the police took from the victim (a phone, a laptop, clothing, other property).

One row per item. For a digital device the officer records what will be looked at, in
plain words: a date range and the kinds of data, and why (portal.rules.belongings refuses
a device without them). The description and the reason are encrypted.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin, utcnow
from portal.data.models.cases import Case
from portal.data.models.encrypted import Encrypted


class PropertyItem(IdMixin, TimestampMixin, Base):
    __tablename__ = "property_item"
    # The dashboard starts from the items kept past their return date (migration 0024).
    __table_args__ = (Index("ix_property_item_status_return", "status", "target_return_on"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case.id"), index=True)
    case: Mapped[Case] = relationship()
    kind: Mapped[str] = mapped_column(String(20))  # portal.rules.belongings.ItemKind
    _description: Mapped[bytes | None] = mapped_column("description", LargeBinary)
    description = Encrypted("_description")
    basis: Mapped[str] = mapped_column(String(20))  # portal.rules.belongings.Basis
    taken_on: Mapped[date]
    # A digital device only: what will be looked at, and why.
    scope_from: Mapped[date | None]
    scope_to: Mapped[date | None]
    scope_data: Mapped[str | None] = mapped_column(String(200))  # DataKind values, comma-joined
    _scope_reason: Mapped[bytes | None] = mapped_column("scope_reason", LargeBinary)
    scope_reason = Encrypted("_scope_reason")
    target_return_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20))  # portal.rules.belongings.Status
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When it was first ready to collect or given back (cleared if it goes back to the
    # police): the PCC export counts it as back by its date, or late, from this.
    back_at: Mapped[datetime | None]
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
