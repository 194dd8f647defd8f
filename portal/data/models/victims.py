"""Victims, their sign-in details and the communication plan they choose."""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, TimestampMixin
from portal.data.models.encrypted import Encrypted
from portal.data.models.principal import PrincipalMixin


class Channel(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    PORTAL_ONLY = "portal"


class Terminology(StrEnum):
    VICTIM = "victim"
    SURVIVOR = "survivor"
    NEITHER = "neither"


class Victim(PrincipalMixin, IdMixin, TimestampMixin, Base):
    __tablename__ = "victim"
    kind = "victim"

    # Shown once at activation; random, so it says nothing about the person or the case.
    access_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    _preferred_name: Mapped[bytes | None] = mapped_column("preferred_name", LargeBinary)
    preferred_name = Encrypted("_preferred_name")
    _full_name: Mapped[bytes | None] = mapped_column("full_name", LargeBinary)
    full_name = Encrypted("_full_name")
    _email: Mapped[bytes | None] = mapped_column("email", LargeBinary)
    email = Encrypted("_email")
    # A keyed hash of the email, so a victim can sign in with it without storing it plainly.
    email_index: Mapped[str | None] = mapped_column(String(64), unique=True)
    _phone: Mapped[bytes | None] = mapped_column("phone", LargeBinary)
    phone = Encrypted("_phone")
    language: Mapped[str] = mapped_column(String(10), default="en")

    passphrase_hash: Mapped[str | None] = mapped_column(String(255))
    activation_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    activation_expires_at: Mapped[datetime | None]
    activated_at: Mapped[datetime | None]
    # Wrong tries since the last sign-in, and when the next try is checked (portal.auth.throttle).
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    # Wrong tries the victim has not been told of yet: shown once on her home page.
    failures_to_tell: Mapped[int] = mapped_column(default=0)
    is_disabled: Mapped[bool] = mapped_column(default=False)

    # The communication plan: the victim's own choices, honoured by staff and notifications.
    channel: Mapped[str] = mapped_column(String(10), default=Channel.PORTAL_ONLY)
    routine_frequency: Mapped[str] = mapped_column(String(20), default="monthly")
    quiet_hours_start: Mapped[time | None]
    quiet_hours_end: Mapped[time | None]
    voicemail_safe: Mapped[bool] = mapped_column(default=False)
    contact_via_isva: Mapped[bool] = mapped_column(default=False)
    _isva_name: Mapped[bytes | None] = mapped_column("isva_name", LargeBinary)
    isva_name = Encrypted("_isva_name")
    _isva_email: Mapped[bytes | None] = mapped_column("isva_email", LargeBinary)
    isva_email = Encrypted("_isva_email")
    # Off by default: a notification says only that there is a new message.
    specific_notifications: Mapped[bool] = mapped_column(default=False)
    terminology: Mapped[str] = mapped_column(String(10), default=Terminology.NEITHER)
    _code_word: Mapped[bytes | None] = mapped_column("code_word", LargeBinary)
    code_word = Encrypted("_code_word")
    plan_updated_at: Mapped[datetime | None]

    cases: Mapped[list[Case]] = relationship(back_populates="victim")  # noqa: F821

    @property
    def is_active(self) -> bool:
        return not self.is_disabled and self.activated_at is not None
