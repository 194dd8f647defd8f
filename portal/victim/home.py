"""What the victim's home page gathers: each case with its officer, updates, what is next."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, url_for
from sqlalchemy import exists, select

from portal.data import victim_queries as queries
from portal.data.models import AccessReissue, Case, CaseStatus, RecordsRequest
from portal.extensions import db
from portal.rules import access_reissue, presenting, stages
from portal.rules import records_requests as records_rules


@dataclass
class CaseSummary:
    case: Case
    next_routine_due: datetime | None
    tracker: stages.Tracker | None = None

    @property
    def officer(self):
        return self.case.officer

    @property
    def is_open(self) -> bool:
        return self.case.status == CaseStatus.OPEN


@dataclass
class Home:
    cases: list[CaseSummary]
    updates: list[presenting.UpdateView]
    unread_replies: int
    published: list  # `queries.update_lines`, newest first, for what else the page needs
    links: dict = field(default_factory=dict)  # update id -> the address of its page
    reissue_notice: access_reissue.Notice | None = None
    records_requests: list[RecordsRequest] = field(default_factory=list)

    @property
    def unread_updates(self) -> int:
        return sum(1 for view in self.updates if view.is_unread)


def stage_times() -> dict[stages.Stage, stages.Duration]:
    """The force's own ranges (PORTAL_STAGE_TIME_<STAGE>); the settings check refused any
    that do not parse, so a start with a bad one never gets here."""
    settings = current_app.config.get("SETTINGS")
    configured = getattr(settings, "stage_times", None) or {}
    return {
        stages.Stage[name.upper()]: stages.parse_duration(value)
        for name, value in configured.items()
    }


# Three small questions her home page asks on every visit, in one round trip: how many
# replies wait for her, her latest approved re-issue of sign-in details, and whether any
# records request was made in her cases. Most victims have no re-issue and no request, and
# each question was a query of its own (on PostgreSQL, a third of a millisecond each).
_SMALL_QUESTIONS = select(
    queries.UNREAD_REPLIES.scalar_subquery(),
    access_reissue.LATEST_APPROVED.with_only_columns(AccessReissue.id).scalar_subquery(),
    exists(records_rules.FOR_VICTIM.with_only_columns(RecordsRequest.id).order_by(None)),
)


@dataclass(frozen=True)
class _SmallAnswers:
    unread_replies: int
    reissue_notice: access_reissue.Notice | None
    records_requests: list[RecordsRequest]


def _small_answers(victim) -> _SmallAnswers:
    unread, reissue_id, any_requests = db.session.execute(
        _SMALL_QUESTIONS, {"victim_id": victim.id}
    ).one()
    reissue = db.session.get(AccessReissue, reissue_id) if reissue_id is not None else None
    return _SmallAnswers(
        unread_replies=unread or 0,
        reissue_notice=access_reissue.notice_from(victim, reissue),
        records_requests=records_rules.for_victim(victim) if any_requests else [],
    )


def home_for(victim) -> Home:
    published = queries.update_lines(victim)
    answers = _small_answers(victim)
    times = stage_times()
    cases = [
        CaseSummary(
            case=case,
            next_routine_due=presenting.routine_due(case, victim.routine_frequency),
            tracker=stages.tracker([u for u in published if u.case_id == case.id], times),
        )
        for case in queries.cases(victim)
    ]
    updates = [presenting.summary(update) for update in published]
    return Home(
        cases=cases,
        updates=updates,
        unread_replies=answers.unread_replies,
        published=published,
        links=update_links(published),
        reissue_notice=answers.reissue_notice,
        records_requests=answers.records_requests,
    )


def update_links(published) -> dict:
    """Each update's address, from one url_for: a page lists every update, and url_for
    for each was a tenth of the list's cost."""
    blank = uuid.UUID(int=0)
    pattern = url_for("victim.update", update_id=blank)
    return {update.id: pattern.replace(str(blank), str(update.id)) for update in published}
