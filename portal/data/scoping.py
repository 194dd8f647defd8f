"""The one place that decides which cases, updates and messages a person may see.

Every view that loads a case, an update or a message by an identifier goes through these
functions. Anything out of scope gets the same 404 as something that does not exist, so
an edited URL reveals nothing.
"""

from __future__ import annotations

import uuid
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, and_, bindparam, false, or_, select
from sqlalchemy.orm import aliased

from portal.data.errors import NotFound
from portal.data.models import (
    AccessReissue,
    Case,
    Message,
    RecordsRequest,
    ShareScope,
    StaffRole,
    StaffUser,
    SupportGrant,
    Update,
    Victim,
)
from portal.data.models.event_types import KEY_DECISION_TYPES
from portal.extensions import db


def visible_cases(principal) -> Select[tuple[Case]]:
    """A query for the cases `principal` may see (none for anyone unrecognised)."""
    return select(Case).where(case_scope(principal))


def case_scope(principal):
    """The condition on `Case` for the cases `principal` may see."""
    return _scope_condition(*_scope_of(principal))


def _scope_of(principal) -> tuple[str, object]:
    """Whose cases `principal` sees: (kind, id), the one rule behind `case_scope` and
    `bound_copied_scope`. A victim her own, an officer theirs, a supervisor their team's."""
    role = getattr(principal, "role", None)
    if role == "victim":
        return "victim", principal.id
    if role == StaffRole.OFFICER:
        return "officer", principal.id
    if role == StaffRole.SUPERVISOR and principal.team_id is not None:
        return "team", principal.team_id
    # Admins manage accounts and never see case content; so does everyone else by default.
    return "none", None


def _scope_condition(kind: str, value):
    if kind == "victim":
        return Case.victim_id == value
    return _by_officer(kind, Case.officer_id, value)


def _by_officer(kind: str, officer_column, value):
    """The staff scopes, on any column that holds a case's officer: an officer's own
    cases, a supervisor's team's (their officers'), and nothing for anyone else."""
    if kind == "officer":
        return officer_column == value
    if kind == "team":
        return officer_column.in_(select(StaffUser.id).where(StaffUser.team_id == value))
    return false()


class BoundScope(NamedTuple):
    """`case_scope` with the principal's id as the bind parameter `scope_id`: for a query
    built once for each `kind` of scope and run with `params` (portal.data.statements)."""

    kind: str
    condition: ColumnElement[bool]
    params: dict


def bound_copied_scope(principal, officer_column, team_column=None) -> BoundScope:
    """`case_scope` with the principal's id as a bind parameter (`BoundScope`), for rows
    that carry copies of their case's officer and, where given, of that officer's team
    (`officer_column`, `team_column`: copies the database keeps, migration 0025), so a
    team's rows are found without going through its cases: by the team where the rows
    carry it, otherwise by the team's officers. The same cases as `case_scope` for staff;
    a victim's cases are found by her own id, which those rows do not hold, so she gets
    none here."""
    kind, value = _scope_of(principal)
    if kind == "victim":
        kind, value = "none", None
    params = {"scope_id": value} if value is not None else {}
    scope_id = bindparam("scope_id")
    if kind == "team" and team_column is not None:
        return BoundScope(kind, team_column == scope_id, params)
    return BoundScope(kind, _by_officer(kind, officer_column, scope_id), params)


def join_visible(query: Select, principal, case_id) -> Select:
    """`query` cut to the rows whose case (`case_id`, a column) `principal` may see.

    A join to the case rather than `case_id IN (the ids of every visible case)`: the
    database need not list a team's 2,000 case ids first, and may start from whichever
    side is smaller (a handful of open requests, say).
    """
    return query.join(Case, Case.id == case_id).where(case_scope(principal))


def _a_victims_cases(victim_id) -> Select[tuple[Case]]:
    return select(Case).where(Case.victim_id == victim_id)


def a_victims_cases() -> Select[tuple[Case]]:
    """`visible_cases` for a victim whose id is the bind parameter `victim_id`: for a
    query built once and run on every request with her id."""
    return _a_victims_cases(bindparam("victim_id"))


def get_case_or_404(principal, case_id: uuid.UUID) -> Case:
    case = db.session.scalar(visible_cases(principal).where(Case.id == case_id))
    if case is None:
        raise NotFound
    return case


def _in_a_visible_case(principal, model, record_id: uuid.UUID):
    """A record of `model` (anything with a case_id) in a case `principal` may see."""
    cases = visible_cases(principal).with_only_columns(Case.id)
    found = db.session.scalar(select(model).where(model.id == record_id, model.case_id.in_(cases)))
    if found is None:
        raise NotFound
    return found


# A victim opens her updates more than anything else: this one is built once, with her id
# and the update's as bind parameters (the same rule as _in_a_visible_case).
_HER_UPDATE = select(Update).where(
    Update.id == bindparam("update_id"),
    Update.case_id.in_(a_victims_cases().with_only_columns(Case.id)),
)


def get_update_or_404(principal, update_id: uuid.UUID) -> Update:
    if getattr(principal, "role", None) != "victim":
        return _in_a_visible_case(principal, Update, update_id)
    found = db.session.scalar(_HER_UPDATE, {"update_id": update_id, "victim_id": principal.id})
    if found is None:
        raise NotFound
    return found


def get_message_or_404(principal, message_id: uuid.UUID) -> Message:
    return _in_a_visible_case(principal, Message, message_id)


def get_reissue_or_404(principal, reissue_id: uuid.UUID) -> AccessReissue:
    """A request for a new activation code, in a case `principal` may see."""
    return _in_a_visible_case(principal, AccessReissue, reissue_id)


def get_records_request_or_404(principal, request_id: uuid.UUID) -> RecordsRequest:
    """A request for the victim's records from a third party, in a case `principal` may see."""
    return _in_a_visible_case(principal, RecordsRequest, request_id)


# Supporters: a victim's chosen ISVA or trusted person sees no case, only the updates a
# live grant shares. A withdrawn grant shares nothing, so its updates get the same 404 as
# an update that does not exist.


# Sorted, so that the SQL is the same on every run and every worker.
_KEY_DECISIONS = tuple(sorted(KEY_DECISION_TYPES))


def live_grants(principal) -> Select[tuple[SupportGrant]]:
    """Grants `principal` sees through: accepted, not withdrawn, from an active account."""
    if getattr(principal, "role", None) != "supporter":
        return select(SupportGrant).where(false())
    return (
        select(SupportGrant)
        .join(Victim, Victim.id == SupportGrant.victim_id)
        .where(
            SupportGrant.supporter_id == principal.id,
            SupportGrant.accepted_at.isnot(None),
            SupportGrant.withdrawn_at.is_(None),
            Victim.is_disabled.is_(False),
        )
    )


def get_grant_or_404(principal, grant_id: uuid.UUID) -> SupportGrant:
    grant = db.session.scalar(live_grants(principal).where(SupportGrant.id == grant_id))
    if grant is None:
        raise NotFound
    return grant


def _shared_by(grant: SupportGrant):
    """The condition on Update (joined to Case) for what one grant shares."""
    of_victim = Case.victim_id == grant.victim_id
    if grant.scope == ShareScope.EVERYTHING:
        return of_victim
    if grant.scope == ShareScope.KEY_DECISIONS:
        original = aliased(Update)
        key_originals = select(original.id).where(original.event_type.in_(_KEY_DECISIONS))
        # A correction travels with what it corrects.
        key = or_(Update.event_type.in_(_KEY_DECISIONS), Update.corrects_id.in_(key_originals))
        return and_(of_victim, key)
    return false()  # guides and dates only: no update is shared


def shared_updates(principal, grant: SupportGrant | None = None) -> Select[tuple[Update]]:
    """A query for the updates `principal` (a supporter) may read, through one or all grants."""
    grants = [grant] if grant is not None else db.session.scalars(live_grants(principal)).all()
    conditions = [_shared_by(g) for g in grants]
    return select(Update).join(Case, Case.id == Update.case_id).where(or_(false(), *conditions))


def get_shared_update_or_404(principal, update_id: uuid.UUID) -> Update:
    update = db.session.scalar(shared_updates(principal).where(Update.id == update_id))
    if update is None:
        raise NotFound
    return update
