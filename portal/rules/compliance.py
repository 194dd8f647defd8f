"""Victims' Code compliance figures for a supervisor's team, and their CSV export.

The Victims and Prisoners Act 2024 (s.6) asks bodies to collect and share information on
how well they keep the Code. The rule used here, precisely:

- Each Code deadline is an `Obligation` (tell the victim about an event by `due_at`).
- A deadline counts in a period once it is *settled* within it: when it was met on time,
  at the moment it was met; otherwise at the deadline itself (met late, or not met yet).
  Deadlines still open and not yet due are not counted anywhere.
- "Met on time" means told at or before the deadline (to the second).
- Officer figures follow the officer the case is assigned to now.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from portal.data.models import Case, CaseStatus, Obligation, StaffUser
from portal.data.scoping import visible_cases
from portal.extensions import db
from portal.rules.victims_code import london_date, next_routine_due

PERIODS = (30, 90)
CSV_COLUMNS = (
    "period_days",
    "period_start",
    "period_end",
    "group",
    "group_name",
    "deadlines_due",
    "met_on_time",
    "met_late",
    "not_met",
    "share_met_on_time",
)


@dataclass
class Tally:
    met_on_time: int = 0
    met_late: int = 0
    not_met: int = 0

    @property
    def due(self) -> int:
        return self.met_on_time + self.met_late + self.not_met

    @property
    def share(self) -> float | None:
        """Share met on time, as a percentage; None when nothing fell due."""
        return round(100 * self.met_on_time / self.due, 1) if self.due else None

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class Figures:
    days: int
    start: datetime
    end: datetime
    team: Tally = field(default_factory=Tally)
    by_officer: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_event: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))


def settled_at(obligation: Obligation, now: datetime) -> datetime | None:
    met, due = obligation.met_at, obligation.due_at
    if met is not None and met.replace(microsecond=0) <= due:
        return met
    return due if due <= now else None


def outcome(obligation: Obligation) -> str:
    met = obligation.met_at
    if met is None:
        return "not_met"
    return "met_on_time" if met.replace(microsecond=0) <= obligation.due_at else "met_late"


def _team_obligations(principal, since: datetime) -> list[tuple[Obligation, str]]:
    case_ids = visible_cases(principal).with_only_columns(Case.id)
    rows = db.session.execute(
        select(Obligation, StaffUser.display_name)
        .join(Case, Case.id == Obligation.case_id)
        .join(StaffUser, StaffUser.id == Case.officer_id)
        .where(
            Obligation.case_id.in_(case_ids),
            or_(Obligation.due_at >= since, Obligation.met_at >= since),
        )
        .order_by(Obligation.due_at, Obligation.id)
    )
    return [(obligation, name) for obligation, name in rows]


def timeliness(principal, now: datetime, periods=PERIODS) -> list[Figures]:
    """Figures for each period (in days) ending now, for the cases `principal` may see."""
    rows = _team_obligations(principal, now - timedelta(days=max(periods)))
    results = []
    for days in periods:
        figures = Figures(days=days, start=now - timedelta(days=days), end=now)
        for obligation, officer_name in rows:
            moment = settled_at(obligation, now)
            if moment is None or not figures.start <= moment <= now:
                continue
            result = outcome(obligation)
            figures.team.add(result)
            figures.by_officer[officer_name].add(result)
            figures.by_event[obligation.event_type].add(result)
        results.append(figures)
    return results


def timeliness_between(principal, start: datetime, end: datetime, now: datetime) -> Figures:
    """The same figures for any period, from `start` to `end` (the PCC export's periods).
    A deadline not yet passed at `now` is not counted, as in `timeliness`."""
    until = min(end, now)
    figures = Figures(days=(end - start).days, start=start, end=end)
    for obligation, officer_name in _team_obligations(principal, start):
        moment = settled_at(obligation, now)
        if moment is None or not start <= moment <= until:
            continue
        result = outcome(obligation)
        figures.team.add(result)
        figures.by_officer[officer_name].add(result)
        figures.by_event[obligation.event_type].add(result)
    return figures


def open_items(principal, now: datetime) -> tuple[list[Obligation], list[Obligation]]:
    """Unmet Code deadlines: those already overdue, and those due by the end of today."""
    case_ids = visible_cases(principal).with_only_columns(Case.id)
    unmet = db.session.scalars(
        select(Obligation)
        .where(Obligation.case_id.in_(case_ids), Obligation.met_at.is_(None))
        .options(joinedload(Obligation.case).joinedload(Case.officer))
        .order_by(Obligation.due_at, Obligation.id)
    ).all()
    today = london_date(now)
    overdue = [o for o in unmet if now.replace(microsecond=0) > o.due_at]
    due_today = [o for o in unmet if o not in overdue and london_date(o.due_at) == today]
    return overdue, due_today


def routine_overdue(principal, now: datetime) -> list[tuple[Case, datetime]]:
    """Open cases whose agreed routine update is overdue, oldest first."""
    cases = db.session.scalars(
        visible_cases(principal)
        .where(Case.status == CaseStatus.OPEN)
        .options(joinedload(Case.victim), joinedload(Case.officer))
        .order_by(Case.last_contact_at, Case.id)
    ).all()
    late = []
    for case in cases:
        try:
            due = next_routine_due(
                case.last_contact_at, case.victim.routine_frequency, case.force_country
            )
        except ValueError:
            continue
        if due is not None and now.replace(microsecond=0) > due:
            late.append((case, due))
    return late


def _cell(value: str) -> str:
    # A name starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def csv_rows(figures: list[Figures], team_name: str) -> list[list]:
    rows = []
    for period in figures:
        groups = [("team", team_name, period.team)]
        groups += [("officer", name, t) for name, t in sorted(period.by_officer.items())]
        groups += [("event_type", name, t) for name, t in sorted(period.by_event.items())]
        for group, name, tally in groups:
            rows.append(
                [
                    period.days,
                    london_date(period.start).isoformat(),
                    london_date(period.end).isoformat(),
                    group,
                    _cell(name),
                    tally.due,
                    tally.met_on_time,
                    tally.met_late,
                    tally.not_met,
                    "" if tally.share is None else f"{tally.share:.1f}",
                ]
            )
    return rows


def to_csv(figures: list[Figures], team_name: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(figures, team_name))
    return buffer.getvalue()
