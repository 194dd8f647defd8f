"""Staff accounts and teams: officers, supervisors and admins."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin
from portal.data.models.encrypted import Encrypted
from portal.data.models.principal import PrincipalMixin


class StaffRole(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Team(IdMixin, TimestampMixin, Base):
    __tablename__ = "team"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    members: Mapped[list[StaffUser]] = relationship(back_populates="team")


class StaffUser(PrincipalMixin, IdMixin, TimestampMixin, Base):
    __tablename__ = "staff_user"
    kind = "staff"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    staff_role: Mapped[str] = mapped_column(String(20), default=StaffRole.OFFICER)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"))
    team: Mapped[Team | None] = relationship(back_populates="members")
    # Contact details a victim is given for their officer (work phone, hours).
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_hours: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    _totp_secret: Mapped[bytes | None] = mapped_column("totp_secret", LargeBinary)
    totp_secret = Encrypted("_totp_secret")
    totp_enrolled_at: Mapped[datetime | None]
    # The last accepted TOTP time step: a code is accepted once, never replayed.
    last_totp_step: Mapped[int | None]
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    reset_token_hash: Mapped[str | None] = mapped_column(String(64))
    reset_expires_at: Mapped[datetime | None]
    is_disabled: Mapped[bool] = mapped_column(default=False)

    @property
    def role(self) -> str:
        return self.staff_role

    @property
    def is_active(self) -> bool:
        return not self.is_disabled
