"""The officer's pages: caseload, a case, a new case and its invitation, questions, rights."""

from __future__ import annotations

import uuid

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.data import review_queries
from portal.data.models import CaseStatus, MessageKind, utcnow
from portal.data.scoping import get_case_or_404, get_message_or_404
from portal.notifications.delivery_status import notification_flags_for, notification_status
from portal.rules import access_reissue, belongings, pauses
from portal.rules import records_requests as records_rules
from portal.rules import review as review_rules
from portal.rules import safety as safety_rules
from portal.rules.feedback import clarity_answers
from portal.rules.victims_code import london_date
from portal.staff import bp, cases, queries
from portal.staff import safety as case_safety
from portal.staff.forms import NewCaseForm, ReplyForm, RightsForm


@bp.get("/")
def caseload():
    # A page number that is not a whole number from 1 up shows the first page; one past
    # the last page is not found.
    number = request.args.get("page", 1, type=int)
    page = queries.caseload(current_user, utcnow(), number if number >= 1 else 1)
    if page.number > page.pages:
        abort(404)
    rows, safety = case_safety.for_caseload(page.rows)
    return render_template(
        "staff/caseload.html",
        rows=rows,
        page=page,
        safety=safety,
        safety_reports=safety_rules.open_reports(current_user),
        notification_flags=notification_flags_for([row.case for row in rows]),
        pause_flags=pauses.caseload_flags(current_user, utcnow()),
        records_answers=records_rules.answers_waiting_by_case([row.case.id for row in rows]),
        closed=cases.recently_closed(current_user),
        belongings_overdue=belongings.overdue_case_ids(current_user, london_date(utcnow())),
        now=utcnow(),
    )


@bp.get("/cases/<uuid:case_id>")
def case_page(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    cases.open_case(case)
    return render_case(case)


def render_case(case, reply_form=None, rights_form=None, status: int = 200):
    now = utcnow()
    messages = queries.case_messages(case)
    calls = [m for m in messages if m.kind == MessageKind.CALL_REQUEST and m.read_at is None]
    obligations = queries.open_obligations(case)
    published = queries.case_updates(case)
    return render_template(
        "staff/case.html",
        case=case,
        victim=case.victim,
        updates=published,
        clarity=clarity_answers(case, published, current_user),
        notifications=notification_status(case),
        obligations=obligations,
        routine=queries.routine_deadline(case),
        messages=messages,
        call_requests=calls,
        rights=queries.rights_records(case),
        reissue=access_reissue.latest_for(case.victim),
        safety=case_safety.for_case(case),
        cps_reviews=review_queries.cps_requests(case),
        cps_answer_by=review_rules.cps_answer_expected_by,
        pause_request=pauses.for_officer(case, now),
        records_requests=records_rules.for_case(case),
        # A form sent back with its errors, or None: the blank one is a fragment, made
        # only when it is first rendered (the rights form lists hundreds of languages).
        reply_form=reply_form,
        rights_form=rights_form,
        blank_reply=_blank(ReplyForm),
        blank_rights=_blank(RightsForm),
        form=reply_form or rights_form,
        now=now,
    ), status


def _blank(form_class):
    """The values of a blank form's fragment (portal.web.fragments), made when it needs them."""
    return lambda: {"form": form_class(formdata=None)}


@bp.route("/cases/new", methods=["GET", "POST"])
def new_case():
    form = NewCaseForm()
    if form.validate_on_submit():
        details = cases.NewCase(**{name: form[name].data for name in cases.NewCase.__annotations__})
        try:
            case, code = cases.create_case(details, current_user)
        except cases.DuplicateReference:
            form.crime_reference.errors.append(
                _("A case with this crime reference number already exists")
            )
        else:
            # Shown in this response only: the code is stored hashed and never shown again.
            return render_template("staff/activation_code.html", case=case, code=code, new=True)
    return render_template("staff/new_case.html", form=form)


@bp.post("/cases/<uuid:case_id>/activation-code")
def issue_code(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    try:
        code = cases.issue_new_code(case)
    except cases.NeedsApproval:
        # Set up already: a new code would hand over the account, so it needs a
        # supervisor's approval. Nothing is changed here.
        return redirect(url_for("staff.request_reissue", case_id=case.id), code=303)
    return render_template("staff/activation_code.html", case=case, code=code, new=False)


@bp.get("/cases/<uuid:case_id>/close")
def close_form(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    retention_days = current_app.config["SETTINGS"].retention_days
    return render_template("staff/close.html", case=case, retention_days=retention_days)


@bp.post("/cases/<uuid:case_id>/close")
def close_case(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    if case.status == CaseStatus.OPEN:
        cases.close(case)
        flash(_("Case closed."))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


@bp.post("/cases/<uuid:case_id>/reopen")
def reopen_case(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    if case.status == CaseStatus.CLOSED:
        cases.reopen(case)
        flash(_("Case reopened."))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


@bp.post("/cases/<uuid:case_id>/reply")
def reply(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        return render_case(case, reply_form=form)
    cases.reply(case, form.body.data, current_user)
    flash(_("Reply sent."))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


@bp.post("/cases/<uuid:case_id>/calls/<uuid:message_id>/done")
def call_done(case_id: uuid.UUID, message_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    cases.call_request_done(case, get_message_or_404(current_user, message_id))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


@bp.post("/cases/<uuid:case_id>/questions/answered")
def questions_answered(case_id: uuid.UUID):
    """The officer answered the open questions by phone or in person: they stop waiting."""
    case = get_case_or_404(current_user, case_id)
    if cases.questions_answered_another_way(case):
        flash(_("Their questions are marked as answered."))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


@bp.post("/cases/<uuid:case_id>/rights")
def record_rights(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = RightsForm()
    if not form.validate_on_submit():
        return render_case(case, rights_form=form)
    cases.record_offer(
        case,
        form.offer.data,
        form.offered_on.data,
        form.response.data,
        current_user,
        language=form.chosen_language(),
    )
    flash(_("Offer recorded."))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


from portal.staff import records_requests, reissue, supervisor, updates  # noqa: E402, F401  (their routes register here)
