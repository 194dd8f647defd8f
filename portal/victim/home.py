"""What the victim's home page gathers: each case with its officer, updates, what is next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.data import victim_queries as queries
from portal.data.models import Case, CaseStatus
from portal.rules import presenting
from portal.rules.victims_code import next_routine_due
from portal.victim.questions import unread_replies


@dataclass
class CaseSummary:
    case: Case
    next_routine_due: datetime | None

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

    @property
    def unread_updates(self) -> int:
        return sum(1 for view in self.updates if view.is_unread)


def routine_due(case: Case, frequency: str) -> datetime | None:
    if case.status != CaseStatus.OPEN:
        return None
    try:
        return next_routine_due(case.last_contact_at, frequency)
    except ValueError:  # an unknown stored frequency: say nothing rather than guess
        return None


def home_for(victim) -> Home:
    cases = [
        CaseSummary(case=case, next_routine_due=routine_due(case, victim.routine_frequency))
        for case in queries.cases(victim)
    ]
    updates = [presenting.summary(update) for update in queries.updates(victim)]
    return Home(
        cases=cases,
        updates=updates,
        unread_replies=unread_replies(queries.conversation(victim)),
    )
