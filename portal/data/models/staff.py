"""Staff accounts and teams: officers, supervisors and admins."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, LargeBinary, String, false
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
    __table_args__ = (
        Index("ix_staff_user_oidc_identity", "oidc_issuer", "oidc_subject", unique=True),
    )
    kind = "staff"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    staff_role: Mapped[str] = mapped_column(String(20), default=StaffRole.OFFICER)
    # Indexed: the dashboard finds a team's cases through its members.
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), index=True)
    team: Mapped[Team | None] = relationship(back_populates="members")
    # Contact details a victim is given for their officer (work phone, hours).
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_hours: Mapped[str | None] = mapped_column(String(200))
    # Rank (a code from portal.rules.officers) and collar number, shown to the victim
    # beside the name so she knows exactly who her officer is. Set by an admin.
    rank: Mapped[str | None] = mapped_column(String(40))
    collar_number: Mapped[str | None] = mapped_column(String(12))
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
    # A new supervisor or admin account waits for a second person's approval before it can
    # sign in (portal/staff/approvals.py). Enabling a disabled account does not lift this:
    # only an approval does.
    awaiting_approval: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The force identity provider's issuer and subject this account is linked to: set at
    # the first single sign-on (by a verified email), then the only way that sign-on finds
    # the account (portal/staff/auth/single_sign_on.py).
    oidc_issuer: Mapped[str | None] = mapped_column(String(255))
    oidc_subject: Mapped[str | None] = mapped_column(String(255))

    @property
    def role(self) -> str:
        return self.staff_role

    @property
    def is_active(self) -> bool:
        return not self.is_disabled and not self.awaiting_approval


class ChangeKind(StrEnum):
    TOTP_RESET = "totp_reset"
    ROLE_RAISE = "role_raise"
    NEW_PRIVILEGED_ACCOUNT = "new_privileged_account"


class ChangeOutcome(StrEnum):
    APPROVED = "approved"
    REFUSED = "refused"


class StaffChange(IdMixin, TimestampMixin, Base):
    """A change to a staff account that waits for a second person: requested by one,
    approved or refused by another (never the requester, never the person it changes),
    or left to expire. The change itself is made only when it is approved."""

    __tablename__ = "staff_change"

    kind: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"), index=True)
    target: Mapped[StaffUser] = relationship(foreign_keys=[target_id])
    # For a raised role or a new account: the role and team it will have once approved.
    new_role: Mapped[str | None] = mapped_column(String(20))
    new_team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"))
    new_team: Mapped[Team | None] = relationship()
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_user.id"))
    requested_by: Mapped[StaffUser] = relationship(foreign_keys=[requested_by_id])
    requested_at: Mapped[datetime]
    # Indexed: the dashboard lists the changes still waiting, those not yet expired.
    expires_at: Mapped[datetime] = mapped_column(index=True)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_user.id"))
    decided_by: Mapped[StaffUser | None] = relationship(foreign_keys=[decided_by_id])
    decided_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(10))
