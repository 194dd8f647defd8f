"""The forms a victim fills in to activate, sign in and sign out."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length

from portal.web.sign_in_forms import one_time_code_field, sign_in_passphrase_field


class ActivationCodeForm(FlaskForm):
    code = one_time_code_field(
        _l("It is on the note your officer gave you, for example K7PQW-3MXRT-9ACHE-UV4DY.")
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class SignInForm(FlaskForm):
    identifier = StringField(
        _l("Access ID or email address"),
        description=_l("Your access ID looks like B-7KQ4-MX3P."),
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter your access ID or email address")),
            Length(max=254, message=_l("That is too long to be an access ID or email address")),
        ],
    )
    passphrase = sign_in_passphrase_field()
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())
