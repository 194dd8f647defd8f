"""The victim's feedback forms. Every question may be skipped; none is ever required."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovTextArea
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from portal.data.models import Clarity
from portal.rules.feedback import COMMENT_MAX_LENGTH

CLARITY_CHOICES = [
    SelectChoice(Clarity.YES.value, _l("Yes")),
    SelectChoice(Clarity.PARTLY.value, _l("Partly")),
    SelectChoice(Clarity.NO.value, _l("No")),
]
SCALE_CHOICES = [
    SelectChoice("5", _l("Strongly agree")),
    SelectChoice("4", _l("Agree")),
    SelectChoice("3", _l("Neither agree nor disagree")),
    SelectChoice("2", _l("Disagree")),
    SelectChoice("1", _l("Strongly disagree")),
]


class ClarityForm(FlaskForm):
    answer = RadioField(
        _l("Was this message clear?"),
        choices=CLARITY_CHOICES,
        widget=GovRadioInput(),
        validators=[Optional()],  # "Skip" is its own button; the view asks for one or other
    )
    comment = TextAreaField(
        _l("Anything you want to tell your officer about this message? (optional)"),
        description=_l("Only your officer will read this."),
        widget=GovTextArea(),
        validators=[
            Optional(),
            Length(
                max=COMMENT_MAX_LENGTH,
                message=_l("What you write must be 1000 characters or fewer"),
            ),
        ],
    )


def _scale(label) -> RadioField:
    return RadioField(label, choices=SCALE_CHOICES, widget=GovRadioInput(), validators=[Optional()])


class CheckForm(FlaskForm):
    kept_informed = _scale(_l("I have been kept informed about what is happening."))
    respect = _scale(_l("I have been treated with respect."))
    fairness = _scale(_l("I have been treated fairly."))
