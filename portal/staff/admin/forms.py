"""Forms for managing staff accounts and teams."""

from __future__ import annotations

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
from wtforms.validators import DataRequired, Email, Length

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
            Length(max=254),
        ],
    )
    display_name = StringField(
        _l("Name and rank, as victims will see it"),
        description=_l("For example, DC Priya Shah"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter a name")), Length(max=120)],
    )
    submit = SubmitField(_l("Create account"), widget=GovSubmitInput())


class TeamForm(FlaskForm):
    name = StringField(
        _l("Team name"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter a team name")), Length(max=120)],
    )
    submit = SubmitField(_l("Add team"), widget=GovSubmitInput())
