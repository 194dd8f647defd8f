"""The one declarative base: UUID keys, UTC timestamps, named constraints."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, FetchedValue, MetaData, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry

# Named constraints let Alembic alter and drop them on every database, SQLite included.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (tests freeze it with time-machine)."""
    return datetime.now(UTC)


def copied_by_database(*args):
    """A column the database's triggers copy from another row (migration 0025), whatever
    writes: the portal never sets it, and reads it back after every write."""
    return mapped_column(*args, server_default=FetchedValue(), server_onupdate=FetchedValue())


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always hands back aware UTC values.

    SQLite keeps no zone, so without this a value read back would be naive and compare
    wrongly with `utcnow()`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime(), uuid.UUID: Uuid()},
    )


class IdMixin:
    """An opaque random key, safe to show in a URL (it reveals no count or order)."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)

    def ensure_id(self) -> uuid.UUID:
        # Encrypted columns bind the row id into the ciphertext, so it must exist before
        # the first flush.
        if self.id is None:
            self.id = uuid.uuid4()
        return self.id


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
