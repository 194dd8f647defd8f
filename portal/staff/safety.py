"""The officer's side of the victim's safety: recording the suspect's release and its
conditions, the bail-date warning, and reports of a breach or a worry (portal.rules.safety)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.data.models import Release, SafetyRecord, SafetyReport, utcnow
from portal.data.scoping import get_case_or_404
from portal.extensions import db
from portal.rules import safety
from portal.rules.victims_code import london_date
from portal.staff import bp
from portal.staff.safety_form import SafetyForm


@dataclass(frozen=True)
class CaseSafety:
    """What the case page and the caseload show about one case's safety."""

    record: SafetyRecord | None
    reports: list[SafetyReport]
    bail_soon: bool

    @property
    def open_reports(self) -> list[SafetyReport]:
        return [r for r in self.reports if r.handled_at is None]


def for_case(case) -> CaseSafety:
    record = safety.current(case)
    return CaseSafety(record, safety.reports_of(case), _bail_soon(case, record))


def _bail_soon(case, record: SafetyRecord | None) -> bool:
    if record is None or record.release != Release.BAIL:
        return False
    return safety.bail_due_soon(record.bail_date, london_date(utcnow()), case.force_country)


def for_caseload(rows) -> tuple[list, dict]:
    """The rows with every case that has an open report first (a report is the most urgent
    thing there is), and each case's safety by id, in two queries for the whole caseload."""
    ids = [row.case.id for row in rows]
    reported = set(
        db.session.scalars(
            select(SafetyReport.case_id).where(
                SafetyReport.case_id.in_(ids), SafetyReport.handled_at.is_(None)
            )
        )
    )
    latest: dict = {}
    for record in db.session.scalars(
        select(SafetyRecord)
        .where(SafetyRecord.case_id.in_(ids))
        .order_by(SafetyRecord.recorded_at, SafetyRecord.id)
    ):
        latest[record.case_id] = record  # the newest wins
    flags = {
        row.case.id: CaseSafety(
            latest.get(row.case.id),
            [],
            _bail_soon(row.case, latest.get(row.case.id)),
        )
        for row in rows
    }
    ordered = [r for r in rows if r.case.id in reported] + [
        r for r in rows if r.case.id not in reported
    ]
    return ordered, {"flags": flags, "reported": reported}


@bp.route("/cases/<uuid:case_id>/safety", methods=["GET", "POST"])
def record_safety(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = SafetyForm()
    if form.validate_on_submit():
        safety.record(case, form.conditions(), current_user)
        flash(_("Saved. Tell them in an update: record the event below."))
        return redirect(url_for("staff.case_page", case_id=case.id, _anchor="safety"), code=303)
    return render_template("staff/safety/form.html", case=case, form=form)


@bp.post("/cases/<uuid:case_id>/safety-reports/<uuid:report_id>/handled")
def safety_report_handled(case_id: uuid.UUID, report_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    row = db.session.get(SafetyReport, report_id)
    if row is None or row.case_id != case.id:
        abort(404)
    safety.handled(case, row, current_user)
    flash(_("Marked as called."))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)
