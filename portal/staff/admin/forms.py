"""Forms for managing staff accounts and teams."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Optional, ValidationError

from portal.rules.officers import RANKS, is_collar_number
from portal.web.validators import MaxLength

ROLE_CHOICES = [
    SelectChoice("officer", _l("Officer: sees the cases assigned to them")),
    SelectChoice("supervisor", _l("Supervisor: sees their team's cases and compliance figures")),
    SelectChoice("admin", _l("Admin: manages staff accounts, never sees case content")),
]


class RoleForm(FlaskForm):
    role = RadioField(
        _l("Role"),
        choices=ROLE_CHOICES,
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select a role"))],
    )
    team = SelectField(_l("Team"), choices=[], widget=GovSelect(), validate_choice=True)
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    def set_teams(self, teams) -> None:
        self.team.choices = [SelectChoice("", _l("No team"))] + [
            SelectChoice(str(t.id), t.name) for t in teams
        ]


class NewStaffForm(RoleForm):
    email = StringField(
        _l("Work email address"),
        widget=GovTextInput(),
        validators=[
            DataRequired(_l("Enter a work email address")),
            Email(_l("Enter an email address in the correct format, like name@force.police.uk")),
            MaxLength(254),
        ],
    )
    display_name = StringField(
        _l("Name and rank, as victims will see it"),
        description=_l("For example, DC Priya Shah"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter a name")), MaxLength(120)],
    )
    submit = SubmitField(_l("Create account"), widget=GovSubmitInput())


class TeamForm(FlaskForm):
    name = StringField(
        _l("Team name"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter a team name")), MaxLength(120)],
    )
    submit = SubmitField(_l("Add team"), widget=GovSubmitInput())


class OfficerDetailsForm(FlaskForm):
    """What a victim is shown about her officer, beside the name (portal.rules.officers)."""

    rank = SelectField(
        _l("Rank"),
        choices=[SelectChoice("", _l("No rank shown"))]
        + [SelectChoice(code, words) for code, words in RANKS],
        widget=GovSelect(),
        validate_choice=True,
    )
    collar_number = StringField(
        _l("Collar number (optional)"),
        description=_l("The number on their uniform, for example 4321 or CW1234"),
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(12)],
    )
    contact_phone = StringField(
        _l("Work phone number victims can call (optional)"),
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(30)],
    )
    contact_hours = StringField(
        _l("When victims can call (optional)"),
        description=_l("For example, Monday to Friday, 9am to 5pm"),
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(200)],
    )
    submit = SubmitField(_l("Save details"), widget=GovSubmitInput())

    def validate_collar_number(self, field):
        if field.data and not is_collar_number(field.data):
            raise ValidationError(
                _l("Enter a collar number of digits, with up to 3 letters first, like 4321")
            )

    def validate_contact_phone(self, field):
        if field.data and not re.fullmatch(r"\+?[\d ()-]{7,25}", field.data):
            raise ValidationError(_l("Enter a phone number, like 0300 123 4567"))
