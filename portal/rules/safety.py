"""The victim's safety while the suspect is out: bail, its conditions, and her reports.

Sources:
- Police and Criminal Evidence Act 1984, Part IV (pre-charge bail), as amended by the
  Policing and Crime Act 2017 and the Police, Crime, Sentencing and Courts Act 2022
  (Schedule 4): a suspect may be released on bail, with a date to come back and conditions
  (no contact, keep away from a place, a curfew), or released under investigation, with no
  bail and so no conditions. Since the 2022 Act the police must, where it is reasonably
  practicable, ask the alleged victim's views before setting conditions: so the form asks
  for her views, or the reason she could not be asked, before it records any.
- Victims' Code (2020), Right 6: she is told when the suspect is released on bail or under
  investigation and when conditions change (the RELEASED_ON_BAIL and
  BAIL_CONDITIONS_CHANGED events, each with its own duty to tell her).
- The force's own rule (issue 16): a bail date within 3 working days warns the officer, so
  the decision is ready before the suspect comes back; a report of a breach or a worry is
  an urgent action due the same London day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.data import audit
from portal.data.models import Case, CaseStatus, Release, SafetyRecord, SafetyReport, utcnow
from portal.data.scoping import join_visible
from portal.extensions import db
from portal.rules.victims_code import add_working_days, end_of_london_day, london_date

BAIL_WARNING_WORKING_DAYS = 3

WHO_WILL_CALL = _l("Your officer or another officer will call you today.")


def bail_due_soon(bail_date: date | None, today: date, country: str) -> bool:
    """A bail date from today up to the 3rd working day after it (weekends and the bank
    holidays of the force's country skipped). A date already past is not "soon": it is the
    officer's to update, and the case page shows it as passed."""
    if bail_date is None or bail_date < today:
        return False
    return bail_date <= add_working_days(today, BAIL_WARNING_WORKING_DAYS, country)


def report_due(reported_at: datetime) -> datetime:
    """The same day: the end of the London day on which she reported."""
    return end_of_london_day(london_date(reported_at))


@dataclass(frozen=True)
class Conditions:
    release: str
    bail_date: date | None
    no_contact: bool
    keep_away: str
    curfew: str
    other: str
    views: str
    views_not_asked: str


def record(case: Case, conditions: Conditions, officer) -> SafetyRecord:
    """A new record of how the suspect was released and what protects her. Released under
    investigation there is no bail, so no date and no conditions are kept, whatever was typed."""
    on_bail = conditions.release == Release.BAIL
    row = SafetyRecord(
        case=case,
        release=conditions.release,
        bail_date=conditions.bail_date if on_bail else None,
        no_contact=conditions.no_contact and on_bail,
        recorded_by_id=officer.id,
    )
    row.ensure_id()
    row.keep_away = conditions.keep_away.strip() if on_bail else ""
    row.curfew = conditions.curfew.strip() if on_bail else ""
    row.other = conditions.other.strip() if on_bail else ""
    row.views = conditions.views.strip()
    row.views_not_asked = conditions.views_not_asked.strip()
    db.session.add(row)
    audit.record(
        "staff.safety_recorded",
        case_id=case.id,
        subject=row,
        actor=officer,
        detail={"release": row.release, "views_asked": bool(row.views)},
    )
    db.session.commit()
    return row


def current(case: Case) -> SafetyRecord | None:
    return db.session.scalar(
        select(SafetyRecord)
        .where(SafetyRecord.case_id == case.id)
        .order_by(SafetyRecord.recorded_at.desc(), SafetyRecord.id)
        .limit(1)
    )


def report(victim, case: Case) -> SafetyReport:
    """Her one-tap report: an urgent action, due today, for the officer and the supervisor."""
    now = utcnow()
    row = SafetyReport(case=case, reported_at=now, due_at=report_due(now))
    db.session.add(row)
    audit.record("victim.safety_reported", case_id=case.id, subject=row, actor=victim)
    db.session.commit()
    return row


def open_reports(principal) -> list[SafetyReport]:
    """Reports not yet handled on the open cases `principal` may see, oldest first."""
    return list(
        db.session.scalars(
            join_visible(select(SafetyReport), principal, SafetyReport.case_id)
            .where(Case.status == CaseStatus.OPEN, SafetyReport.handled_at.is_(None))
            .options(joinedload(SafetyReport.case).joinedload(Case.victim))
            .order_by(SafetyReport.reported_at, SafetyReport.id)
        )
    )


def handled(case: Case, row: SafetyReport, staff) -> None:
    if row.case_id != case.id or row.handled_at is not None:
        return
    row.handled_at = utcnow()
    row.handled_by_id = staff.id
    audit.record("staff.safety_report_handled", case_id=case.id, subject=row, actor=staff)
    db.session.commit()


def reports_of(case: Case) -> list[SafetyReport]:
    return list(
        db.session.scalars(
            select(SafetyReport)
            .where(SafetyReport.case_id == case.id)
            .order_by(SafetyReport.reported_at.desc(), SafetyReport.id)
        )
    )
