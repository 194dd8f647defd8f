"""Every query the victim's pages make, scoped through `portal.data.scoping` and stably ordered."""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import Case, Message, RightsRecord, Update
from portal.data.scoping import visible_cases
from portal.extensions import db


def _case_ids(victim):
    return visible_cases(victim).with_only_columns(Case.id)


def cases(victim) -> list[Case]:
    return list(db.session.scalars(visible_cases(victim).order_by(Case.created_at, Case.id)))


def updates(victim) -> list[Update]:
    """Every update on the victim's cases, newest first."""
    query = (
        select(Update)
        .where(Update.case_id.in_(_case_ids(victim)))
        .order_by(Update.published_at.desc(), Update.id)
    )
    return list(db.session.scalars(query))


def corrections_of(update: Update) -> list[Update]:
    """Corrections published beside `update` (never edits to it), oldest first."""
    query = (
        select(Update)
        .where(Update.corrects_id == update.id, Update.case_id == update.case_id)
        .order_by(Update.published_at, Update.id)
    )
    return list(db.session.scalars(query))


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
    query = (
        select(Message)
        .where(Message.case_id.in_(_case_ids(victim)))
        .order_by(Message.created_at, Message.id)
    )
    return list(db.session.scalars(query))
