"""What every sign-in by access ID and passphrase shares (a victim's and a supporter's): the
one-time code field, the passphrase fields, the form to choose a passphrase, the limit per
address, the words for a refusal and for wrong tries made while the person was away."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

# Per address (Flask-Limiter, shared through Redis): only tries that did not succeed count,
# and the ceiling is far above what the typos of everyone behind one address reach (an
# ISVA office, a refuge's Wi-Fi, a mobile network), so people there signing in with the
# right details never use it up. Each account has its own growing delay besides
# (portal/auth/throttle.py).
ADDRESS_LIMIT = "50 per 15 minutes"
TOO_MANY_TRIES = _l("There have been too many tries. Wait 15 minutes, then try again.")
GUESSABLE = _l(
    "That passphrase is used by many people, so it would be easy to guess. "
    "Try three or four words that mean nothing together, like “pencil harbour velvet cloud”."
)


def succeeded() -> None:
    """Say that this request signed someone in (or took a right code): it does not count
    towards the limit per address."""
    g.sign_in_succeeded = True


def did_not_succeed(response) -> bool:
    """Flask-Limiter's `deduct_when`: count only the tries that did not succeed."""
    return not g.get("sign_in_succeeded", False)


def failed_tries_notice(count: int) -> str:
    """What a person reads, once, after signing in, about wrong tries while they were away."""
    return ngettext(
        "Since you last signed in, someone tried to sign in to your account once "
        "with the wrong passphrase.",
        "Since you last signed in, someone tried to sign in to your account %(num)d times "
        "with the wrong passphrase.",
        count,
    )


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
