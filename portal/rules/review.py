"""The rules of a review request: who may ask about which decision, by when, and what
happens next. Plain functions; the Victims' Code's time limits come from
`portal.rules.victims_code` and are never restated here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from portal.data import audit, review_queries
from portal.data.errors import NotFound
from portal.data.models import ReviewOutcome, ReviewRequest, Update
from portal.data.outbox import enqueue_for_case
from portal.data.review_queries import open_reviews
from portal.extensions import db
from portal.rules.victims_code import (
    london_date,
    vrr_acknowledge_by,
    vrr_decision_by,
    vrr_request_deadline,
)
from portal.rules.victims_code.review_schemes import (
    Scheme,
    cps_decision_by,
    cps_request_dates,
    scheme_for,
)

ACKNOWLEDGED = "review_acknowledged"
DECIDED = "review_decided"


@dataclass(frozen=True)
class TimeLeft:
    """How long the victim has to ask, as they read it on the form."""

    told_at: datetime
    deadline: datetime
    days_left: int  # whole London days until the deadline's day; 0 on the last day

    @property
    def has_passed(self) -> bool:
        return self.days_left < 0


def scheme_of(update: Update) -> Scheme | None:
    """The scheme the decision opens: police, CPS, or none (portal/rules/victims_code/
    review_schemes.py)."""
    return scheme_for(update.event_type, update.decided_by, update.suspect_interviewed)


def is_reviewable(update: Update) -> bool:
    """A decision one of the two review schemes covers."""
    return scheme_of(update) is not None


def decisions_to_offer(victim, published=None) -> list[tuple[Update, ReviewRequest | None]]:
    """The decisions the victim has read that a review scheme covers, with any request.
    `published`: every update on her cases, if the caller has them (no second query)."""
    return [
        (decision, request)
        for decision, request in review_queries.decisions_to_offer(victim, published)
        if is_reviewable(decision)
    ]


def decision_or_404(update: Update) -> Update:
    """The decision itself: a correction of it leads back to the original."""
    if update.corrects_id is not None and update.corrects is not None:
        update = update.corrects
    if not is_reviewable(update):
        raise NotFound
    return update


def time_left(decision: Update, now: datetime) -> TimeLeft:
    # The victim was told when the update was published to them. Both schemes take
    # requests for 3 months; the CPS asks for them sooner for a prompt review.
    if scheme_of(decision) is Scheme.CPS:
        deadline = cps_request_dates(decision.published_at, decision.case.force_country).request_by
    else:
        deadline = vrr_request_deadline(decision.published_at)
    days = (london_date(deadline) - london_date(now)).days
    return TimeLeft(told_at=decision.published_at, deadline=deadline, days_left=days)


def request_review(victim, decision: Update, note: str | None, now: datetime) -> ReviewRequest:
    """Record the request with its deadlines. A late request is taken, and marked late.

    For a CPS decision this records that the victim is asking the CPS, so her officer can
    help: the CPS, not the force, reviews it, so it carries no police deadlines and never
    enters the supervisors' queue.
    """
    country = decision.case.force_country
    left = time_left(decision, now)
    police = scheme_of(decision) is Scheme.POLICE
    request = ReviewRequest(
        case_id=decision.case_id,
        update_id=decision.id,
        scheme=Scheme.POLICE.value if police else Scheme.CPS.value,
        requested_at=now,
        told_at=left.told_at,
        request_deadline=left.deadline,
        acknowledge_by=vrr_acknowledge_by(now, country) if police else None,
        decide_by=vrr_decision_by(now, country) if police else None,
        late=left.has_passed,
    )
    request.ensure_id()
    request.note = (note or "").strip() or None
    db.session.add(request)
    audit.record(
        "review.requested",
        case_id=decision.case_id,
        subject=request,
        actor=victim,
        detail={"late": request.late, "scheme": request.scheme},
    )
    db.session.commit()
    return request


def acknowledge(request: ReviewRequest, on: date, supervisor) -> None:
    request.acknowledged_on = on
    request.acknowledged_by_id = supervisor.id
    audit.record("review.acknowledged", case_id=request.case_id, subject=request)
    enqueue_for_case(request.case, ACKNOWLEDGED)
    db.session.commit()


def decide(request: ReviewRequest, on: date, outcome: str, supervisor) -> None:
    request.decided_on = on
    request.decided_by_id = supervisor.id
    request.outcome = ReviewOutcome(outcome)
    audit.record(
        "review.decided", case_id=request.case_id, subject=request, detail={"outcome": outcome}
    )
    enqueue_for_case(request.case, DECIDED)
    db.session.commit()


@dataclass(frozen=True)
class Progress:
    """Where a request stands against its deadlines, for the staff queue."""

    acknowledge_overdue: bool
    acknowledged_late: bool
    decision_overdue: bool
    decided_late: bool

    @property
    def any_overdue(self) -> bool:
        return self.acknowledge_overdue or self.decision_overdue


def cps_answer_expected_by(request: ReviewRequest) -> datetime:
    """When the CPS aims to answer a request she made to it (CPS VRR guidance: 30 working
    days), for the officer who helps her follow it up."""
    return cps_decision_by(request.requested_at, request.case.force_country)


def progress(request: ReviewRequest, now: datetime) -> Progress:
    # Deadlines are the last second of a London day; the recorded steps are London days.
    if request.acknowledge_by is None or request.decide_by is None:
        return Progress(False, False, False, False)  # a CPS request: the CPS keeps time
    past = now.replace(microsecond=0)
    ack_day, decide_day = london_date(request.acknowledge_by), london_date(request.decide_by)
    return Progress(
        acknowledge_overdue=request.acknowledged_on is None and past > request.acknowledge_by,
        acknowledged_late=request.acknowledged_on is not None and request.acknowledged_on > ack_day,
        decision_overdue=request.decided_on is None and past > request.decide_by,
        decided_late=request.decided_on is not None and request.decided_on > decide_day,
    )


def open_reviews_with_progress(principal, now: datetime) -> list[tuple[ReviewRequest, Progress]]:
    """For the supervisor dashboard: open review requests with where each stands."""
    return [(request, progress(request, now)) for request in open_reviews(principal)]
