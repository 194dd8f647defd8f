"""Forms for the victim who shares: inviting a supporter, and the code word."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional

from portal.rules.support_grants import KINDS, SCOPES

LABEL_MAX = 60
EMAIL_MAX = 254
CODE_WORD_MIN = 4
CODE_WORD_MAX = 40


class InviteForm(FlaskForm):
    label = StringField(
        _l("What do you call this person?"),
        description=_l("Only you will see this name, for example “Jo, my ISVA”."),
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter a name for the person you are inviting")),
            Length(max=LABEL_MAX, message=_l("The name must be 60 characters or fewer")),
        ],
    )
    kind = RadioField(
        _l("Who are they?"),
        choices=[SelectChoice(str(value), text) for value, text in KINDS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select who they are"))],
    )
    scope = RadioField(
        _l("What may they see?"),
        choices=[SelectChoice(str(value), text) for value, text in SCOPES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select what they may see"))],
    )
    email = StringField(
        _l("Their email address (optional)"),
        description=_l(
            "We will email them the code and how to use it, and nothing about you or your "
            "report. Leave this empty to give them the code yourself."
        ),
        widget=GovTextInput(),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            Optional(),
            Length(max=EMAIL_MAX, message=_l("Email address must be 254 characters or fewer")),
            Email(
                message=_l("Enter an email address in the correct format, like name@example.com"),
                check_deliverability=False,
            ),
        ],
    )
    submit = SubmitField(_l("Make an invitation code"), widget=GovSubmitInput())


class CodeWordForm(FlaskForm):
    code_word = StringField(
        _l("Your code word"),
        description=_l("A word only you would know, for example the name of a favourite place."),
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter a code word")),
            Length(min=CODE_WORD_MIN, message=_l("Your code word must be at least 4 characters")),
            Length(max=CODE_WORD_MAX, message=_l("Your code word must be 40 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Save my code word"), widget=GovSubmitInput())
