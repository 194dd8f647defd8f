"""Proving the audit log whole: walk the hash chain, name the first broken link.

Each event holds its place (`seq`, 1, 2, 3...), the hash of the event before it and its
own hash over its fields (portal/data/models/audit.py). Walking them in order:

- an event whose fields no longer give its hash was changed;
- a place missing from the sequence was removed;
- an event that does not point at the hash of the one before it was slipped in, moved, or
  follows a removed one;
- a chain head (the place and hash of the newest event) ahead of the last event means the
  newest events were removed.

What the chain cannot prove alone: that the owner of the tables did not remove the newest
events and rewind the head with them. Keep the head `portal audit verify` prints somewhere
else now and then (a ticket, the operations log); a later head must extend it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.data.models.audit import GENESIS, AuditChainHead, AuditEvent

BATCH = 1000


class AuditChainBroken(RuntimeError):
    """The first broken link, named by its place and the event's id."""


@dataclass(frozen=True)
class ChainReport:
    events: int
    head: str


def verify(session: Session) -> ChainReport:
    """Walk the whole chain in order; raise AuditChainBroken at the first broken link."""
    expected_seq, prev = 1, GENESIS
    query = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=BATCH)
    events = session.scalars(query)
    try:
        for event in events:
            _check(event, expected_seq, prev)
            prev = event.row_hash
            expected_seq += 1
            session.expunge(event)  # a long log need not stay in memory
    finally:
        events.close()  # a broken link stops the walk with the cursor still open
    count = expected_seq - 1
    head = session.get(AuditChainHead, 1)
    if head is not None and (head.seq, head.last_hash) != (count, prev):
        if head.seq > count:
            raise AuditChainBroken(
                f"{_places(count + 1, head.seq)} removed: the chain head says the log has "
                f"{head.seq} events, but it ends at event {count}"
            )
        raise AuditChainBroken(
            f"the chain head (event {head.seq}, {head.last_hash[:12]}…) does not match the "
            f"last event ({count}, {prev[:12]}…)"
        )
    if head is None and count:
        raise AuditChainBroken(f"the chain head is missing, though the log has {count} events")
    return ChainReport(events=count, head=prev)


def _check(event: AuditEvent, expected_seq: int, prev: str) -> None:
    where = f"event {event.seq} (id {event.id}, {event.action}, {_when(event)})"
    if event.seq != expected_seq:
        if event.seq > expected_seq:
            missing = _places(expected_seq, event.seq - 1)
            raise AuditChainBroken(f"{missing} removed: the chain jumps to {where}")
        raise AuditChainBroken(f"{where} is out of order: expected place {expected_seq}")
    if event.row_hash != event.computed_hash():
        raise AuditChainBroken(f"{where} was changed after it was written")
    if event.prev_hash != prev:
        raise AuditChainBroken(
            f"{where} does not follow the event before it: one was inserted, moved or removed here"
        )


def _places(first: int, last: int) -> str:
    return f"event {first}" if first == last else f"events {first} to {last}"


def _when(event: AuditEvent) -> str:
    return event.occurred_at.strftime("%Y-%m-%d %H:%M:%S UTC")
