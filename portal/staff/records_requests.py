"""The officer records a request to a third party for the victim's records, and deals
with her answer. Recording it sends her a notice (portal/victim/records_requests.py) and a
notification that says only that there is news (never what it is about).

Each change is one transaction with its audit event; the audit carries the kind of
holder and the kind of answer, never what anyone wrote.
"""

from __future__ import annotations

import uuid

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from portal.data import audit
from portal.data.models import RecordsRequest, utcnow
from portal.data.outbox import enqueue_for_case
from portal.data.scoping import get_case_or_404, get_records_request_or_404
from portal.extensions import db
from portal.rules.records_requests import HOLDERS
from portal.staff import bp

TEXT_LIMIT = 2000
TOO_LONG = _l("Keep it to 2000 characters or fewer")


def _required(message):
    # After the strip filter, so that spaces alone count as nothing written.
    return [DataRequired(message), Length(max=TEXT_LIMIT, message=TOO_LONG)]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class RecordsRequestForm(FlaskForm):
    holder = RadioField(
        _l("Who holds the records?"),
        choices=[SelectChoice(value, label) for value, label in HOLDERS],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select who holds the records"))],
    )
    what = TextAreaField(
        _l("What are you asking for?"),
        description=_l("In plain words: which records, and for which dates."),
        widget=GovTextArea(),
        filters=[_strip],
        validators=_required(_l("Enter what you are asking for")),
    )
    reason = TextAreaField(
        _l("Why do you need them?"),
        description=_l(
            "They will read this. A request must be needed for a line of inquiry in this "
            "case, never made as a matter of routine, so you cannot record one without "
            "saying why."
        ),
        widget=GovTextArea(),
        filters=[_strip],
        validators=_required(_l("Enter why you need these records")),
    )
    who_will_see = TextAreaField(
        _l("Who will see them?"),
        description=_l("For example: the investigating team, and the CPS lawyer if it is charged."),
        widget=GovTextArea(),
        filters=[_strip],
        validators=_required(_l("Enter who will see the records")),
    )
    submit = SubmitField(_l("Record the request and tell them"), widget=GovSubmitInput())


@bp.route("/cases/<uuid:case_id>/records-requests/new", methods=["GET", "POST"])
def new_records_request(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = RecordsRequestForm()
    if form.validate_on_submit():
        record_request(case, form, current_user)
        flash(_("Request recorded. They have been sent a notice about it."))
        return redirect(url_for("staff.case_page", case_id=case.id), code=303)
    return render_template("staff/records_requests/new.html", case=case, form=form)


@bp.post("/cases/<uuid:case_id>/records-requests/<uuid:records_request_id>/dealt-with")
def records_answer_dealt_with(case_id: uuid.UUID, records_request_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    found = get_records_request_or_404(current_user, records_request_id)
    if found.case_id == case.id and found.answer_waiting:
        found.answer_dealt_with_at = utcnow()
        found.answer_dealt_with_by_id = current_user.id
        audit.record(
            "case.records_answer_dealt_with",
            case_id=case.id,
            subject=found,
            detail={"response": found.answer},
        )
        db.session.commit()
        flash(_("Their answer is marked as dealt with."))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


def record_request(case, form: RecordsRequestForm, officer) -> RecordsRequest:
    """The request, its audit event and her notification, in one transaction."""
    found = RecordsRequest(case=case, holder=form.holder.data, recorded_by_id=officer.id)
    found.ensure_id()
    found.what = form.what.data
    found.reason = form.reason.data
    found.who_will_see = form.who_will_see.data
    db.session.add(found)
    enqueue_for_case(case, "records_request")
    audit.record(
        "case.records_request_recorded",
        case_id=case.id,
        subject=found,
        detail={"holder": found.holder},
    )
    db.session.commit()
    return found
