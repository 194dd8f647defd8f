"""Forms for recording a review's steps: acknowledging it and deciding it."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import DateField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from portal.data.models import ReviewOutcome
from portal.web.date_field import DayMonthYearField

NOTE_MAX_LENGTH = 2000


class _StepForm(FlaskForm):
    """A step recorded with the day it happened: not in the future, not before the request."""

    def check_day(self, field: DateField, earliest: date, today: date) -> bool:
        if field.errors or field.data is None:
            return False
        if field.data > today:
            field.errors.append(_l("The date must be today or in the past"))
            return False
        if field.data < earliest:
            field.errors.append(_l("The date cannot be before the request was received"))
            return False
        return True


class AcknowledgeForm(_StepForm):
    acknowledged_on = DayMonthYearField(
        _l("Date the request was acknowledged"),
        description=_l("For example, 27 3 2026"),
        validators=[InputRequired(_l("Enter the date the request was acknowledged"))],
    )
    submit = SubmitField(_l("Record acknowledgement"), widget=GovSubmitInput())


class DecisionForm(_StepForm):
    outcome = RadioField(
        _l("Outcome of the review"),
        choices=[
            SelectChoice(
                ReviewOutcome.UPHELD.value, _l("Upheld: the decision not to charge stands")
            ),
            SelectChoice(
                ReviewOutcome.OVERTURNED.value, _l("Overturned: the decision has been changed")
            ),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select the outcome of the review"))],
    )
    decided_on = DayMonthYearField(
        _l("Date the decision was made"),
        description=_l("For example, 27 3 2026"),
        validators=[InputRequired(_l("Enter the date the decision was made"))],
    )
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())
