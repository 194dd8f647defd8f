"""The officer's form for the suspect's release and the conditions that protect the victim."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, ValidationError

from portal.data.models import Release
from portal.rules.safety import Conditions
from portal.web.date_field import DayMonthYearField
from portal.web.validators import MaxLength

SHORT_LIMIT = 300
TEXT_LIMIT = 2000


class SafetyForm(FlaskForm):
    release = RadioField(
        _l("How was the suspect released?"),
        choices=[
            SelectChoice(Release.BAIL.value, _l("On bail, with a date to come back")),
            SelectChoice(
                Release.UNDER_INVESTIGATION.value,
                _l("Released under investigation: no bail and no conditions"),
            ),
        ],
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select how the suspect was released"))],
    )
    bail_date = DayMonthYearField(
        _l("Bail date: the day the suspect must come back"),
        description=_l("For example, 27 3 2026. The conditions end on this day."),
        validators=[Optional()],
    )
    views = TextAreaField(
        _l("Their views on the conditions, asked before you set them"),
        widget=GovTextArea(),
        validators=[MaxLength(TEXT_LIMIT)],
    )
    views_not_asked = TextAreaField(
        _l("Or, why they could not be asked"),
        widget=GovTextArea(),
        validators=[MaxLength(TEXT_LIMIT)],
    )
    no_contact = BooleanField(
        _l("No contact: the suspect must not contact them in any way"),
        widget=GovCheckboxInput(),
    )
    keep_away = StringField(
        _l("Keep away from (optional)"),
        description=_l("In plain words, as they will read it: a street, a town, their work."),
        widget=GovTextInput(),
        validators=[MaxLength(SHORT_LIMIT)],
    )
    curfew = StringField(
        _l("Curfew (optional)"),
        description=_l("In plain words: the hours, and where the suspect must be."),
        widget=GovTextInput(),
        validators=[MaxLength(SHORT_LIMIT)],
    )
    other = TextAreaField(
        _l("Other conditions (optional)"),
        description=_l("In plain words, one condition a line."),
        widget=GovTextArea(),
        validators=[MaxLength(TEXT_LIMIT)],
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    @property
    def on_bail(self) -> bool:
        return self.release.data == Release.BAIL

    def _has_conditions(self) -> bool:
        return bool(
            self.no_contact.data
            or (self.keep_away.data or "").strip()
            or (self.curfew.data or "").strip()
            or (self.other.data or "").strip()
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Here, not in the field's chain: Optional() ends that chain on an empty date, and
        # the date may be empty only when the suspect is not on bail.
        if self.on_bail and self.bail_date.data is None and not self.bail_date.errors:
            self.bail_date.errors = [_l("Enter the bail date, like 27 3 2026")]
            valid = False
        return valid

    def validate_views(self, field):
        # PACE 1984 as amended by the PCSC Act 2022: her views come before the conditions.
        asked = (field.data or "").strip() or (self.views_not_asked.data or "").strip()
        if self.on_bail and not asked:
            raise ValidationError(
                _l("Enter their views on the conditions, or why they could not be asked")
            )

    def validate_no_contact(self, field):
        if self.release.data == Release.UNDER_INVESTIGATION and self._has_conditions():
            raise ValidationError(
                _l(
                    "Released under investigation there are no bail conditions. Clear the "
                    "conditions, or choose On bail"
                )
            )

    def conditions(self) -> Conditions:
        return Conditions(
            release=self.release.data,
            bail_date=self.bail_date.data,
            no_contact=bool(self.no_contact.data),
            keep_away=self.keep_away.data or "",
            curfew=self.curfew.data or "",
            other=self.other.data or "",
            views=self.views.data or "",
            views_not_asked=self.views_not_asked.data or "",
        )
