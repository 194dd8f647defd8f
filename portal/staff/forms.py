"""Forms for the staff view. Labels say what to do; errors say how to put it right."""

from __future__ import annotations

import re
from datetime import datetime, time

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Optional, ValidationError

from portal.data.models import Channel, utcnow
from portal.rules import choices, interpreting
from portal.rules.languages import LANGUAGES
from portal.rules.officers import REASSIGNMENT_REASONS
from portal.rules.victims_code import EVENTS, LONDON, OfferKind, london_date
from portal.rules.victims_code.event_time import is_in_the_future
from portal.rules.victims_code.events import DecisionMaker, EventType
from portal.web.date_field import DayMonthYearField
from portal.web.validators import MaxLength

TEXT_LIMIT = 5000
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class NewCaseForm(FlaskForm):
    crime_reference = StringField(
        _l("Crime reference number"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter the crime reference number")), MaxLength(40)],
    )
    offence_category = RadioField(
        _l("Offence"),
        choices=[SelectChoice(*pair) for pair in choices.OFFENCES],
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select the offence"))],
    )
    force_country = RadioField(
        _l("Country of the force"),
        description=_l("This sets which bank holidays the Victims' Code deadlines skip."),
        choices=[SelectChoice(*pair) for pair in choices.FORCE_COUNTRIES],
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select England or Wales"))],
    )
    reported_on = DayMonthYearField(
        _l("Date the crime was reported"),
        description=_l(
            "The day they first reported it to the police, for example 27 3 2026. The "
            "referral to support is due 2 working days after it."
        ),
        validators=[DataRequired(_l("Enter the date the crime was reported, like 27 3 2026"))],
    )
    preferred_name = StringField(
        _l("The name they want to be called"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter the name they want to be called")), MaxLength(80)],
    )
    language = SelectField(
        _l("Language for their updates"),
        choices=[
            SelectChoice(code, f"{lang.english_name} ({lang.native_name})")
            for code, lang in LANGUAGES.items()
        ],
        widget=GovSelect(),
    )
    channel = RadioField(
        _l("How they want to be told there is something new"),
        choices=[SelectChoice(*pair) for pair in choices.STAFF_CHANNELS],
        default=Channel.PORTAL_ONLY.value,
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select how they want to be told"))],
    )
    email = StringField(
        _l("Email address (optional)"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Email(_l("Enter an email address in the correct format, like name@example.com")),
            MaxLength(254),
        ],
    )
    phone = StringField(
        _l("Mobile phone number (optional)"),
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(30)],
    )
    routine_frequency = RadioField(
        _l("How often they want a routine update"),
        choices=[SelectChoice(*pair) for pair in choices.STAFF_FREQUENCIES],
        default="monthly",
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select how often they want a routine update"))],
    )
    submit = SubmitField(_l("Save and get an activation code"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        # The contact detail is optional unless it is the channel chosen; Optional() stops a
        # field's own validators, so the check lives here.
        valid = super().validate(extra_validators)
        if self.channel.data == Channel.EMAIL and not self.email.data:
            self.email.errors.append(
                _l("Enter an email address, or choose another way to tell them")
            )
            valid = False
        if self.channel.data == Channel.TEXT and not self.phone.data:
            self.phone.errors.append(
                _l("Enter a mobile number, or choose another way to tell them")
            )
            valid = False
        return valid

    def validate_reported_on(self, field):
        if field.data and field.data > london_date(utcnow()):
            raise ValidationError(_l("The date it was reported cannot be in the future"))

    def validate_phone(self, field):
        if field.data and not re.fullmatch(r"\+?[\d ()-]{7,25}", field.data):
            raise ValidationError(_l("Enter a phone number, like 07700 900 982"))


class UpdateForm(FlaskForm):
    event_type = SelectField(
        _l("What happened"),
        choices=[SelectChoice("", _l("Choose what happened"))]
        + [SelectChoice(rule.type.value, rule.staff_label) for rule in EVENTS.values()],
        widget=GovSelect(),
        validators=[DataRequired(_l("Select what happened"))],
    )
    occurred_on = DayMonthYearField(
        _l("Date it happened"),
        description=_l("For example, 27 3 2026"),
        validators=[DataRequired(_l("Enter the date it happened, like 27 3 2026"))],
    )
    occurred_time = StringField(
        _l("Time it happened"),
        description=_l("24-hour clock, UK time, for example 14:30"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter the time it happened, like 14:30"))],
    )
    decided_by = RadioField(
        _l("Who made the decision?"),
        description=_l(
            "Only for a charge or a decision not to charge. It decides which review scheme "
            "they are told about: the police scheme or the CPS scheme."
        ),
        choices=[
            SelectChoice(DecisionMaker.POLICE.value, _l("The police")),
            SelectChoice(DecisionMaker.CPS.value, _l("The Crown Prosecution Service (CPS)")),
        ],
        widget=GovRadioInput(),
        validators=[Optional()],
    )
    suspect_interviewed = RadioField(
        _l("Was the suspect interviewed under caution, or reported to the CPS?"),
        description=_l(
            "Only for a police decision not to charge. The police Victims' Right to Review "
            "covers only a suspect who was."
        ),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        widget=GovRadioInput(),
        validators=[Optional()],
    )
    free_text = StringField(
        _l("A personal message (the reasons, for a decision)"),
        description=_l(
            "Write in plain words, in the language they chose. It appears under the "
            "explanation the portal gives for this event. For a decision it must give the "
            "reasons: the Victims' Code says they must be told why it was made."
        ),
        widget=GovTextArea(),
        validators=[Optional(), MaxLength(TEXT_LIMIT)],
    )
    sensitive = RadioField(
        _l("Content note"),
        description=_l(
            "With a content note they choose to read it now, later, or ask you to call first."
        ),
        choices=[
            SelectChoice("default", _l("As usual for this kind of event")),
            SelectChoice("yes", _l("Yes, add a content note")),
            SelectChoice("no", _l("No content note")),
        ],
        default="default",
        widget=GovRadioInput(),
    )
    idempotency_key = HiddenField()
    corrects_id = HiddenField()
    submit = SubmitField(_l("Preview"), widget=GovSubmitInput())

    def validate_occurred_time(self, field):
        if self.parsed_time() is None:
            raise ValidationError(_l("Enter the time it happened, like 14:30"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        rule = EVENTS.get(self.event_type.data)
        dated = self.occurred_on.data and self.parsed_time() is not None
        if dated and is_in_the_future(self.occurred_at(), utcnow()):
            self.occurred_on.errors.append(
                _l("The date and time it happened cannot be in the future")
            )
            valid = False
        if rule is None or not rule.is_decision or self.corrects_id.data:
            return valid  # a correction keeps who decided what it corrects
        if not (self.free_text.data or "").strip():
            self.free_text.errors.append(
                _l("Enter the reasons for the decision. They must be told why it was made")
            )
            valid = False
        if rule.asks_decision_maker and not self.decided_by.data:
            self.decided_by.errors.append(_l("Select who made the decision"))
            valid = False
        if self.asks_about_interview() and not self.suspect_interviewed.data:
            self.suspect_interviewed.errors.append(
                _l("Select whether the suspect was interviewed under caution")
            )
            valid = False
        return valid

    def asks_about_interview(self) -> bool:
        """Only a police decision not to charge depends on the interview."""
        return (
            self.event_type.data == EventType.NO_FURTHER_ACTION
            and self.decided_by.data == DecisionMaker.POLICE
        )

    def decided_by_value(self) -> str | None:
        rule = EVENTS.get(self.event_type.data)
        if rule is None or not rule.is_decision:
            return None
        if not rule.asks_decision_maker:
            return rule.decision_makers[0].value
        return self.decided_by.data or None

    def suspect_interviewed_value(self) -> bool | None:
        if not self.asks_about_interview():
            return None
        return {"yes": True, "no": False}.get(self.suspect_interviewed.data)

    def validate_idempotency_key(self, field):
        if not re.fullmatch(r"[0-9a-f]{32}", field.data or ""):
            raise ValidationError(_l("This form has expired. Start the update again"))

    def parsed_time(self) -> time | None:
        match = _TIME.match(self.occurred_time.data or "")
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            return None
        return time(int(match[1]), int(match[2]))

    def occurred_at(self) -> datetime:
        """The moment it happened, read as UK time, as an aware datetime."""
        return datetime.combine(self.occurred_on.data, self.parsed_time(), tzinfo=LONDON)

    def sensitive_choice(self) -> bool:
        if self.sensitive.data == "yes":
            return True
        if self.sensitive.data == "no":
            return False
        return EVENTS[self.event_type.data].sensitive_by_default


class ReplyForm(FlaskForm):
    body = StringField(
        _l("Your reply"),
        widget=GovTextArea(),
        validators=[DataRequired(_l("Enter your reply")), MaxLength(TEXT_LIMIT)],
    )
    submit = SubmitField(_l("Send reply"), widget=GovSubmitInput())


class RightsForm(FlaskForm):
    offer = RadioField(
        _l("What was offered"),
        choices=[SelectChoice(kind.value, kind.label) for kind in OfferKind],
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select what was offered"))],
    )
    offered_on = DayMonthYearField(
        _l("Date it was offered"),
        description=_l("For example, 27 3 2026"),
        validators=[DataRequired(_l("Enter the date it was offered, like 27 3 2026"))],
    )
    response = RadioField(
        _l("Their answer"),
        choices=[SelectChoice(*pair) for pair in choices.OFFER_RESPONSES],
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select their answer"))],
    )
    # Any language, by ISO 639 code (portal.rules.interpreting), not only the six the
    # portal's pages are written in.
    language = SelectField(
        _l("Language for the interpreter or translation"),
        description=_l("Needed if you offered an interpreter or translation."),
        choices=[],
        widget=GovSelect(),
        validate_choice=False,
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [SelectChoice("", _l("Choose a language"))] + [
            SelectChoice(code, name) for code, name in interpreting.choices(str(get_locale()))
        ]

    def validate_language(self, field):
        if field.data and not interpreting.is_language(field.data):
            raise ValidationError(_l("Select a language from the list"))
        if self.offer.data == OfferKind.INTERPRETER and not field.data:
            raise ValidationError(_l("Select the language they need an interpreter for"))

    def chosen_language(self) -> str | None:
        """The language, kept only with an interpreter offer."""
        return self.language.data or None if self.offer.data == OfferKind.INTERPRETER else None


class ReassignForm(FlaskForm):
    officer_id = SelectField(
        _l("Reassign to"),
        choices=[],
        widget=GovSelect(),
        validators=[DataRequired(_l("Select the officer who will look after the case"))],
    )
    reason = RadioField(
        _l("Why is the case moving?"),
        description=_l(
            "The person is told who their new officer is and why, in the words beside "
            "each reason, in their own language."
        ),
        choices=[SelectChoice(code, staff) for code, staff, _victim in REASSIGNMENT_REASONS],
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select why the case is moving"))],
    )
    submit = SubmitField(_l("Reassign and tell them"), widget=GovSubmitInput())


REISSUE_REASONS = [
    ("forgot", _l("They forgot their passphrase and access ID")),
    ("lost_phone", _l("They lost their phone")),
    ("in_person", _l("They asked for it in person")),
    ("other", _l("Another reason")),
]


class ReissueRequestForm(FlaskForm):
    reason = RadioField(
        _l("Why do they need a new activation code?"),
        choices=[SelectChoice(*pair) for pair in REISSUE_REASONS],
        widget=GovRadioInput(),
        validators=[DataRequired(_l("Select why they need a new code"))],
    )
    note = StringField(
        _l("Say what happened"),
        description=_l("Needed if you chose another reason. A supervisor reads this."),
        widget=GovTextArea(),
        validators=[Optional(), MaxLength(500)],
    )
    submit = SubmitField(_l("Ask a supervisor to approve"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.reason.data == "other" and not (self.note.data or "").strip():
            self.note.errors.append(_l("Say what happened, or choose one of the reasons"))
            valid = False
        return valid


class PccExportForm(FlaskForm):
    """The period of the PCC export (portal.rules.pcc_export). Sent by GET: it changes
    nothing, so it carries no CSRF token, and the address can be bookmarked."""

    class Meta:
        csrf = False

    first_day = DayMonthYearField(
        _l("First day of the period"),
        description=_l("For example, 1 4 2026"),
        validators=[DataRequired(_l("Enter the first day of the period, like 1 4 2026"))],
    )
    last_day = DayMonthYearField(
        _l("Last day of the period"),
        description=_l("For example, 30 6 2026"),
        validators=[DataRequired(_l("Enter the last day of the period, like 30 6 2026"))],
    )
    submit = SubmitField(_l("Download the export (ZIP)"), widget=GovSubmitInput())


PERIOD_ERRORS = {
    "order": _l("The last day must be the same as or after the first day"),
    "future": _l("The last day must be today or earlier"),
    "too_long": _l("The period can be at most 366 days"),
}
