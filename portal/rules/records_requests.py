"""Requests to a third party for a victim's records: who holds them, in words, what she
may answer, and the queries the officer's and supervisor's pages read.

Why a notice at all: the CPS's guidance on pre-trial therapy (2022) and the Attorney
General's guidelines on disclosure (2022) say a request for third-party material, such as
counselling notes, must be necessary for a reasonable line of inquiry, not made as a matter
of routine, and that the victim should be told what is asked for and why. So the officer
cannot record a request without its reason, and the victim can object or ask a question
before anything is shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.data.models import Case, RecordsAnswer, RecordsHolder, RecordsRequest
from portal.data.scoping import a_victims_cases, bound_copied_scope
from portal.extensions import db

HOLDERS = (
    (RecordsHolder.COUNSELLING.value, _l("A counselling or therapy service")),
    (RecordsHolder.MEDICAL.value, _l("A doctor, hospital or other health service")),
    (RecordsHolder.SCHOOL.value, _l("A school, college or university")),
    (RecordsHolder.SOCIAL_SERVICES.value, _l("Social services")),
    (RecordsHolder.OTHER.value, _l("Someone else")),
)
HOLDER_WORDS = dict(HOLDERS)

ANSWERS = (
    (RecordsAnswer.OBJECT.value, _l("I do not want these records shared")),
    (RecordsAnswer.QUESTION.value, _l("I have a question about this")),
)
ANSWER_WORDS = dict(ANSWERS)


def for_case(case: Case) -> list[RecordsRequest]:
    """A case's requests, the newest first."""
    return list(
        db.session.scalars(
            select(RecordsRequest)
            .where(RecordsRequest.case_id == case.id)
            .order_by(RecordsRequest.created_at.desc(), RecordsRequest.id)
        )
    )


# Asked on every visit to her home page: built once (portal.data.victim_queries says why).
FOR_VICTIM = (
    select(RecordsRequest)
    .where(RecordsRequest.case_id.in_(a_victims_cases().with_only_columns(Case.id)))
    .order_by(RecordsRequest.created_at.desc(), RecordsRequest.id)
)


def for_victim(victim) -> list[RecordsRequest]:
    """Every request in the victim's own cases, the newest first."""
    return list(db.session.scalars(FOR_VICTIM, {"victim_id": victim.id}))


def _answer_waiting():
    return RecordsRequest.answered_at.isnot(None) & RecordsRequest.answer_dealt_with_at.is_(None)


def answers_waiting_by_case(case_ids) -> dict:
    """For the caseload: how many of her answers wait for the officer, by case id."""
    if not case_ids:
        return {}
    rows = db.session.execute(
        select(RecordsRequest.case_id, func.count())
        .where(RecordsRequest.case_id.in_(list(case_ids)), _answer_waiting())
        .group_by(RecordsRequest.case_id)
    ).all()
    return {case_id: count for case_id, count in rows}


@dataclass(frozen=True)
class Counts:
    """For the supervisor's dashboard: never what was asked for, only how many."""

    made: int
    objections_waiting: int
    questions_waiting: int


def counts(principal) -> Counts:
    """Requests recorded in the cases `principal` may see, and answers still waiting."""
    waiting = _answer_waiting()
    # By the officers' ids each request carries (migration 0025), not case by case.
    scope = bound_copied_scope(principal, RecordsRequest.case_officer_id)
    made, objections, questions = db.session.execute(
        select(
            func.count(),
            func.count().filter(waiting, RecordsRequest.answer == RecordsAnswer.OBJECT),
            func.count().filter(waiting, RecordsRequest.answer == RecordsAnswer.QUESTION),
        ).where(scope.condition),
        scope.params,
    ).one()
    return Counts(made=made or 0, objections_waiting=objections, questions_waiting=questions)
