"""A notice to the victim that the police have asked someone for her records, behind a
content note, and her answer to it: an objection or a question, which reaches her
officer as an action on the case page and in the caseload.

She answers once from the notice; after that the page shows her answer, and anything
more goes to her officer as a question.
"""

from __future__ import annotations

import uuid

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from portal.data import audit
from portal.data.models import RecordsAnswer, utcnow
from portal.data.scoping import get_records_request_or_404
from portal.extensions import db
from portal.rules.records_requests import ANSWERS
from portal.victim import bp

ANSWER_MAX_LENGTH = 2000
SENT = _l("Your answer has been sent to your officer. They will contact you about it.")
GUIDE_SLUG = "counselling-and-your-records"


class RecordsAnswerForm(FlaskForm):
    answer = RadioField(
        _l("What do you want to say?"),
        choices=[SelectChoice(value, label) for value, label in ANSWERS],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select what you want to say"))],
    )
    text = TextAreaField(
        _l("Tell your officer more (optional if you are objecting)"),
        description=_l("For example, why you do not want them shared, or what you want to know."),
        widget=GovCharacterCount(),
        validators=[
            Length(
                max=ANSWER_MAX_LENGTH,
                message=_l("Your answer must be 2000 characters or fewer"),
            )
        ],
    )
    submit = SubmitField(_l("Send to my officer"), widget=GovSubmitInput())

    def validate_text(self, field):
        if self.answer.data == RecordsAnswer.QUESTION and not (field.data or "").strip():
            raise ValidationError(_l("Enter your question"))


@bp.get("/records-requests/<uuid:records_request_id>")
def records_request(records_request_id: uuid.UUID):
    found = get_records_request_or_404(current_user, records_request_id)
    if request.args.get("note") != "seen":
        return render_template("victim/records_requests/content_note.html", found=found)
    if found.read_at is None:
        found.read_at = utcnow()
        db.session.commit()
    return _notice(found, RecordsAnswerForm(formdata=None))


@bp.post("/records-requests/<uuid:records_request_id>")
def answer_records_request(records_request_id: uuid.UUID):
    found = get_records_request_or_404(current_user, records_request_id)
    if found.answered_at is not None:  # answered already: the page shows what she said
        return redirect(_notice_url(found), 303)
    form = RecordsAnswerForm()
    if not form.validate_on_submit():
        return _notice(found, form)
    found.answer = form.answer.data
    found.answer_text = (form.text.data or "").strip() or None
    found.answered_at = utcnow()
    found.read_at = found.read_at or found.answered_at
    audit.record(
        "victim.records_request_answered",
        case_id=found.case_id,
        subject=found,
        actor=current_user._get_current_object(),
        detail={"response": found.answer},
    )
    db.session.commit()
    flash(SENT)
    return redirect(_notice_url(found), 303)


def _notice_url(found) -> str:
    return url_for("victim.records_request", records_request_id=found.id, note="seen")


def _notice(found, form):
    return render_template(
        "victim/records_requests/notice.html",
        found=found,
        form=form,
        # The guide in the language the page is in: every guide exists in all six.
        guide_url=url_for("guides.guide_page", lang=str(get_locale()), slug=GUIDE_SLUG),
    )
