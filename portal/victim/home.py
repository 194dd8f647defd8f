"""What the victim's home page gathers: each case with its officer, updates, what is next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.data import victim_queries as queries
from portal.data.models import Case, CaseStatus
from portal.rules import presenting
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


def home_for(victim) -> Home:
    cases = [
        CaseSummary(
            case=case, next_routine_due=presenting.routine_due(case, victim.routine_frequency)
        )
        for case in queries.cases(victim)
    ]
    updates = [presenting.summary(update) for update in queries.updates(victim)]
    return Home(
        cases=cases,
        updates=updates,
        unread_replies=unread_replies(queries.conversation(victim)),
    )
