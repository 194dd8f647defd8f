"""Every query the victim's pages make, scoped through `portal.data.scoping` and stably ordered.

The queries her home page runs on every visit are built once, with her id as a bind
parameter: building a query and working out SQLAlchemy's cache key for it cost about as
much as running it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, func, or_, select

from portal.data.errors import NotFound
from portal.data.models import Case, Message, RightsRecord, Update, UpdateFeedback
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


class UpdateLine(NamedTuple):
    """What her home page reads of each update: the list, the stage tracker and the review
    links (never the officer's words). Named as the model's attributes."""

    id: uuid.UUID
    case_id: uuid.UUID
    event_type: str
    published_at: datetime
    sensitive: bool
    decided_by: str | None
    suspect_interviewed: bool | None
    corrects_id: uuid.UUID | None
    read_at: datetime | None


# Her home page lists every update and reads only these columns of each. As plain rows they
# cost about half what ORM objects do to load; as named tuples, each of the dozen times the
# page reads a value is a tuple look-up, not a search through the row's keys (a Row's
# attribute was about a microsecond here, and a page with twenty updates reads hundreds).
_UPDATE_LINES = _UPDATES.with_only_columns(*(getattr(Update, name) for name in UpdateLine._fields))


def update_lines(victim) -> list[UpdateLine]:
    """`updates` as `UpdateLine`s, newest first."""
    rows = db.session.execute(_UPDATE_LINES, {"victim_id": victim.id})
    return [UpdateLine._make(row) for row in rows]


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


# Her update page, in one query: the update, the corrections published beside it, and the
# answer she gave to "Was this message clear?" (one per update). Read through her cases,
# the same rule as `scoping.get_update_or_404`; a case holds tens of updates, so reading
# them by the case's index and keeping these is cheap.
_UPDATE_PAGE = (
    select(Update, UpdateFeedback)
    .outerjoin(UpdateFeedback, UpdateFeedback.update_id == Update.id)
    .where(
        Update.case_id.in_(_HER_CASE_IDS),
        or_(Update.id == bindparam("update_id"), Update.corrects_id == bindparam("update_id")),
    )
    .order_by(Update.published_at, Update.id)
)


@dataclass(frozen=True)
class UpdatePage:
    update: Update
    corrections: list[Update]  # oldest first, as `corrections_of` gives them
    clarity: UpdateFeedback | None  # her answer to "Was this message clear?", if any


def update_page_or_404(victim, update_id: uuid.UUID) -> UpdatePage:
    """One of her updates with what its page shows. NotFound if it is not hers, as for
    one that does not exist (the refusal is audited: portal.web.errors)."""
    rows = db.session.execute(_UPDATE_PAGE, {"update_id": update_id, "victim_id": victim.id})
    rows = rows.all()
    found = next((row for row in rows if row.Update.id == update_id), None)
    if found is None:
        raise NotFound
    corrections = [
        row.Update
        for row in rows
        if row.Update.corrects_id == update_id and row.Update.case_id == found.Update.case_id
    ]
    return UpdatePage(found.Update, corrections, found.UpdateFeedback)


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


# How many replies and messages from her officer she has not opened yet: her home page
# shows only the number, and asks it with other small questions (portal.victim.home).
UNREAD_REPLIES = (
    select(func.count())
    .select_from(Message)
    .where(
        Message.case_id.in_(_HER_CASE_IDS),
        Message.from_victim.is_(False),
        Message.read_at.is_(None),
    )
)


def conversation(victim) -> list[Message]:
    """Questions, replies and call requests on the victim's cases, oldest first."""
    return list(db.session.scalars(_CONVERSATION, {"victim_id": victim.id}))
