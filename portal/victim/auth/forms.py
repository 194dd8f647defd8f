"""The forms a victim fills in to activate, sign in and sign out."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

PASSPHRASE_MIN = 8
PASSPHRASE_MAX = 128


def one_time_code_field(description) -> StringField:
    """The field for a one-time code (a victim's activation code, a supporter's invitation):
    only the hint about where the code came from differs."""
    return StringField(
        _l("Your code"),
        description=description,
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter the code you were given")),
            Length(max=60, message=_l("The code must be 60 characters or fewer")),
        ],
    )


def sign_in_passphrase_field() -> PasswordField:
    """The passphrase on a sign-in form (a victim's or a supporter's)."""
    return PasswordField(
        _l("Passphrase"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(_l("Enter your passphrase")),
            Length(max=PASSPHRASE_MAX, message=_l("Your passphrase is 128 characters or fewer")),
        ],
    )


class ActivationCodeForm(FlaskForm):
    code = one_time_code_field(
        _l("It is on the note your officer gave you, for example K7PQW-3MXRT-9ACHE-UV4DY.")
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class PassphraseForm(FlaskForm):
    passphrase = PasswordField(
        _l("Choose a passphrase"),
        description=_l(
            "Use at least 8 characters. Three or four words that mean nothing together "
            "are easy to remember and hard to guess."
        ),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(_l("Enter a passphrase")),
            Length(
                min=PASSPHRASE_MIN,
                message=_l("Your passphrase must be at least 8 characters long"),
            ),
            Length(
                max=PASSPHRASE_MAX,
                message=_l("Your passphrase must be 128 characters or fewer"),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Type your passphrase again"),
        widget=GovPasswordInput(),
        validators=[InputRequired(_l("Type your passphrase again"))],
    )
    submit = SubmitField(_l("Save my passphrase"), widget=GovSubmitInput())

    def validate_confirm(self, field) -> None:
        if self.passphrase.data and field.data != self.passphrase.data:
            raise ValidationError(_l("The two passphrases are not the same. Type them again."))


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
