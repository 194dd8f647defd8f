"""One form per item: ask for it back, or ask a question about it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from portal.victim.questions import QUESTION_MAX_LENGTH

BACK = "back"
QUESTION = "question"


class ItemRequestForm(FlaskForm):
    want = RadioField(
        _l("What would you like to do?"),
        choices=[
            SelectChoice(BACK, _l("Ask for it back")),
            SelectChoice(QUESTION, _l("Ask a question about it")),
        ],
        validators=[DataRequired(_l("Select what you would like to do"))],
        widget=GovRadioInput(),
    )
    body = TextAreaField(
        _l("Anything you want to add (you can leave this empty if you are asking for it back)"),
        widget=GovCharacterCount(),
        validators=[
            Length(
                max=QUESTION_MAX_LENGTH,
                message=_l("Your message must be 2000 characters or fewer"),
            )
        ],
    )
    submit = SubmitField(_l("Send to your officer"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.want.data == QUESTION and not (self.body.data or "").strip():
            self.body.errors.append(_l("Enter your question"))
            valid = False
        return valid
