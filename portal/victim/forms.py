"""Forms on the victim's own pages: their communication plan and their questions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional

from portal.data.models import Channel
from portal.rules import choices
from portal.rules.languages import LANGUAGES
from portal.rules.victims_code import RoutineFrequency
from portal.victim.questions import QUESTION_MAX_LENGTH

REQUIRED = {
    "phone": _l("Enter a mobile phone number for text messages"),
    "email": _l("Enter an email address for emails"),
    "isva_name": _l("Enter your ISVA’s name"),
    "isva_email": _l("Enter your ISVA’s email address"),
    "quiet_hours": _l("Enter both times, or leave both empty if any time is fine"),
}
YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


class QuestionForm(FlaskForm):
    case = RadioField(
        _l("Which report is your question about?"),
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,  # checked against the victim's own cases in the view
    )
    body = TextAreaField(
        _l("Your question"),
        description=_l("Keep it short. Your officer will reply here."),
        widget=GovCharacterCount(),
        validators=[
            InputRequired(_l("Enter your question")),
            Length(
                max=QUESTION_MAX_LENGTH,
                message=_l("Your question must be 2000 characters or fewer"),
            ),
        ],
    )
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())


class ChoicesForm(FlaskForm):
    preferred_name = StringField(
        _l("What would you like us to call you?"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=80, message=_l("Your name must be 80 characters or fewer")),
        ],
    )
    terminology = RadioField(
        _l("How should this service talk about you?"),
        choices=[SelectChoice(*pair) for pair in choices.TERMINOLOGY],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select how this service should talk about you"))],
    )
    channel = RadioField(
        _l("How should we tell you there is something new?"),
        choices=[
            SelectChoice(
                str(Channel.PORTAL_ONLY), _l("Do not send anything. I will sign in and look.")
            ),
            SelectChoice(str(Channel.TEXT), _l("Send me a text message")),
            SelectChoice(str(Channel.EMAIL), _l("Send me an email")),
        ],
        description=_l(
            "A text or email does not say who it is from. Unless you choose otherwise below, "
            "it only says there is a new message."
        ),
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select how we should tell you there is something new"))],
    )
    phone = StringField(
        _l("Mobile phone number for text messages"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=20, message=_l("Enter a phone number, like 07700 900 982")),
        ],
    )
    email = StringField(
        _l("Email address"),
        description=_l("Only give an email address that nobody else can read."),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
            Email(
                message=_l("Enter an email address in the correct format, like name@example.com"),
                check_deliverability=False,
            ),
        ],
    )
    # Off unless the victim chooses it: a lock screen or a shared inbox may be read by
    # someone else. Even the specific wording never names the police, the officer, the
    # offence or the reference (portal/notifications/texts.py).
    specific_notifications = RadioField(
        _l("Should a text or email say what kind of news it is?"),
        description=_l(
            "For example, “There is news about your report”. It will still not give any "
            "details. But someone else who sees your phone or your emails could read it. "
            "If you are not sure, choose no."
        ),
        choices=YES_NO,
        widget=GovRadioInput(),
        validators=[
            InputRequired(_l("Select yes if a text or email should say what kind of news it is"))
        ],
    )
    routine_frequency = RadioField(
        _l("When nothing big has happened, how often would you like news?"),
        choices=[
            SelectChoice(str(RoutineFrequency.FORTNIGHTLY), _l("Every 2 weeks")),
            SelectChoice(str(RoutineFrequency.MONTHLY), _l("Every month")),
            SelectChoice(
                str(RoutineFrequency.KEY_DECISIONS_ONLY),
                _l("Only when something important happens"),
            ),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select how often you would like news"))],
    )
    quiet_hours_start = TimeField(
        _l("Do not contact me from"),
        description=_l("Use the 24-hour clock, for example 21:00."),
        format=TIME_FORMATS,
        invalid_value_message=_l("Enter a time like 21:00"),
        widget=GovTextInput(),
        validators=[Optional()],
    )
    quiet_hours_end = TimeField(
        _l("Until"),
        description=_l("For example 08:00."),
        format=TIME_FORMATS,
        invalid_value_message=_l("Enter a time like 21:00"),
        widget=GovTextInput(),
        validators=[Optional()],
    )
    voicemail_safe = RadioField(
        _l("Is it safe for us to leave you a voicemail?"),
        choices=YES_NO,
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select yes if it is safe to leave you a voicemail"))],
    )
    language = RadioField(
        _l("Which language would you like to use?"),
        description=_l(
            "Your messages, and what your officer sees, will be in this language. Changing "
            "the language at the top of a page changes only that page."
        ),
        choices=[SelectChoice(code, lang.native_name) for code, lang in LANGUAGES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select a language"))],
    )
    contact_via_isva = RadioField(
        _l("Would you like us to contact you through your ISVA instead?"),
        description=_l(
            "An ISVA is an independent sexual violence adviser. If you choose yes, we will "
            "contact them, and they will pass things on to you."
        ),
        choices=YES_NO,
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select yes if we should contact you through your ISVA"))],
    )
    isva_name = StringField(
        _l("Your ISVA’s name"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=120, message=_l("The name is too long"))],
    )
    isva_email = StringField(
        _l("Your ISVA’s email address"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
            Email(
                message=_l("Enter an email address in the correct format, like name@example.com"),
                check_deliverability=False,
            ),
        ],
    )
    submit = SubmitField(_l("Save my choices"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        # Rules across fields: WTForms stops a field's own checks at Optional() when it
        # is empty, which is exactly when these matter.
        valid = super().validate(extra_validators)
        required_when = (
            (self.channel.data == Channel.TEXT, self.phone, REQUIRED["phone"]),
            (self.channel.data == Channel.EMAIL, self.email, REQUIRED["email"]),
            (self.contact_via_isva.data == "yes", self.isva_name, REQUIRED["isva_name"]),
            (self.contact_via_isva.data == "yes", self.isva_email, REQUIRED["isva_email"]),
        )
        for applies, field, message in required_when:
            if applies and not (field.data or "").strip() and not field.errors:
                field.errors.append(message)
                valid = False
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if not (start.errors or end.errors) and (start.data is None) != (end.data is None):
            end.errors.append(REQUIRED["quiet_hours"])
            valid = False
        return valid
