"""Every query the victim's pages make, scoped through `portal.data.scoping` and stably ordered.

The queries her home page runs on every visit are built once, with her id as a bind
parameter: building a query and working out SQLAlchemy's cache key for it cost about as
much as running it.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select

from portal.data.models import Case, Message, RightsRecord, Update
from portal.data.scoping import a_victims_cases, visible_cases
from portal.extensions import db


def _case_ids(victim):
    return visible_cases(victim).with_only_columns(Case.id)


def cases(victim) -> list[Case]:
    """The victim's cases, oldest first. `Victim.cases` is the same rule as
    `visible_cases` (the case's victim is her), and it came with her when her session was
    loaded (portal.auth.sessions), so this costs no query on her pages."""
    return sorted(victim.cases, key=lambda case: (case.created_at, case.id))


_HER_CASE_IDS = a_victims_cases().with_only_columns(Case.id)
_UPDATES = (
    select(Update)
    .where(Update.case_id.in_(_HER_CASE_IDS))
    .order_by(Update.published_at.desc(), Update.id)
)
_CONVERSATION = (
    select(Message)
    .where(Message.case_id.in_(_HER_CASE_IDS))
    .order_by(Message.created_at, Message.id)
)


def updates(victim) -> list[Update]:
    """Every update on the victim's cases, newest first."""
    return list(db.session.scalars(_UPDATES, {"victim_id": victim.id}))


_CORRECTIONS = (
    select(Update)
    .where(Update.corrects_id == bindparam("update_id"), Update.case_id == bindparam("case_id"))
    .order_by(Update.published_at, Update.id)
)


def corrections_of(update: Update) -> list[Update]:
    """Corrections published beside `update` (never edits to it), oldest first."""
    return list(
        db.session.scalars(_CORRECTIONS, {"update_id": update.id, "case_id": update.case_id})
    )


def updates_of_type(victim, event_type: str) -> list[Update]:
    query = (
        select(Update)
        .where(Update.case_id.in_(_case_ids(victim)), Update.event_type == event_type)
        .order_by(Update.published_at, Update.id)
    )
    return list(db.session.scalars(query))


def rights_records(victim) -> list[RightsRecord]:
    query = (
        select(RightsRecord)
        .where(RightsRecord.case_id.in_(_case_ids(victim)))
        .order_by(RightsRecord.offered_at, RightsRecord.id)
    )
    return list(db.session.scalars(query))


def conversation(victim) -> list[Message]:
    """Questions, replies and call requests on the victim's cases, oldest first."""
    return list(db.session.scalars(_CONVERSATION, {"victim_id": victim.id}))
