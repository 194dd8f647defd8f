"""Queries for the staff view, each scoped through `portal.data.scoping` with a stable order.

The caseload is one query however many cases and updates there are: the counts and dates
come from correlated subqueries, the victim and officer from a join.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, null, select
from sqlalchemy.orm import joinedload

from portal.data.models import (
    AuditEvent,
    Case,
    CaseStatus,
    Message,
    MessageKind,
    Obligation,
    RightsRecord,
    SafetyReport,
    StaffRole,
    StaffUser,
    Update,
    Victim,
)
from portal.data.scoping import visible_cases
from portal.extensions import db
from portal.rules.questions import is_open_question
from portal.rules.victims_code import london_date, next_routine_due


@dataclass(frozen=True)
class Deadline:
    due_at: datetime
    # "event" (a Code deadline), "routine" (the agreed routine update) or "question" (a
    # victim's question waiting for an answer: portal.rules.questions)
    kind: str
    event_type: str | None = None

    def overdue(self, now: datetime) -> bool:
        return now.replace(microsecond=0) > self.due_at

    def due_today(self, now: datetime) -> bool:
        return not self.overdue(now) and london_date(self.due_at) == london_date(now)


@dataclass(frozen=True)
class CaseloadRow:
    case: Case
    next_deadline: Deadline | None
    overdue: bool
    due_today: bool
    open_questions: int  # waiting for an answer, whether or not the case was opened since
    call_requests: int
    last_read_at: datetime | None

    @property
    def needs_action(self) -> bool:
        return self.call_requests > 0 or self.open_questions > 0


def routine_deadline(case: Case) -> Deadline | None:
    return _routine(case.last_contact_at, case.victim.routine_frequency, case.force_country)


def _routine(last_contact_at, frequency, country) -> Deadline | None:
    try:
        due = next_routine_due(last_contact_at, frequency, country)
    except ValueError:  # an unknown frequency: treat as no routine contact agreed
        return None
    return Deadline(due, "routine") if due else None


def next_deadline(
    case: Case,
    event_due: datetime | None,
    event_type: str | None,
    reply_due: datetime | None = None,
):
    return _earliest(routine_deadline(case), event_due, event_type, reply_due)


def _earliest(routine, event_due, event_type, reply_due) -> Deadline | None:
    candidates = [routine]
    if event_due is not None:
        candidates.append(Deadline(event_due, "event", event_type))
    if reply_due is not None:
        candidates.append(Deadline(reply_due, "question"))
    present = [d for d in candidates if d is not None]
    return min(present, key=lambda d: d.due_at) if present else None


def _open_obligation(column):
    return (
        select(column)
        .where(Obligation.case_id == Case.id, Obligation.met_at.is_(None))
        .order_by(Obligation.due_at, Obligation.id)
        .limit(1)
        .correlate(Case)
        .scalar_subquery()
    )


def _count_messages(kind: str):
    return (
        select(func.count(Message.id))
        .where(
            Message.case_id == Case.id,
            Message.from_victim.is_(True),
            Message.kind == kind,
            Message.read_at.is_(None),
        )
        .correlate(Case)
        .scalar_subquery()
    )


def _open_questions(aggregate):
    # Open until answered: opening the case page reads a question, it does not answer it.
    return (
        select(aggregate)
        .where(Message.case_id == Case.id, is_open_question())
        .correlate(Case)
        .scalar_subquery()
    )


# The caseload shows this many cases a page: a supervisor's team may hold 2,000.
PER_PAGE = 50


@dataclass(frozen=True)
class CaseloadPage:
    rows: list[CaseloadRow]
    number: int  # from 1
    total: int  # open cases on every page

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def _caseload_columns(last_read):
    return (
        _open_obligation(Obligation.due_at),
        _open_obligation(Obligation.event_type),
        _open_questions(func.count(Message.id)),
        _open_questions(func.min(Message.reply_due_at)),
        _count_messages(MessageKind.CALL_REQUEST),
        last_read,
    )


def caseload(principal, now: datetime, page: int = 1) -> CaseloadPage:
    """The open cases `principal` may see, what needs doing first at the top, `PER_PAGE`
    a page. An open safety report comes before anything else (as `safety.for_caseload`
    puts it on the page), so it is on the first page however many cases there are."""
    open_cases = visible_cases(principal).where(Case.status == CaseStatus.OPEN)
    first = (page - 1) * PER_PAGE
    if getattr(principal, "role", None) == StaffRole.OFFICER:
        # An officer's own cases (about 25): one query loads them all whole.
        ranked = sorted(_rows(open_cases, now), key=lambda pair: pair[0])
        rows = [row for _, row in ranked]
        return CaseloadPage(rows[first : first + PER_PAGE], page, len(rows))
    # A team's (up to thousands): the order needs every case's next deadline, so one
    # query reads the few values it needs for all of them; only the page's cases are then
    # loaded whole.
    order = (
        open_cases.join(Victim, Victim.id == Case.victim_id)
        .with_only_columns(
            Case.id,
            Case.last_contact_at,
            Victim.routine_frequency,
            Case.force_country,
            *_caseload_columns(null())[:5],
            _open_safety_reports(),
        )
        .order_by(Case.created_at, Case.id)
    )
    keys = []
    for row in db.session.execute(order):
        case_id, contact, frequency, country, due, kind, questions, reply, calls, reports = row
        deadline = _earliest(_routine(contact, frequency, country), due, kind, reply)
        keys.append((_rank(deadline, now, questions, calls, reports), case_id))
    keys.sort(key=lambda pair: pair[0])
    shown = [case_id for _, case_id in keys[first : first + PER_PAGE]]
    by_id = {row.case.id: row for _, row in _rows(open_cases.where(Case.id.in_(shown)), now)}
    return CaseloadPage([by_id[i] for i in shown if i in by_id], page, len(keys))


def _rows(query, now: datetime) -> list[tuple[tuple, CaseloadRow]]:
    """Each case of `query` whole, as a caseload row, with its place in the order."""
    last_read = (
        select(func.max(Update.read_at)).where(Update.case_id == Case.id).correlate(Case)
    ).scalar_subquery()
    query = (
        query.options(joinedload(Case.victim), joinedload(Case.officer))
        .add_columns(*_caseload_columns(last_read), _open_safety_reports())
        .order_by(Case.created_at, Case.id)
    )
    rows = []
    for case, due, kind, questions, reply_due, calls, read_at, reports in db.session.execute(query):
        deadline = next_deadline(case, due, kind, reply_due)
        overdue = deadline is not None and deadline.overdue(now)
        due_today = deadline is not None and deadline.due_today(now)
        row = CaseloadRow(case, deadline, overdue, due_today, questions, calls, read_at)
        rows.append((_rank(deadline, now, questions, calls, reports), row))
    return rows


def _open_safety_reports():
    return (
        select(func.count(SafetyReport.id))
        .where(SafetyReport.case_id == Case.id, SafetyReport.handled_at.is_(None))
        .correlate(Case)
        .scalar_subquery()
    )


def _rank(deadline: Deadline | None, now: datetime, questions: int, calls: int, reports: int):
    # An open safety report first; then overdue or asked for a call; then due today or
    # waiting for a reply; then the rest; the earliest deadline first within each.
    overdue = deadline is not None and deadline.overdue(now)
    due_today = deadline is not None and deadline.due_today(now)
    rank = 0 if overdue or calls else 1 if due_today or questions else 2
    return (reports == 0, rank, deadline.due_at.timestamp() if deadline else float("inf"))


def case_updates(case: Case) -> list[Update]:
    return list(
        db.session.scalars(
            select(Update)
            .where(Update.case_id == case.id)
            .options(joinedload(Update.published_by))
            .order_by(Update.published_at.desc(), Update.id)
        )
    )


def open_obligations(case: Case) -> list[Obligation]:
    return list(
        db.session.scalars(
            select(Obligation)
            .where(Obligation.case_id == case.id, Obligation.met_at.is_(None))
            .order_by(Obligation.due_at, Obligation.id)
        )
    )


def open_duty(case: Case, duty_id) -> Obligation | None:
    """One open duty of this case (the case is already one the person may see)."""
    return db.session.scalar(
        select(Obligation).where(
            Obligation.id == duty_id, Obligation.case_id == case.id, Obligation.met_at.is_(None)
        )
    )


def case_messages(case: Case) -> list[Message]:
    return list(
        db.session.scalars(
            select(Message)
            .where(Message.case_id == case.id)
            .options(joinedload(Message.staff_author))
            .order_by(Message.created_at, Message.id)
        )
    )


def rights_records(case: Case) -> list[RightsRecord]:
    return list(
        db.session.scalars(
            select(RightsRecord)
            .where(RightsRecord.case_id == case.id)
            .order_by(RightsRecord.offered_at, RightsRecord.id)
        )
    )


def team_officers(supervisor) -> list[StaffUser]:
    """The active officers (and supervisors) in the supervisor's team, who can take a case."""
    if supervisor.team_id is None:
        return []
    return list(
        db.session.scalars(
            select(StaffUser)
            .where(
                StaffUser.team_id == supervisor.team_id,
                StaffUser.staff_role.in_([StaffRole.OFFICER, StaffRole.SUPERVISOR]),
                StaffUser.is_disabled.is_(False),
            )
            .order_by(StaffUser.display_name, StaffUser.id)
        )
    )


def case_audit(case: Case) -> list[tuple[AuditEvent, StaffUser | None]]:
    return list(
        db.session.execute(
            select(AuditEvent, StaffUser)
            .outerjoin(StaffUser, StaffUser.id == AuditEvent.actor_id)
            .where(AuditEvent.case_id == case.id)
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        ).all()
    )
