"""The append-only audit log: who did what, to which record, and when (UTC).

Never holds a secret, a passphrase or the text of an update or message: `detail` carries
only identifiers and choices.

Each event is a link in a hash chain: it holds its place (`seq`), the hash of the event
before it (`prev_hash`) and its own hash (`row_hash`, SHA-256 over its fields and
`prev_hash`). Changing, removing or slipping in a row breaks the chain where it was done,
and `portal audit verify` (portal/data/audit_chain.py) names the first broken link.

The address an event came from is not in the chained row but beside it, in `audit_address`:
the retention purge must be able to forget a victim's addresses, and a row of a hash chain
can be neither changed nor removed without breaking the chain. The chain proves who did what
and when; the address is kept only as long as the victim's data is (SECURITY.md, "Audit log").
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    String,
    event,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from portal.data.models.base import Base, IdMixin, utcnow

# The hash the first event links to.
GENESIS = "0" * 64

# The fields the hash covers, in this order; the address is deliberately not one of them.
HASHED_FIELDS = (
    "seq",
    "id",
    "occurred_at",
    "actor_kind",
    "actor_id",
    "action",
    "case_id",
    "subject_kind",
    "subject_id",
    "detail",
    "prev_hash",
)


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_event"

    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(60), index=True)
    # No foreign keys: the record of an action outlives the rows it was about.
    case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    subject_kind: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[uuid.UUID | None]
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    # The hash chain: set just before the event is written (see _link_new_events).
    seq: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))

    address: Mapped[AuditAddress | None] = relationship(back_populates="event")

    @property
    def remote_addr(self) -> str | None:
        """The address the event came from, while it is kept (the purge removes a victim's)."""
        return self.address.remote_addr if self.address is not None else None

    def computed_hash(self) -> str:
        return chain_hash(
            {name: getattr(self, name) for name in HASHED_FIELDS if name != "prev_hash"},
            self.prev_hash,
        )


class AuditAddress(Base):
    """Where an audit event came from: outside the hash chain, so that it can be forgotten.

    The application's database role may insert and delete these rows but never change one;
    the retention purge deletes the addresses of events reached from a purged victim.
    """

    __tablename__ = "audit_address"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit_event.id"), primary_key=True)
    remote_addr: Mapped[str] = mapped_column(String(64))

    event: Mapped[AuditEvent] = relationship(back_populates="address")


class AuditChainHead(Base):
    """One row: the place and hash of the newest event. Appends lock it, so that several
    workers writing at once take turns and never fork the chain; `portal audit verify`
    compares it with the last event, so that removing the newest events shows too."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


def _plain(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.isoformat(timespec="microseconds")
    return value


def canonical(fields: dict, prev_hash: str) -> bytes:
    """One byte string for one event, the same on every database and every machine."""
    values = {name: _plain(value) for name, value in fields.items()}
    values["prev_hash"] = prev_hash
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def chain_hash(fields: dict, prev_hash: str) -> str:
    return hashlib.sha256(canonical(fields, prev_hash)).hexdigest()


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_audit_events(session, _flush_context, _instances) -> None:
    """The application's own guard: an audit event, once written, is never changed."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")


@event.listens_for(Session, "before_flush")
def _link_new_events(session, _flush_context, _instances) -> None:
    """Give each new event its place in the chain and its hash, in the order they were added.

    Two small statements per flush that writes events, however many it writes: one takes
    the chain head's row lock (held until commit, so concurrent appends take turns; on
    SQLite the database's single writer lock does the same) and reserves the places, one
    moves the head on. A place is unique, so even a bug here could not fork the chain: the
    second writer of a place would fail.
    """
    new = [obj for obj in session.new if isinstance(obj, AuditEvent) and obj.row_hash is None]
    if not new:
        return
    connection = session.connection()
    reserved = _reserve(connection, len(new))
    if reserved is None:
        # No head yet (a database emptied by hand, as the tests do): start after the last
        # event there is, or at the beginning. Of writers racing to do this, one inserts
        # the head and all then take turns at it.
        last = connection.execute(
            select(AuditEvent.seq, AuditEvent.row_hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).one_or_none()
        connection.execute(
            text(
                "INSERT INTO audit_chain_head (id, seq, last_hash) VALUES (1, :seq, :hash) "
                "ON CONFLICT DO NOTHING"
            ),
            {"seq": last.seq if last else 0, "hash": last.row_hash if last else GENESIS},
        )
        reserved = _reserve(connection, len(new))
    start, prev = reserved.seq - len(new), reserved.last_hash
    for place, audit_event in enumerate(new, start=start + 1):
        audit_event.ensure_id()
        if audit_event.occurred_at is None:
            audit_event.occurred_at = utcnow()
        # As it will read back from a JSON column, so that the hash verifies later.
        audit_event.detail = json.loads(json.dumps(audit_event.detail or {}))
        audit_event.seq = place
        audit_event.prev_hash = prev
        audit_event.row_hash = prev = audit_event.computed_hash()
    head = AuditChainHead.__table__
    connection.execute(update(head).where(head.c.id == 1).values(last_hash=prev))


def _reserve(connection, count: int):
    """Lock the chain head and move it on by `count` places: (new last place, last hash)."""
    head = AuditChainHead.__table__
    return connection.execute(
        update(head)
        .where(head.c.id == 1)
        .values(seq=head.c.seq + count)
        .returning(head.c.seq, head.c.last_hash)
    ).one_or_none()
