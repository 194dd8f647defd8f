"""Feedback about the service itself, from the phase banner's link: anyone may send it.

It holds nothing that names a person or a case: no account, no address, no case. The
form asks only what the person was trying to do and whether it worked. What they typed is
still encrypted, because people write more than they are asked.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.data.models.base import Base, IdMixin, TimestampMixin
from portal.data.models.encrypted import Encrypted


class ItWorked(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class ServiceFeedback(IdMixin, TimestampMixin, Base):
    __tablename__ = "service_feedback"

    _trying_to: Mapped[bytes | None] = mapped_column("trying_to", LargeBinary)
    trying_to = Encrypted("_trying_to")
    it_worked: Mapped[str | None] = mapped_column(String(10))
    # The page's language, so that admins know which translation the answer is about.
    language: Mapped[str] = mapped_column(String(5))
