"""Forms for asking for a review and asking to complain."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from portal.rules.complaints import COMPLAINT_MAX_LENGTH

NOTE_MAX_LENGTH = 2000


class ReviewForm(FlaskForm):
    note = TextAreaField(
        _l("Is there anything you want the reviewer to know? (optional)"),
        description=_l("You do not need to give reasons. You can leave this empty."),
        widget=GovCharacterCount(),
        validators=[
            Optional(),
            Length(
                max=NOTE_MAX_LENGTH, message=_l("What you write must be 2000 characters or fewer")
            ),
        ],
    )
    submit = SubmitField(_l("Send my request"), widget=GovSubmitInput())


class CpsReviewForm(FlaskForm):
    """Not a request to the CPS: a note that she is asking them, so her officer can help."""

    note = TextAreaField(
        _l("Is there anything you want your officer to know? (optional)"),
        description=_l("For example, if you would like help to write to the CPS."),
        widget=GovCharacterCount(),
        validators=[
            Optional(),
            Length(
                max=NOTE_MAX_LENGTH, message=_l("What you write must be 2000 characters or fewer")
            ),
        ],
    )
    submit = SubmitField(_l("Tell my officer I am asking the CPS"), widget=GovSubmitInput())


class ComplaintForm(FlaskForm):
    case = RadioField(
        _l("Which report is this about?"),
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,  # checked against the victim's own cases in the view
    )
    body = TextAreaField(
        _l("What would you like to complain about? (optional)"),
        description=_l(
            "A few words are enough. You can also leave this empty and explain when "
            "someone contacts you."
        ),
        widget=GovCharacterCount(),
        validators=[
            Optional(),
            Length(
                max=COMPLAINT_MAX_LENGTH,
                message=_l("What you write must be 2000 characters or fewer"),
            ),
        ],
    )
    submit = SubmitField(_l("Send my request to complain"), widget=GovSubmitInput())
