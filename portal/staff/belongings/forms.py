"""The officer's forms for an item taken, and for its status."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from portal.rules.belongings import (
    BASIS_LABELS,
    DATA_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
)
from portal.web.date_field import DayMonthYearField
from portal.web.validators import MaxLength

DESCRIPTION_LIMIT = 200
REASON_LIMIT = 1000


class ItemForm(FlaskForm):
    kind = RadioField(
        _l("What was taken"),
        choices=[SelectChoice(*pair) for pair in KIND_LABELS.items()],
        validators=[DataRequired(_l("Select what was taken"))],
        widget=GovRadioInput(),
    )
    description = StringField(
        _l("Describe it, so the victim knows which item it is (optional)"),
        validators=[Optional(), MaxLength(DESCRIPTION_LIMIT)],
        widget=GovTextInput(),
    )
    basis = RadioField(
        _l("Why the police have it"),
        choices=[SelectChoice(*pair) for pair in BASIS_LABELS.items()],
        validators=[DataRequired(_l("Select why the police have it"))],
        widget=GovRadioInput(),
    )
    taken_on = DayMonthYearField(
        _l("Date it was taken"), validators=[DataRequired(_l("Enter the date it was taken"))]
    )
    scope_from = DayMonthYearField(_l("A device only: look at data from"), validators=[Optional()])
    scope_to = DayMonthYearField(_l("A device only: look at data up to"), validators=[Optional()])
    scope_data = SelectMultipleField(
        _l("A device only: the kinds of data that will be looked at"),
        choices=[SelectChoice(*pair) for pair in DATA_LABELS.items()],
        validators=[Optional()],
        widget=GovCheckboxesInput(),
    )
    scope_reason = StringField(
        _l("A device only: why, in plain words the victim will understand"),
        validators=[Optional(), MaxLength(REASON_LIMIT)],
        widget=GovTextArea(),
    )
    target_return_on = DayMonthYearField(
        _l("Target date to give it back"),
        validators=[DataRequired(_l("Enter the target date to give it back"))],
    )
    submit = SubmitField(_l("Record the item"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        taken, back = self.taken_on.data, self.target_return_on.data
        if taken and back and back < taken:
            self.target_return_on.errors.append(
                _l("The target date to give it back cannot be before the date it was taken")
            )
            valid = False
        return valid


class StatusForm(FlaskForm):
    status = RadioField(
        _l("Where the item is now"),
        choices=[SelectChoice(*pair) for pair in STATUS_LABELS.items()],
        validators=[DataRequired(_l("Select where the item is now"))],
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Save and tell the victim"), widget=GovSubmitInput())


SCOPE_ERRORS = {
    "dates": ("scope_from", _l("For a device, enter the dates of the data that will be looked at")),
    "order": ("scope_to", _l("The last date of the data must be after the first date")),
    "data": ("scope_data", _l("For a device, select the kinds of data that will be looked at")),
    "why": (
        "scope_reason",
        _l("For a device, say why this data is needed; “everything” is not a reason"),
    ),
}
