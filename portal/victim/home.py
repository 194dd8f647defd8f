"""What the victim's home page gathers: each case with its officer, updates, what is next."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, url_for

from portal.data import victim_queries as queries
from portal.data.models import Case, CaseStatus
from portal.rules import presenting, stages
from portal.victim.questions import unread_replies


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
    published: list  # the updates themselves, newest first, for what else the page needs
    links: dict = field(default_factory=dict)  # update id -> the address of its page

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


def home_for(victim) -> Home:
    published = queries.updates(victim)
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
        unread_replies=unread_replies(queries.conversation(victim)),
        published=published,
        links=update_links(published),
    )


def update_links(published) -> dict:
    """Each update's address, from one url_for: a page lists every update, and url_for
    for each was a tenth of the list's cost."""
    blank = uuid.UUID(int=0)
    pattern = url_for("victim.update", update_id=blank)
    return {update.id: pattern.replace(str(blank), str(update.id)) for update in published}
