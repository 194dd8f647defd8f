"""Forms for supporters: accepting an invitation and signing in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovSubmitInput,
    GovTextInput,
)
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length

from portal.web.sign_in_forms import one_time_code_field, sign_in_passphrase_field

LABEL_MAX = 60
EMAIL_MAX = 254
CODE_WORD_MIN = 4
CODE_WORD_MAX = 40


class InvitationCodeForm(FlaskForm):
    code = one_time_code_field(
        _l("The person who invited you gave it to you, for example K7PQW-3MXRT-9ACHE-UV4DY.")
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class SupporterSignInForm(FlaskForm):
    access_id = StringField(
        _l("Access ID"),
        description=_l("Your access ID looks like B-7KQ4-MX3P."),
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter your access ID")),
            Length(max=40, message=_l("That is too long to be an access ID")),
        ],
    )
    passphrase = sign_in_passphrase_field()
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())
