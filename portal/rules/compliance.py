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
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from portal.data import statements
from portal.data.models import Case, CaseStatus, Obligation, StaffUser
from portal.data.scoping import bound_copied_scope
from portal.extensions import db
from portal.rules import case_lines
from portal.rules.capped import SHOWN, Capped, capped, firsts
from portal.rules.case_lines import CaseLine
from portal.rules.victims_code import london_date, next_routine_due
from portal.rules.victims_code.deadlines import RoutineFrequency
from portal.rules.victims_code.london_time import LONDON
from portal.rules.victims_code.working_days import Country

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

    def add(self, outcome: str, count: int = 1) -> None:
        setattr(self, outcome, getattr(self, outcome) + count)


@dataclass
class Figures:
    days: int
    start: datetime
    end: datetime
    team: Tally = field(default_factory=Tally)
    by_officer: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_event: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    def officers_shown(self, limit: int = SHOWN) -> Capped:
        """The officers for the dashboard, by name; in a team of more than `limit`, the
        `limit` with the lowest share met on time (those to look at first), lowest first.
        The CSV always has every officer."""
        named = sorted(self.by_officer.items())
        if len(named) <= limit:
            return Capped(named, len(named))
        lowest = sorted(named, key=lambda pair: (_share_or_top(pair[1]), pair[0]))
        return Capped(lowest[:limit], len(named))


def _share_or_top(tally: Tally) -> float:
    return 101.0 if tally.share is None else tally.share


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


class _WholeSecond(FunctionElement):
    """A timestamp cut to the whole second, in SQL: the Code's "to the second"."""

    inherit_cache = True
    name = "whole_second"


@compiles(_WholeSecond)
def _whole_second_postgresql(element, compiler, **kw):
    return f"date_trunc('second', {compiler.process(element.clauses, **kw)})"


@compiles(_WholeSecond, "sqlite")
def _whole_second_sqlite(element, compiler, **kw):
    # SQLite keeps 'YYYY-MM-DD HH:MM:SS.ffffff': the first 19 characters are the second.
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 19)"


def _on_time():
    # met.replace(microsecond=0) <= due, as `outcome` says; cutting both to the second
    # keeps it exact, since a whole second is at or before `due` exactly when it is at or
    # before `due` cut to the second.
    return _WholeSecond(Obligation.met_at) <= _WholeSecond(Obligation.due_at)


def _settled_and_outcome():
    """`settled_at` and `outcome` as SQL expressions (the rule of this module's docstring)."""
    on_time = and_(Obligation.met_at.is_not(None), _on_time())
    settled = case((on_time, Obligation.met_at), else_=Obligation.due_at)
    result = case(
        (Obligation.met_at.is_(None), "not_met"),
        (_on_time(), "met_on_time"),
        else_="met_late",
    )
    return settled, result


def _tallies(principal, starts: list[datetime], end: datetime, now: datetime) -> list[Figures]:
    """One SQL query: per officer, event type and outcome, how many deadlines settled from
    each of `starts` to `end` (never after `now`). Team and event figures add them up."""
    scope = bound_copied_scope(principal, Obligation.case_officer_id, Obligation.case_team_id)
    query = statements.once(
        ("compliance.tallies", scope.kind, len(starts)),
        lambda: _tallies_query(scope.condition, len(starts)),
    )
    params = {f"start_{index}": start for index, start in enumerate(starts)}
    params.update(scope.params, earliest=min(starts), upper=min(end, now), now=now)
    rows = db.session.execute(query, params).all()
    results = []
    for index, start in enumerate(starts):
        figures = Figures(days=(end - start).days, start=start, end=end)
        for name, event_type, outcome_, *counts in rows:
            count = int(counts[index] or 0)
            if count:
                figures.team.add(outcome_, count)
                figures.by_officer[name].add(outcome_, count)
                figures.by_event[event_type].add(outcome_, count)
        results.append(figures)
    return results


_WHEN = Obligation.due_at.type  # a moment, stored as the portal stores every moment


def _moment(name: str):
    return bindparam(name, type_=_WHEN)


def _tallies_query(scope, periods: int):
    """`_tallies`'s statement: the moments are bind parameters (start_0, start_1...,
    earliest, upper, now), so it is built once for each kind of scope."""
    settled, result = _settled_and_outcome()
    earliest, now = _moment("earliest"), _moment("now")
    in_period = [
        func.sum(case((settled >= _moment(f"start_{index}"), 1), else_=0))
        for index in range(periods)
    ]
    return (
        select(StaffUser.display_name, Obligation.event_type, result, *in_period)
        # The case's officer now, as each deadline carries it (migration 0025).
        .join(StaffUser, StaffUser.id == Obligation.case_officer_id)
        .where(
            scope,
            # Only what can have settled in the periods, read as two ranges of the index on
            # (team, met, due): a deadline not met settles at its due time, so it is due
            # between the earliest start and the end; one met settles at or before the
            # moment it was met, so it was met since the earliest start. The deadlines open
            # and not yet due, most of a team's, are not read at all.
            or_(
                and_(
                    Obligation.met_at.is_(None),
                    Obligation.due_at >= earliest,
                    Obligation.due_at <= _moment("upper"),
                ),
                Obligation.met_at >= earliest,
            ),
            settled >= earliest,
            settled <= _moment("upper"),
            # Not met on time and not yet due: not settled, so not counted anywhere.
            or_(Obligation.due_at <= now, and_(Obligation.met_at.is_not(None), _on_time())),
        )
        .group_by(StaffUser.display_name, Obligation.event_type, result)
    )


def timeliness(principal, now: datetime, periods=PERIODS) -> list[Figures]:
    """Figures for each period (in days) ending now, for the cases `principal` may see."""
    starts = [now - timedelta(days=days) for days in periods]
    return _tallies(principal, starts, now, now)


def timeliness_between(principal, start: datetime, end: datetime, now: datetime) -> Figures:
    """The same figures for any period, from `start` to `end` (the PCC export's periods).
    A deadline not yet passed at `now` is not counted, as in `timeliness`."""
    return _tallies(principal, [start], end, now)[0]


def _start_of_london_day(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


@dataclass(frozen=True)
class OpenItem:
    """An unmet deadline in a dashboard list."""

    line: CaseLine
    event_type: str
    due_at: datetime


def open_items(principal, now: datetime, limit: int = SHOWN) -> tuple[Capped, Capped]:
    """Unmet Code deadlines: those already overdue, and those due by the end of today, the
    earliest first, `limit` of each with how many there are."""
    scope = bound_copied_scope(principal, Obligation.case_officer_id, Obligation.case_team_id)
    params = {
        **scope.params,
        "second": now.replace(microsecond=0),
        "tomorrow": _start_of_london_day(london_date(now) + timedelta(days=1)),
    }

    def first(when: str) -> Capped:
        query = statements.once(
            ("compliance.open_items", scope.kind, when, limit),
            lambda: _open_items_query(scope.condition, when, limit),
        )
        rows = db.session.execute(query, params).all()
        return capped(rows, lambda row: OpenItem(case_lines.line(row), row.event_type, row.due_at))

    return first("overdue"), first("today")


def _open_items_query(scope, when: str, limit: int):
    second, tomorrow = _moment("second"), _moment("tomorrow")
    condition = {
        "overdue": Obligation.due_at < second,
        "today": and_(Obligation.due_at >= second, Obligation.due_at < tomorrow),
    }[when]
    # Found by the team (or officer) each deadline carries, in one index, not case by case:
    # for a team, the index on (team, met, due, id) holds them in this order, so the first
    # 20 are read and the rest only counted. The 20 kept are then joined to what they show.
    query = select(Obligation.id, Obligation.due_at).where(
        scope, Obligation.met_at.is_(None), condition
    )
    kept = firsts(query, (Obligation.due_at, Obligation.id), limit, total_of=query)
    return case_lines.of_kept(kept, Obligation, Obligation.event_type, Obligation.due_at).order_by(
        kept.c.due_at, kept.c.id
    )


def routine_thresholds(now: datetime) -> dict[tuple[str, str], datetime]:
    """For each routine frequency and force country: a routine update is overdue at `now`
    exactly when the last contact was before this moment.

    `next_routine_due` stays the rule: it never goes back when the last contact is later,
    so the last London day of contact that is overdue now is found by stepping back from
    today, and everything before the start of the next day is overdue too.
    """
    second = now.replace(microsecond=0)
    thresholds = {}
    for frequency in (RoutineFrequency.FORTNIGHTLY, RoutineFrequency.MONTHLY):
        for country in Country:
            # A contact this many days ago is not due before tomorrow: start there.
            day = london_date(now) - timedelta(days=13 if frequency == "fortnightly" else 27)
            while second <= next_routine_due(_start_of_london_day(day), frequency, country):
                day -= timedelta(days=1)
            thresholds[(frequency.value, country.value)] = _start_of_london_day(
                day + timedelta(days=1)
            )
    return thresholds


def routine_overdue(principal, now: datetime, limit: int = SHOWN) -> Capped:
    """Open cases whose agreed routine update is overdue, the oldest contact first:
    `limit` of them, each with when it was due, and how many there are."""
    thresholds = routine_thresholds(now)
    scope = bound_copied_scope(principal, Case.officer_id, Case.officer_team_id)
    query = statements.once(
        ("compliance.routine_overdue", scope.kind, tuple(thresholds), limit),
        lambda: _routine_overdue_query(scope.condition, tuple(thresholds), limit),
    )
    params = {_threshold(*key): threshold for key, threshold in thresholds.items()}
    params.update(scope.params, latest=max(thresholds.values()))
    return capped(db.session.execute(query, params).all(), _routine_line)


def _threshold(frequency: str, country: str) -> str:
    return f"threshold_{frequency}_{country}"


def _routine_overdue_query(scope, keys: tuple[tuple[str, str], ...], limit: int):
    late = or_(
        *(
            and_(
                Case.routine_frequency == frequency,
                Case.force_country == country,
                Case.last_contact_at < _moment(_threshold(frequency, country)),
            )
            for frequency, country in keys
        )
    )
    # The officer's team and the victim's frequency are the case's copies of them
    # (migration 0025), so for a team this reads the index on (team, status, last contact,
    # id, country, frequency) alone. The latest threshold as well: the index then skips
    # every case contacted since.
    query = select(Case.id, Case.last_contact_at).where(
        scope,
        Case.status == CaseStatus.OPEN,
        Case.last_contact_at < _moment("latest"),
        late,
    )
    # The ids first, sorted and cut (narrow rows to sort), then what the 20 show.
    kept = firsts(query, (Case.last_contact_at, Case.id), limit, total_of=query)
    return case_lines.joined(
        select(
            kept.c.total,
            Case.last_contact_at,
            Case.force_country,
            Case.routine_frequency,
            *case_lines.COLUMNS,
        ).select_from(kept),
        kept.c.id,
    ).order_by(kept.c.last_contact_at, kept.c.id)


def _routine_line(row) -> tuple[CaseLine, datetime]:
    due = next_routine_due(row.last_contact_at, row.routine_frequency, row.force_country)
    return case_lines.line(row), due


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
