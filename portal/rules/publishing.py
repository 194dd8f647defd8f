"""Publishing an update: the update, the Code obligation it meets, the notification and the
audit event are written in ONE transaction, or not at all.

A form carries an idempotency key made when it was first shown. Publishing twice with the
same key (a double click, a resubmitted page) returns the update the first attempt made.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from portal.data import audit, outbox
from portal.data.models import Case, Obligation, StaffUser, Update, utcnow
from portal.extensions import db
from portal.rules.victims_code import EventType, code_deadline, event_rule
from portal.rules.victims_code.deadlines import referral_deadline
from portal.rules.victims_code.event_time import is_in_the_future
from portal.rules.victims_code.london_time import LONDON


class PublishFailed(RuntimeError):
    """The database refused the publish; nothing was written."""


class DraftRefused(ValueError):
    """What the draft says cannot be published (the form says why before it gets here)."""


@dataclass(frozen=True)
class Draft:
    """What the officer chose on the form; nothing here is saved until `publish`."""

    event_type: str
    occurred_at: datetime
    free_text: str | None
    sensitive: bool
    idempotency_key: str
    corrects_id: uuid.UUID | None = None
    decided_by: str | None = None  # "police" or "cps", for a decision
    suspect_interviewed: bool | None = None  # for a police decision not to charge


@dataclass(frozen=True)
class Published:
    update: Update
    created: bool  # False when the key had been used already: a repeat of the same publish


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def deadline_for(case: Case, event_type: str, occurred_at: datetime) -> datetime | None:
    """The Victims' Code deadline for telling this case's victim about this event.

    The referral to support runs from the day the crime was reported (Right 4), not from
    when the referral was made or the victim told of it.
    """
    if event_type == EventType.SUPPORT_REFERRAL and case.reported_on is not None:
        return referral_deadline(case.reported_on, case.force_country)
    return code_deadline(event_type, occurred_at, case.enhanced_service, case.force_country)


def check_draft(draft: Draft, now: datetime) -> None:
    """Refuse what must never be published, whatever the form let through.

    An event dated in the future would be "told on time" before it happened; a decision
    without reasons breaks Right 6 (the victim is told why).
    """
    if is_in_the_future(draft.occurred_at, now):
        raise DraftRefused("the event is dated in the future")
    decision = draft.corrects_id is None and event_rule(draft.event_type).is_decision
    if decision and not (draft.free_text or "").strip():
        raise DraftRefused("a decision needs its reasons")


def record_referral_duty(case: Case, officer: StaffUser) -> Obligation:
    """At a new case: the referral to support is due 2 working days after the report.

    Recorded at once, so it shows as due in the caseload from the first day, and met by
    the update that tells the victim about the referral.
    """
    reported = datetime.combine(case.reported_on, datetime.min.time(), tzinfo=LONDON)
    obligation = Obligation(
        case=case,
        event_type=EventType.SUPPORT_REFERRAL.value,
        occurred_at=reported,
        due_at=referral_deadline(case.reported_on, case.force_country),
        recorded_by_id=officer.id,
    )
    db.session.add(obligation)
    return obligation


def existing_publish(case: Case, key: str) -> Update | None:
    return db.session.scalar(
        select(Update).where(Update.idempotency_key == key, Update.case_id == case.id)
    )


def publish(
    case: Case,
    draft: Draft,
    officer: StaffUser,
    with_it: Callable[[Update], None] | None = None,
) -> Published:
    """Publish `draft` on `case`, or return the update an earlier attempt with its key made.

    `with_it`, if given, adds its own rows about the new update to the same transaction
    (the records system's event that asked for it, say).

    Raises PublishFailed (after rolling back) if the database fails: no update, obligation,
    notification or audit event is left half-written.
    """
    earlier = existing_publish(case, draft.idempotency_key)
    if earlier is not None:
        return Published(earlier, created=False)
    check_draft(draft, utcnow())
    try:
        update = _write(case, draft, officer)
        if with_it is not None:
            with_it(update)
        db.session.commit()
    except IntegrityError:
        # Two submits racing: the unique key let exactly one through. Show that one.
        db.session.rollback()
        earlier = existing_publish(case, draft.idempotency_key)
        if earlier is not None:
            return Published(earlier, created=False)
        raise PublishFailed("integrity error while publishing") from None
    except SQLAlchemyError as error:
        db.session.rollback()
        raise PublishFailed("database error while publishing") from error
    return Published(update, created=True)


def _write(case: Case, draft: Draft, officer: StaffUser) -> Update:
    now = utcnow()
    if draft.corrects_id is not None:
        original = db.session.get(Update, draft.corrects_id)
        if original is None or original.case_id != case.id:
            raise PublishFailed("a correction must correct an update on the same case")
        # A correction keeps the kind of what it corrects (never a new key decision), and
        # who made the decision, so the review scheme offered cannot change under it.
        draft = replace(
            draft,
            event_type=original.event_type,
            decided_by=original.decided_by,
            suspect_interviewed=original.suspect_interviewed,
        )
    update = Update(
        case=case,
        event_type=draft.event_type,
        occurred_at=draft.occurred_at,
        published_at=now,
        published_by=officer,
        language=case.victim.language,
        sensitive=draft.sensitive,
        corrects_id=draft.corrects_id,
        idempotency_key=draft.idempotency_key,
        decided_by=draft.decided_by,
        suspect_interviewed=draft.suspect_interviewed,
    )
    update.ensure_id()
    update.free_text = draft.free_text or None
    db.session.add(update)
    case.last_contact_at = now  # any update is contact: the routine clock starts again
    detail = {"event_type": draft.event_type, "sensitive": draft.sensitive}
    if draft.decided_by is not None:
        detail["decided_by"] = draft.decided_by
    if draft.corrects_id is not None:
        outbox.enqueue_for_update(update, reason="correction")
        detail["corrects"] = str(draft.corrects_id)
        audit.record("update.correction_published", case_id=case.id, subject=update, detail=detail)
        return update
    obligation = _meet_obligation(case, draft, update, officer, now)
    if obligation is not None:
        detail["due_at"] = obligation.due_at.isoformat()
        detail["on_time"] = obligation.met_at <= obligation.due_at
    outbox.enqueue_for_update(update)
    audit.record("update.published", case_id=case.id, subject=update, detail=detail)
    return update


def _meet_obligation(
    case: Case, draft: Draft, update: Update, officer: StaffUser, now: datetime
) -> Obligation | None:
    """Meet the earliest open duty for this event, or record the duty and meet it at once."""
    obligation = db.session.scalar(
        select(Obligation)
        .where(
            Obligation.case_id == case.id,
            Obligation.event_type == draft.event_type,
            Obligation.met_at.is_(None),
        )
        .order_by(Obligation.due_at, Obligation.id)
        .limit(1)
    )
    if obligation is None:
        due = deadline_for(case, draft.event_type, draft.occurred_at)
        if due is None:
            return None  # routine and other updates carry no Code deadline of their own
        obligation = Obligation(
            case=case,
            event_type=draft.event_type,
            occurred_at=draft.occurred_at,
            due_at=due,
            recorded_by_id=officer.id,
        )
        db.session.add(obligation)
    obligation.met_at = now
    obligation.met_by_update_id = update.id
    return obligation


def record_event(case: Case, event_type: str, occurred_at: datetime, officer: StaffUser):
    """Record that an event happened, to tell the victim about later: its Code deadline
    starts now and shows in the caseload and on the dashboard until an update about it is
    published. None if the event carries no deadline. Recording the same event twice
    (a double click) keeps one duty. An event dated in the future is refused."""
    if is_in_the_future(occurred_at, utcnow()):
        raise DraftRefused("the event is dated in the future")
    due = deadline_for(case, event_type, occurred_at)
    if due is None:
        return None
    existing = db.session.scalar(
        select(Obligation).where(
            Obligation.case_id == case.id,
            Obligation.event_type == event_type,
            Obligation.occurred_at == occurred_at,
            Obligation.met_at.is_(None),
        )
    )
    if existing is not None:
        return existing
    obligation = Obligation(
        case=case,
        event_type=event_type,
        occurred_at=occurred_at,
        due_at=due,
        recorded_by_id=officer.id,
    )
    db.session.add(obligation)
    db.session.flush()
    audit.record(
        "obligation.recorded",
        case_id=case.id,
        subject=obligation,
        detail={"event_type": event_type, "due_at": due.isoformat()},
    )
    db.session.commit()
    return obligation


def obligation_met_by(update: Update) -> Obligation | None:
    return db.session.scalar(select(Obligation).where(Obligation.met_by_update_id == update.id))


def staff_label(event_type: str) -> str:
    try:
        return str(event_rule(event_type).staff_label)
    except KeyError:
        return event_type


def write(case: Case, draft: Draft, officer: StaffUser) -> Update:
    """Add an update with its duty, notification and audit event to the session, without
    committing: for a caller that writes more in the same transaction (a reassignment,
    portal.rules.reassignment). The caller commits, or rolls back on failure."""
    return _write(case, draft, officer)
