"""Every query for review and complaint requests, scoped through `portal.data.scoping`.

A request is visible exactly when its case is: the victim sees their own, a supervisor
those of their team's cases, and anyone else gets the same 404 as for nothing at all.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.data.errors import NotFound
from portal.data.models import Case, ComplaintRequest, ReviewRequest, StaffUser, Update
from portal.data.models.event_types import EventType
from portal.data.scoping import visible_cases
from portal.extensions import db


def _case_ids(principal):
    return visible_cases(principal).with_only_columns(Case.id)


def get_review_or_404(principal, request_id: uuid.UUID) -> ReviewRequest:
    """A police review in the force's queue. A CPS request is the same 404 as nothing: the
    force neither acknowledges nor decides it, so no edited URL can reach those steps."""
    found = db.session.scalar(
        select(ReviewRequest).where(
            ReviewRequest.id == request_id,
            ReviewRequest.case_id.in_(_case_ids(principal)),
            ReviewRequest.scheme == POLICE_SCHEME,
        )
    )
    if found is None:
        raise NotFound
    return found


def get_complaint_or_404(principal, complaint_id: uuid.UUID) -> ComplaintRequest:
    found = db.session.scalar(
        select(ComplaintRequest).where(
            ComplaintRequest.id == complaint_id,
            ComplaintRequest.case_id.in_(_case_ids(principal)),
        )
    )
    if found is None:
        raise NotFound
    return found


def review_for(decision: Update) -> ReviewRequest | None:
    return db.session.scalar(select(ReviewRequest).where(ReviewRequest.update_id == decision.id))


# Decisions that may open a review; which scheme (if any) each opens is decided by the
# rules (portal/rules/victims_code/review_schemes.py), which callers apply.
REVIEWABLE_TYPES = (
    EventType.NO_FURTHER_ACTION,
    EventType.CPS_NO_CHARGE,
    EventType.CPS_DISCONTINUANCE,
)

# Only the force's own reviews go to its supervisors: a CPS request is the CPS's to answer.
POLICE_SCHEME = "police"


def decisions_with_requests(principal) -> list[tuple[Update, ReviewRequest | None]]:
    """Each decision that may be reviewed on `principal`'s cases (originals, not
    corrections), oldest first, with its review request if there is one."""
    rows = db.session.execute(
        select(Update, ReviewRequest)
        .outerjoin(ReviewRequest, ReviewRequest.update_id == Update.id)
        .where(
            Update.case_id.in_(_case_ids(principal)),
            Update.event_type.in_(REVIEWABLE_TYPES),
            Update.corrects_id.is_(None),
        )
        .order_by(Update.published_at, Update.id)
    )
    return [(update, request) for update, request in rows]


def decisions_among(published: list[Update]) -> list[tuple[Update, ReviewRequest | None]]:
    """`decisions_with_requests` for updates already loaded (every update on the
    victim's cases, as her home page has them): a query only when there is a decision."""
    decisions = sorted(
        (
            update
            for update in published
            if update.event_type in REVIEWABLE_TYPES and update.corrects_id is None
        ),
        key=lambda update: (update.published_at, update.id),
    )
    if not decisions:
        return []
    requests = {
        request.update_id: request
        for request in db.session.scalars(
            select(ReviewRequest).where(ReviewRequest.update_id.in_([d.id for d in decisions]))
        )
    }
    return [(decision, requests.get(decision.id)) for decision in decisions]


def decisions_to_offer(
    victim, published: list[Update] | None = None
) -> list[tuple[Update, ReviewRequest | None]]:
    """For the victim's home page: each decision they have read, with its request.
    `published`: every update on her cases, when the caller has them already.

    A decision not yet opened is left out, so the home page never gives away news that
    the victim chose to read later behind its content note.
    """
    found = decisions_among(published) if published is not None else None
    return [
        (decision, request)
        for decision, request in (found if found is not None else decisions_with_requests(victim))
        if decision.read_at is not None or request is not None
    ]


def _with_case():
    # The officer's name, and nothing else of the account (no password hash or secret).
    return joinedload(ReviewRequest.case).joinedload(Case.officer).load_only(StaffUser.display_name)


def open_reviews(principal) -> list[ReviewRequest]:
    """Requests not yet decided, the most pressing deadline first."""
    query = (
        select(ReviewRequest)
        .where(
            ReviewRequest.case_id.in_(_case_ids(principal)),
            ReviewRequest.scheme == POLICE_SCHEME,
            ReviewRequest.decided_on.is_(None),
        )
        .options(_with_case())
        .order_by(ReviewRequest.acknowledge_by, ReviewRequest.requested_at, ReviewRequest.id)
    )
    return list(db.session.scalars(query))


def decided_reviews(principal, limit: int = 50) -> list[ReviewRequest]:
    query = (
        select(ReviewRequest)
        .where(
            ReviewRequest.case_id.in_(_case_ids(principal)),
            ReviewRequest.scheme == POLICE_SCHEME,
            ReviewRequest.decided_on.isnot(None),
        )
        .options(_with_case())
        .order_by(ReviewRequest.decided_on.desc(), ReviewRequest.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def cps_requests(case: Case) -> list[ReviewRequest]:
    """For the officer's case page: the CPS reviews the victim said she is asking for."""
    query = (
        select(ReviewRequest)
        .where(ReviewRequest.case_id == case.id, ReviewRequest.scheme != POLICE_SCHEME)
        .order_by(ReviewRequest.requested_at, ReviewRequest.id)
    )
    return list(db.session.scalars(query))


def complaints(principal) -> list[ComplaintRequest]:
    """Complaint requests: those not yet passed on first, then the newest."""
    query = (
        select(ComplaintRequest)
        .where(ComplaintRequest.case_id.in_(_case_ids(principal)))
        .options(
            joinedload(ComplaintRequest.case)
            .joinedload(Case.officer)
            .load_only(StaffUser.display_name)
        )
        .order_by(
            ComplaintRequest.passed_on_at.isnot(None),
            ComplaintRequest.created_at.desc(),
            ComplaintRequest.id,
        )
    )
    return list(db.session.scalars(query))


def own_complaints(victim) -> list[ComplaintRequest]:
    query = (
        select(ComplaintRequest)
        .where(ComplaintRequest.case_id.in_(_case_ids(victim)))
        .order_by(ComplaintRequest.created_at, ComplaintRequest.id)
    )
    return list(db.session.scalars(query))
