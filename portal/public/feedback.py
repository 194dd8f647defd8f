"""Feedback about the service, from the phase banner: the form, and storing an answer.

The form asks two things only: what the person was trying to do, and whether it worked.
No address, name or case is stored with the answer. Sending is limited per address, so
that the form cannot be used to flood the admins' list.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovTextArea
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from portal.data.models import ItWorked, ServiceFeedback
from portal.extensions import db

FEEDBACK_LIMIT = "10 per hour"
TRYING_TO_MAX_LENGTH = 1000


class ServiceFeedbackForm(FlaskForm):
    trying_to = TextAreaField(
        _l("What were you trying to do?"),
        description=_l("Do not write your name, or anything about what happened to you."),
        widget=GovTextArea(),
        validators=[
            Optional(),
            Length(
                max=TRYING_TO_MAX_LENGTH,
                message=_l("What you write must be 1000 characters or fewer"),
            ),
        ],
    )
    it_worked = RadioField(
        _l("Were you able to do it?"),
        choices=[
            SelectChoice(ItWorked.YES.value, _l("Yes")),
            SelectChoice(ItWorked.PARTLY.value, _l("Partly")),
            SelectChoice(ItWorked.NO.value, _l("No")),
        ],
        widget=GovRadioInput(),
        validators=[Optional()],
    )

    def is_empty(self) -> bool:
        return not (self.trying_to.data or "").strip() and not self.it_worked.data


def store(form: ServiceFeedbackForm) -> None:
    """Keep the answer with the page's language and nothing else: no account, no address."""
    db.session.add(
        ServiceFeedback(
            trying_to=(form.trying_to.data or "").strip() or None,
            it_worked=form.it_worked.data or None,
            language=str(get_locale()),
        )
    )
    db.session.commit()
