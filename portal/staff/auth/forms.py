"""Forms for staff sign-in, enrolment and choosing a password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo

from portal.web.validators import MaxLength


class SignInForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter your email address")), MaxLength(254)],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[DataRequired(_l("Enter your password")), MaxLength(1000)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        description=_l("The 6-digit code, for example 123456"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter the 6-digit code from your authenticator app"))],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class NewPasswordForm(FlaskForm):
    reset_code = StringField(
        _l("Code from your email"),
        description=_l("For example, K7PQW-3MXRT-9ACHE-UV4DY"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter the code from your email")), MaxLength(100)],
    )
    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A few unrelated words together work well."),
        widget=GovPasswordInput(),
        validators=[DataRequired(_l("Enter a new password")), MaxLength(1000)],
    )
    confirm = PasswordField(
        _l("Type the new password again"),
        widget=GovPasswordInput(),
        validators=[
            DataRequired(_l("Type the new password again")),
            EqualTo("password", _l("The two passwords do not match")),
        ],
    )
    code = StringField(
        _l("Code from your authenticator app"),
        description=_l("Only if you have already set up an authenticator app for this account"),
        validators=[MaxLength(20)],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Save password"), widget=GovSubmitInput())
