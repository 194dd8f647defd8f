"""An event from the force's records system: recorded once, its Code deadline running from
the time it happened, and either left as a draft for the officer or (where the force
allows it for that kind of event) published at once as the event's template update.

The sender's event id is the idempotency key: the same event sent again is found, not
recorded again, and answered the same way. The same id with different content is refused,
never merged. Everything one event writes is written in one transaction, or nothing is.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from portal.data import audit
from portal.data.models import (
    Case,
    CaseStatus,
    Obligation,
    RecordsEvent,
    RecordsOutcome,
    Update,
)
from portal.extensions import db
from portal.rules import publishing

# Who the audit log names for what a records system did (its client id is in the detail).
RECORDS_SYSTEM = SimpleNamespace(kind="records_system", id=None)


class EventConflict(ValueError):
    """The sender's event id was used before, for a different event."""


class CaseClosed(ValueError):
    """The case is closed: nothing more is told through it."""


class RecordingFailed(RuntimeError):
    """The database refused the event; nothing was written."""


@dataclass(frozen=True)
class IncomingEvent:
    client_id: str
    sender_event_id: str
    event_type: str
    occurred_at: datetime
    sensitive: bool
    publish_at_once: bool

    @property
    def content_hash(self) -> str:
        content = [self.event_type, self.occurred_at.isoformat(), self.sensitive]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()

    @property
    def idempotency_key(self) -> str:
        """The update's key if it is published: one update per sender's event, ever."""
        return hashlib.sha256(f"{self.client_id}\n{self.sender_event_id}".encode()).hexdigest()


@dataclass(frozen=True)
class Received:
    event: RecordsEvent
    created: bool  # False: this event had been received already, and is answered the same


def earlier(client_id: str, sender_event_id: str) -> RecordsEvent | None:
    return db.session.scalar(
        select(RecordsEvent).where(
            RecordsEvent.client_id == client_id, RecordsEvent.sender_event_id == sender_event_id
        )
    )


def receive(case: Case, incoming: IncomingEvent) -> Received:
    found = _same_as_before(case, incoming)
    if found is not None:
        return Received(found, created=False)
    if case.status == CaseStatus.CLOSED:
        raise CaseClosed(case.id)
    try:
        if incoming.publish_at_once:
            event = _publish(case, incoming)
        else:
            event = _draft(case, incoming)
            db.session.commit()
    except (IntegrityError, publishing.PublishFailed):
        # The same event, sent twice at once: the unique indexes let exactly one through.
        db.session.rollback()
        found = _same_as_before(case, incoming)
        if found is None:
            raise RecordingFailed("integrity error while recording an event") from None
        return Received(found, created=False)
    except SQLAlchemyError as error:
        db.session.rollback()
        raise RecordingFailed("database error while recording an event") from error
    return Received(event, created=True)


def _same_as_before(case: Case, incoming: IncomingEvent) -> RecordsEvent | None:
    found = earlier(incoming.client_id, incoming.sender_event_id)
    if found is None:
        return None
    if found.case_id != case.id or found.content_hash != incoming.content_hash:
        raise EventConflict(incoming.sender_event_id)
    return found


def _new_event(case: Case, incoming: IncomingEvent, outcome: str) -> RecordsEvent:
    event = RecordsEvent(
        case=case,
        client_id=incoming.client_id,
        sender_event_id=incoming.sender_event_id,
        content_hash=incoming.content_hash,
        event_type=incoming.event_type,
        occurred_at=incoming.occurred_at,
        outcome=outcome,
    )
    event.ensure_id()
    db.session.add(event)
    return event


def _draft(case: Case, incoming: IncomingEvent) -> RecordsEvent:
    """The duty to tell the victim starts from the event's own time; the officer writes
    and publishes the update (the staff view shows the duty until then)."""
    event = _new_event(case, incoming, RecordsOutcome.DRAFT)
    event.obligation = _open_duty(case, incoming)
    detail = {"client": incoming.client_id, "event_type": incoming.event_type, "outcome": "draft"}
    if event.obligation is not None:
        detail["due_at"] = event.obligation.due_at.isoformat()
    audit.record(
        "records.event_received",
        case_id=case.id,
        subject=event,
        actor=RECORDS_SYSTEM,
        detail=detail,
    )
    return event


def _open_duty(case: Case, incoming: IncomingEvent) -> Obligation | None:
    due = publishing.deadline_for(case, incoming.event_type, incoming.occurred_at)
    if due is None:
        return None  # this kind of event carries no Code deadline of its own
    # The officer may have recorded the same event already, by hand: one duty, not two.
    existing = db.session.scalar(
        select(Obligation).where(
            Obligation.case_id == case.id,
            Obligation.event_type == incoming.event_type,
            Obligation.occurred_at == incoming.occurred_at,
            Obligation.met_at.is_(None),
        )
    )
    if existing is not None:
        return existing
    obligation = Obligation(
        case=case,
        event_type=incoming.event_type,
        occurred_at=incoming.occurred_at,
        due_at=due,
        recorded_by_id=None,  # recorded by the records system, not by a person
    )
    obligation.ensure_id()
    db.session.add(obligation)
    audit.record(
        "obligation.recorded",
        case_id=case.id,
        subject=obligation,
        actor=RECORDS_SYSTEM,
        detail={"event_type": incoming.event_type, "due_at": due.isoformat()},
    )
    return obligation


def _publish(case: Case, incoming: IncomingEvent) -> RecordsEvent:
    """The event's template update, published in the case officer's name (the force chose
    this for this kind of event), with the event row in the same transaction."""
    holder: list[RecordsEvent] = []

    def with_the_event(update: Update) -> None:
        event = _new_event(case, incoming, RecordsOutcome.PUBLISHED)
        event.update = update
        db.session.flush()
        event.obligation = publishing.obligation_met_by(update)
        audit.record(
            "records.event_received",
            case_id=case.id,
            subject=event,
            actor=RECORDS_SYSTEM,
            detail={
                "client": incoming.client_id,
                "event_type": incoming.event_type,
                "outcome": "published",
            },
        )
        holder.append(event)

    draft = publishing.Draft(
        event_type=incoming.event_type,
        occurred_at=incoming.occurred_at,
        free_text=None,
        sensitive=incoming.sensitive,
        idempotency_key=incoming.idempotency_key,
    )
    result = publishing.publish(case, draft, case.officer, with_it=with_the_event)
    if not holder or holder[0].update_id != result.update.id:
        # Another request published this event's update a moment ago: it is theirs.
        raise publishing.PublishFailed("the event's update was published by another request")
    return holder[0]
