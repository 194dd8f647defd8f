"""Supporters a victim chooses (an ISVA or a trusted person) and what each may see.

A `Supporter` is an account of its own; a `SupportGrant` is one victim's choice to share
with one supporter. The grant, not the account, decides what is visible, so a withdrawn
grant hides everything at once while the account (an ISVA may support several people)
stays usable for the others.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin
from portal.data.models.encrypted import Encrypted
from portal.data.models.principal import PrincipalMixin
from portal.data.models.victims import Victim


class SupporterKind(StrEnum):
    ISVA = "isva"
    TRUSTED_PERSON = "trusted_person"


class ShareScope(StrEnum):
    EVERYTHING = "everything"
    KEY_DECISIONS = "key_decisions"
    GUIDES_AND_DATES = "guides_and_dates"


class Supporter(PrincipalMixin, IdMixin, TimestampMixin, Base):
    __tablename__ = "supporter"
    kind = "supporter"

    # Shown once when the invitation is accepted; random, so it says nothing about anyone.
    access_id: Mapped[str] = mapped_column(String(20), unique=True)
    passphrase_hash: Mapped[str] = mapped_column(String(255))
    # Wrong tries since the last sign-in, and when the next try is checked (portal.auth.throttle).
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    # Wrong tries the supporter has not been told of yet: shown once on their home page.
    failures_to_tell: Mapped[int] = mapped_column(default=0)
    is_disabled: Mapped[bool] = mapped_column(default=False)

    grants: Mapped[list[SupportGrant]] = relationship(back_populates="supporter")

    @property
    def is_active(self) -> bool:
        return not self.is_disabled


class SupportGrant(IdMixin, TimestampMixin, Base):
    __tablename__ = "support_grant"

    victim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("victim.id"), index=True)
    victim: Mapped[Victim] = relationship()
    supporter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("supporter.id"), index=True)
    supporter: Mapped[Supporter | None] = relationship(back_populates="grants")
    # The victim's own name for this person ("Jo, my ISVA"): shown to the victim only.
    _label: Mapped[bytes] = mapped_column("label", LargeBinary)
    label = Encrypted("_label")
    supporter_kind: Mapped[str] = mapped_column(String(20), default=SupporterKind.TRUSTED_PERSON)
    scope: Mapped[str] = mapped_column(String(20), default=ShareScope.KEY_DECISIONS)
    invitation_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invitation_expires_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]

    @property
    def is_live(self) -> bool:
        return self.accepted_at is not None and self.withdrawn_at is None

    @property
    def is_waiting(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None
