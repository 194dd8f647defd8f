"""What the API accepts, checked field by field: the first problem found is named.

The OpenAPI document (openapi.py) is built from the same lists and limits, so the two
cannot drift apart; schemathesis (tests/staff/api/test_schemathesis.py) holds them to it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from email_validator import EmailNotValidError, validate_email

from portal.data.models import utcnow
from portal.data.models.event_types import KEY_DECISION_TYPES
from portal.rules import choices
from portal.rules.languages import LANGUAGES
from portal.rules.victims_code import london_date

EVENT_TYPES = sorted(str(kind) for kind in KEY_DECISION_TYPES)
OFFENCES = [code for code, _ in choices.OFFENCES]
COUNTRIES = [code for code, _ in choices.FORCE_COUNTRIES]
CHANNELS = [code for code, _ in choices.STAFF_CHANNELS]
FREQUENCIES = [code for code, _ in choices.STAFF_FREQUENCIES]
LANGUAGE_CODES = list(LANGUAGES)

EVENT_ID = r"^[A-Za-z0-9._:-]{1,128}$"
REFERENCE = r"^[A-Za-z0-9/-]{1,40}$"
PHONE = r"^\+?[0-9 ()-]{7,25}$"
# No control characters anywhere (PostgreSQL refuses a NUL in text; nobody types one).
NAME = r"^[^\x00-\x20\x7f](?:[^\x00-\x1f\x7f]{0,78}[^\x00-\x20\x7f])?$"
OFFICER_EMAIL = r"^[^\x00-\x20\x7f@]{1,64}@[^\x00-\x20\x7f@]{1,189}$"
# RFC 3339 date-time, with its zone: "2026-12-04T09:30:00Z", "2026-12-04T10:30:00+01:00".
DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$"
)
# A records system's clock may run a little ahead of ours; more than this is a future event.
CLOCK_SKEW = timedelta(minutes=1)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


class BadField(ValueError):
    def __init__(self, field: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.status = status


@dataclass(frozen=True)
class EventBody:
    event_id: str
    event_type: str
    occurred_at: datetime
    sensitive: bool | None


@dataclass(frozen=True)
class CaseBody:
    reference: str
    offence_category: str
    force_country: str
    reported_on: date
    officer_email: str
    preferred_name: str
    language: str
    channel: str
    routine_frequency: str
    email: str | None
    phone: str | None


def json_object(raw: bytes) -> dict:
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadField("body", "The body must be JSON.", status=400) from None
    if not isinstance(value, dict):
        raise BadField("body", "The body must be a JSON object.")
    return value


def _only(body: dict, allowed: set[str]) -> None:
    for name in sorted(body):
        if name not in allowed:
            raise BadField(name, f"{name} is not a field this call accepts.")


def _string(body: dict, name: str, pattern: str | None = None, required: bool = True):
    value = body.get(name)
    if value is None and name not in body and not required:
        return None
    if not isinstance(value, str):
        raise BadField(name, f"{name} is required, as a string.")
    try:
        value.encode("utf-8")  # JSON can carry a lone surrogate, which no text can hold
    except UnicodeEncodeError:
        raise BadField(name, f"{name} is not valid Unicode text.") from None
    if pattern is not None and not re.fullmatch(pattern, value):
        raise BadField(name, f"{name} is not in the expected form.")
    return value


def _choice(body: dict, name: str, allowed: list[str], default: str | None = None) -> str:
    if name not in body and default is not None:
        return default
    value = body.get(name)
    if not isinstance(value, str) or value not in allowed:
        raise BadField(name, f"{name} must be one of: {', '.join(allowed)}.")
    return value


def occurred_at(value) -> datetime:
    if not isinstance(value, str) or not DATE_TIME.fullmatch(value):
        raise BadField("occurred_at", "occurred_at must be a date and time with its zone.")
    try:
        moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        raise BadField("occurred_at", "occurred_at is not a real date and time.") from None
    if moment > utcnow() + CLOCK_SKEW:
        raise BadField("occurred_at", "occurred_at is in the future: send it once it happens.")
    if moment < EARLIEST:
        raise BadField("occurred_at", "occurred_at is before 2000.")
    return moment


def reported_on(value) -> date:
    """The London day the crime was reported: the referral to support runs from it."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BadField("reported_on", "reported_on is required, as a date like 2026-03-27.")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadField("reported_on", "reported_on is not a real date.") from None
    if day > london_date(utcnow()):
        raise BadField("reported_on", "reported_on is in the future.")
    if day < EARLIEST.date():
        raise BadField("reported_on", "reported_on is before 2000.")
    return day


def event_body(raw: bytes) -> EventBody:
    body = json_object(raw)
    _only(body, {"event_id", "event_type", "occurred_at", "sensitive"})
    event_id = _string(body, "event_id", EVENT_ID)
    event_type = _choice(body, "event_type", EVENT_TYPES)
    when = occurred_at(body.get("occurred_at"))
    sensitive = body.get("sensitive")
    if "sensitive" in body and not isinstance(sensitive, bool):
        raise BadField("sensitive", "sensitive must be true or false.")
    return EventBody(event_id, event_type, when, sensitive)


def case_body(raw: bytes) -> CaseBody:
    body = json_object(raw)
    _only(
        body,
        {
            "reference",
            "offence_category",
            "force_country",
            "reported_on",
            "officer_email",
            "preferred_name",
            "language",
            "channel",
            "routine_frequency",
            "email",
            "phone",
        },
    )
    reference = _string(body, "reference", REFERENCE)
    offence = _choice(body, "offence_category", OFFENCES)
    country = _choice(body, "force_country", COUNTRIES)
    reported = reported_on(body.get("reported_on"))
    officer_email = _string(body, "officer_email", OFFICER_EMAIL)
    name = _string(body, "preferred_name", NAME)
    language = _choice(body, "language", LANGUAGE_CODES, default="en")
    channel = _choice(body, "channel", CHANNELS, default="portal")
    frequency = _choice(body, "routine_frequency", FREQUENCIES, default="monthly")
    email = _string(body, "email", required=False)
    if email is not None:
        if len(email) > 254:
            raise BadField("email", "email is longer than 254 characters.")
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            raise BadField("email", "email is not an email address.") from None
    phone = _string(body, "phone", PHONE, required=False)
    if channel == "email" and not email:
        raise BadField("email", "email is required when the channel is email.")
    if channel == "text" and not phone:
        raise BadField("phone", "phone is required when the channel is text.")
    return CaseBody(
        reference,
        offence,
        country,
        reported,
        officer_email,
        name,
        language,
        channel,
        frequency,
        email,
        phone,
    )
