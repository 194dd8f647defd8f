"""The words for a case's and a victim's stored choices, in one place: the forms that ask
use them, and the staff pages that show a choice back use the same words, so no page ever
shows a stored code such as `wales` or `accepted`."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from portal.data.models import Channel, OfferResponse, Terminology
from portal.rules.victims_code import Country, OffenceCategory, RoutineFrequency

Choices = tuple[tuple[str, LazyString], ...]

FORCE_COUNTRIES: Choices = (
    (Country.ENGLAND.value, _l("England")),
    (Country.WALES.value, _l("Wales")),
)
# How the officer reads and records the victim's channel and routine frequency.
STAFF_CHANNELS: Choices = (
    (Channel.PORTAL_ONLY.value, _l("No notifications: they will check the portal")),
    (Channel.EMAIL.value, _l("Email")),
    (Channel.TEXT.value, _l("Text message")),
)
STAFF_FREQUENCIES: Choices = (
    (RoutineFrequency.FORTNIGHTLY.value, _l("Every 2 weeks")),
    (RoutineFrequency.MONTHLY.value, _l("Every month")),
    (RoutineFrequency.KEY_DECISIONS_ONLY.value, _l("Only when something important happens")),
)
OFFER_RESPONSES: Choices = (
    (OfferResponse.ACCEPTED.value, _l("Accepted")),
    (OfferResponse.DECLINED.value, _l("Declined")),
    (OfferResponse.NOT_YET.value, _l("Not decided yet")),
)
# The victim's own words for how the service talks about them; staff see the same words.
TERMINOLOGY: Choices = (
    (Terminology.NEITHER.value, _l("Just use my name")),
    (Terminology.SURVIVOR.value, _l("Survivor")),
    (Terminology.VICTIM.value, _l("Victim")),
)
OFFENCES: Choices = tuple((category.value, category.staff_label) for category in OffenceCategory)

_SHOWN_TO_STAFF: dict[str, Choices] = {
    "force_country": FORCE_COUNTRIES,
    "channel": STAFF_CHANNELS,
    "routine_frequency": STAFF_FREQUENCIES,
    "response": OFFER_RESPONSES,
    "terminology": TERMINOLOGY,
    "offence_category": OFFENCES,
}


def staff_words_for(field: str, value: str | None) -> str:
    """A stored choice in the words it was picked from; the value itself if it is unknown."""
    labels = dict(_SHOWN_TO_STAFF.get(field, ()))
    label = labels.get(value or "")
    return str(label) if label is not None else (value or "")
