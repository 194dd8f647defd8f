"""Supervisor pages: the team's Code compliance, its CSV export, reassignment, case audit,
and approving changes to their own officers' accounts that wait for a second person."""

from __future__ import annotations

import uuid

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.data import audit
from portal.data.models import StaffChange, utcnow
from portal.data.scoping import get_case_or_404
from portal.extensions import db
from portal.rules import (
    access_reissue,
    belongings,
    compliance,
    pauses,
    questions,
    reassignment,
    records_requests,
    safety,
)
from portal.rules import pcc_export as pcc
from portal.rules import review as review_rules
from portal.rules.publishing import PublishFailed
from portal.rules.victims_code import event_rule, london_date
from portal.staff import approvals, bp, queries
from portal.staff.approvals_view import decide, describe
from portal.staff.dashboard_rows import tally_rows
from portal.staff.forms import PERIOD_ERRORS, PccExportForm, ReassignForm
from portal.web.access import only


def _team_name() -> str:
    return current_user.team.name if current_user.team else ""


def _reassign_form(case) -> ReassignForm:
    form = ReassignForm(formdata=None, data={"officer_id": str(case.officer_id)})
    form.officer_id.choices = [
        SelectChoice(str(o.id), o.display_name) for o in queries.team_officers(current_user)
    ]
    return form


@bp.get("/dashboard")
@only("supervisor")
def dashboard():
    now = utcnow()
    overdue, due_today = compliance.open_items(current_user, now)
    return render_template(
        "staff/dashboard.html",
        figures=compliance.timeliness(current_user, now),
        overdue=overdue,
        due_today=due_today,
        routine_late=compliance.routine_overdue(current_user, now),
        open_questions=questions.open_questions(current_user),
        event_label=_event_labels(),
        tally_rows=tally_rows,
        team_name=_team_name(),
        columns=compliance.CSV_COLUMNS,
        reviews=review_rules.open_reviews_with_progress(current_user, now),
        waiting=approvals.waiting_for(current_user),
        describe=describe,
        reissue_requests=access_reissue.waiting_for_decision(current_user),
        reissue_disputes=access_reissue.open_disputes(current_user),
        pause_counts=pauses.counts_by_stage(current_user),
        safety_reports=safety.open_reports(current_user),
        records_counts=records_requests.counts(current_user),
        belongings_overdue=belongings.overdue_items(current_user, london_date(now)),
        belongings_rules=belongings,
        now=now,
    )


@bp.post("/changes/<uuid:change_id>/<any('approve', 'refuse'):decision>")
@only("supervisor")
def decide_change(change_id: uuid.UUID, decision: str):
    change = db.session.get(StaffChange, change_id)
    if change is None:
        abort(404)
    decide(change, decision)
    return redirect(url_for("staff.dashboard"), code=303)


def _event_label(value: str) -> str:
    try:
        return str(event_rule(value).staff_label)
    except KeyError:
        return value


def _event_labels():
    """`_event_label`, each event type's label translated once for the page: the
    dashboard names the same few types in every list and table."""
    labels: dict[str, str] = {}

    def label(value: str) -> str:
        if value not in labels:
            labels[value] = _event_label(value)
        return labels[value]

    return label


@bp.get("/dashboard/compliance.csv")
@only("supervisor")
def compliance_csv():
    now = utcnow()
    body = compliance.to_csv(compliance.timeliness(current_user, now), _team_name())
    audit.record("compliance.csv_downloaded", detail={"team_id": str(current_user.team_id)})
    db.session.commit()
    filename = f"code-compliance-{now.date().isoformat()}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/dashboard/pcc-export")
@only("supervisor")
def pcc_export():
    """The form for the period and, once it is filled in, the ZIP of CSV files."""
    if not request.args:
        return render_template("staff/pcc_export.html", form=PccExportForm(formdata=None))
    form = PccExportForm(formdata=request.args)
    if not form.validate():
        return render_template("staff/pcc_export.html", form=form), 400
    now = utcnow()
    try:
        period = pcc.check_period(form.first_day.data, form.last_day.data, london_date(now))
    except pcc.PeriodError as error:
        form.last_day.errors = [*form.last_day.errors, PERIOD_ERRORS[error.reason]]
        return render_template("staff/pcc_export.html", form=form), 400
    body = pcc.to_zip(current_user, period, _team_name(), now)
    audit.record(
        "compliance.pcc_export_downloaded",
        detail={
            "team_id": str(current_user.team_id),
            "first_day": period.first.isoformat(),
            "last_day": period.last.isoformat(),
            "schema_version": pcc.SCHEMA_VERSION,
        },
    )
    db.session.commit()
    filename = f"pcc-export-{period.first.isoformat()}-to-{period.last.isoformat()}.zip"
    return Response(
        body,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/cases/<uuid:case_id>/reassign")
@only("supervisor")
def reassign_form(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    return render_template("staff/reassign.html", case=case, form=_reassign_form(case))


@bp.post("/cases/<uuid:case_id>/reassign")
@only("supervisor")
def reassign(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = ReassignForm()
    officers = {str(o.id): o for o in queries.team_officers(current_user)}
    form.officer_id.choices = [SelectChoice(k, o.display_name) for k, o in officers.items()]
    if not form.validate_on_submit():
        return render_template("staff/reassign.html", case=case, form=form), 400
    new_officer = officers[form.officer_id.data]
    if new_officer.id == case.officer_id:
        form.officer_id.errors.append(_("The case is already with this officer"))
        return render_template("staff/reassign.html", case=case, form=form), 400
    try:
        reassignment.reassign(case, new_officer, form.reason.data, current_user)
    except PublishFailed:
        flash(_("The case could not be reassigned. Nothing was changed. Try again."))
        return redirect(url_for("staff.reassign_form", case_id=case.id), code=303)
    flash(
        _(
            "Case reassigned to %(name)s. The person has been sent an update saying who "
            "their new officer is and why.",
            name=new_officer.display_name,
        )
    )
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


@bp.get("/cases/<uuid:case_id>/audit")
@only("supervisor")
def case_audit(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    events = queries.case_audit(case)
    # Reading who did what on a case is itself a read of the case: it is recorded too.
    audit.record("case.audit_viewed", case_id=case.id, subject=case)
    db.session.commit()
    return render_template("staff/audit.html", case=case, events=events)
