"""The victim's belongings the police took: what may be recorded, and when an item is late.

The national operating model for rape and serious sexual offences (Operation Soteria)
asks that a victim's phone is taken only when it is needed, that only what is relevant is
looked at, and that it is given back as soon as possible. So a digital device is refused
without a scope in plain words: a date range and the kinds of data, never "everything",
and why. Every item has a target return date.

An item is overdue when it is still with the police (held or being examined) after its
target return date, counted in London days. "Ready to collect" is not overdue: the police
have done their part and told her.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.data.models import Case, PropertyItem, StaffUser
from portal.data.scoping import join_visible
from portal.extensions import db
from portal.rules.victims_code import london_date


class ItemKind(StrEnum):
    PHONE = "phone"
    LAPTOP = "laptop"
    OTHER_DEVICE = "other_device"
    CLOTHING = "clothing"
    OTHER = "other"


DIGITAL = frozenset({ItemKind.PHONE, ItemKind.LAPTOP, ItemKind.OTHER_DEVICE})

KIND_LABELS = {
    ItemKind.PHONE: _l("Phone"),
    ItemKind.LAPTOP: _l("Laptop or computer"),
    ItemKind.OTHER_DEVICE: _l("Tablet or other device"),
    ItemKind.CLOTHING: _l("Clothing"),
    ItemKind.OTHER: _l("Other belongings"),
}


class Basis(StrEnum):
    CONSENT = "consent"  # she agreed to give it
    POWER = "power"  # taken under a legal power, for example as evidence


BASIS_LABELS = {
    Basis.CONSENT: _l("You agreed to give it to us."),
    Basis.POWER: _l("We took it using a legal power, because it may be evidence."),
}


class DataKind(StrEnum):
    MESSAGES = "messages"
    CALLS = "calls"
    PHOTOS = "photos"
    SOCIAL_MEDIA = "social_media"
    LOCATION = "location"
    CONTACTS = "contacts"


DATA_LABELS = {
    DataKind.MESSAGES: _l("Messages"),
    DataKind.CALLS: _l("Call history"),
    DataKind.PHOTOS: _l("Photos and videos"),
    DataKind.SOCIAL_MEDIA: _l("Social media"),
    DataKind.LOCATION: _l("Location history"),
    DataKind.CONTACTS: _l("Contacts"),
}


class Status(StrEnum):
    WITH_POLICE = "with_police"
    BEING_EXAMINED = "being_examined"
    READY = "ready_to_collect"
    RETURNED = "returned"


STATUS_LABELS = {
    Status.WITH_POLICE: _l("With the police"),
    Status.BEING_EXAMINED: _l("Being examined"),
    Status.READY: _l("Ready to collect"),
    Status.RETURNED: _l("Given back"),
}

STILL_HELD = frozenset({Status.WITH_POLICE, Status.BEING_EXAMINED})

# Words that ask to look at everything: a scope must say what, not "all of it".
_EVERYTHING = frozenset({"everything", "all", "all data", "the whole phone", "whole phone"})


class ScopeError(ValueError):
    """A device's scope cannot be recorded; `reason` names the rule it broke."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_scope(
    kind: str, scope_from: date | None, scope_to: date | None, data: list[str], why: str
) -> None:
    """Raise ScopeError unless a digital device has a date range, kinds of data and a
    reason: "dates" (a date missing), "order" (ends before it starts), "data" (no kind of
    data chosen, or one not known), "why" (no reason, or one that says "everything")."""
    if kind not in DIGITAL:
        return
    if scope_from is None or scope_to is None:
        raise ScopeError("dates")
    if scope_to < scope_from:
        raise ScopeError("order")
    if not data or any(value not in DataKind.__members__.values() for value in data):
        raise ScopeError("data")
    words = " ".join(why.split()).strip(" .").lower()
    if not words or words in _EVERYTHING:
        raise ScopeError("why")


def is_overdue(item: PropertyItem, today: date) -> bool:
    return item.status in STILL_HELD and today > item.target_return_on


def return_outcome(item: PropertyItem, today: date) -> str:
    """Against its target return date, as known `today`: "on_time" (ready to collect or
    given back by the end of that day), "late" (back after it), "overdue" (still held after
    it), "not_yet_due" (still held, and the date is today or later)."""
    if item.back_at is not None and item.status not in STILL_HELD:
        return "on_time" if london_date(item.back_at) <= item.target_return_on else "late"
    return "overdue" if today > item.target_return_on else "not_yet_due"


def data_kinds(item: PropertyItem) -> list[str]:
    return [value for value in (item.scope_data or "").split(",") if value]


def data_labels(item: PropertyItem) -> list[str]:
    """The kinds of data to be looked at, in the reader's words."""
    return [str(DATA_LABELS[value]) for value in data_kinds(item)]


def is_overdue_sql(today: date):
    """The SQL condition for an item still held after its target return date."""
    return PropertyItem.status.in_(list(STILL_HELD)) & (PropertyItem.target_return_on < today)


@dataclass(frozen=True)
class OverdueItem:
    """An item past its date, for the dashboard: the case and the kind, never the words."""

    case: Case
    kind: str
    target_return_on: date


def overdue_items(principal, today: date) -> list[OverdueItem]:
    """The items past their target return date in the cases `principal` may see, oldest
    date first."""
    items = db.session.scalars(
        join_visible(select(PropertyItem), principal, PropertyItem.case_id)
        .where(is_overdue_sql(today))
        .options(
            joinedload(PropertyItem.case).joinedload(Case.officer).load_only(StaffUser.display_name)
        )
        .order_by(PropertyItem.target_return_on, PropertyItem.id)
    ).all()
    return [OverdueItem(item.case, item.kind, item.target_return_on) for item in items]


def overdue_case_ids(principal, today: date) -> set:
    return {entry.case.id for entry in overdue_items(principal, today)}


def items_for(case: Case) -> list[PropertyItem]:
    return list(
        db.session.scalars(
            select(PropertyItem)
            .where(PropertyItem.case_id == case.id)
            .order_by(PropertyItem.taken_on, PropertyItem.created_at, PropertyItem.id)
        )
    )
