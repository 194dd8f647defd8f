"""Who a notification goes to, by which kind of message, and whether it may go now.

The victim's communication plan decides: "contact through my ISVA" sends to the ISVA's
email instead of the victim (whatever channel the victim picked for themselves), "portal
only" sends nothing, and quiet hours hold a message for the victim until they end.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from portal.models import Channel, Notification
from portal.notifications.channels import EMAIL, TEXT
from portal.notifications.schedule import quiet_hours_end


class Action(StrEnum):
    SEND = "send"
    HOLD = "hold"  # quiet hours: try again when they end
    WAIT = "wait"  # no sender set up for this kind of message: stay in the outbox
    SKIP = "skip"  # nothing to send, by the victim's choice
    FAIL = "fail"  # cannot ever be sent as things stand: staff must act


class Recipient(StrEnum):
    VICTIM = "victim"
    ISVA = "isva"
    OFFICER = "officer"


@dataclass(frozen=True)
class Route:
    action: Action
    code: str | None = None  # why, for staff: a key into status.REASONS
    kind: str | None = None
    recipient: Recipient | None = None
    to: str | None = None
    until: datetime | None = None

    def __repr__(self) -> str:  # the address stays out of logs
        return f"Route({self.action}, {self.code}, {self.kind}, {self.recipient})"


def route(notification: Notification, now: datetime, available: Container[str]) -> Route:
    """Decide what to do with `notification` at `now`, given the kinds of message that can
    be sent (`available`, e.g. {"email"})."""
    case = notification.case
    if notification.audience == "officer":
        if EMAIL not in available:
            return Route(Action.SKIP, "staff_view_only")
        return Route(Action.SEND, kind=EMAIL, recipient=Recipient.OFFICER, to=case.officer.email)

    victim = case.victim
    if victim.is_disabled:
        return Route(Action.SKIP, "account_disabled")
    if victim.contact_via_isva:
        if not victim.isva_email:
            return Route(Action.FAIL, "no_isva_email")
        if EMAIL not in available:
            return Route(Action.WAIT, "no_channel")
        return Route(Action.SEND, kind=EMAIL, recipient=Recipient.ISVA, to=victim.isva_email)
    if victim.channel == Channel.PORTAL_ONLY:
        return Route(Action.SKIP, "portal_only")

    kind = victim_kind(victim)
    address = victim.phone if kind == TEXT else victim.email
    if not address:
        return Route(Action.FAIL, "no_phone" if kind == TEXT else "no_email")
    if kind not in available:
        return Route(Action.WAIT, "no_channel")
    held_until = quiet_hours_end(now, victim.quiet_hours_start, victim.quiet_hours_end)
    if held_until is not None:
        return Route(Action.HOLD, "quiet_hours", kind=kind, until=held_until)
    return Route(Action.SEND, kind=kind, recipient=Recipient.VICTIM, to=address)


def victim_kind(victim) -> str | None:
    """The kind of message a notification for this victim goes by; None for portal only."""
    if victim.contact_via_isva:
        return EMAIL
    if victim.channel == Channel.PORTAL_ONLY:
        return None
    return TEXT if victim.channel == Channel.TEXT else EMAIL
