"""Who a notification goes to, by which kind of message, and whether it may go now.

The victim's communication plan decides: "contact through my ISVA" sends to the ISVA's
email instead of the victim (whatever channel the victim picked for themselves), "portal
only" sends nothing, and quiet hours hold a message for the victim until they end.

An invitation the victim asked us to email goes by email only, to the address they gave,
and only while the invitation can still be used.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from portal.data.models import Channel, Notification
from portal.data.models.notifications import OFFICER, STAFF, SUPPORTER
from portal.data.outbox import STAFF_REASONS_WITH_CODE
from portal.notifications.channels import EMAIL, TEXT
from portal.notifications.schedule import quiet_hours_end
from portal.rules import pauses


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
    SUPPORTER = "supporter"
    STAFF = "staff"


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
    if notification.audience == SUPPORTER:
        return _route_invitation(notification, now, available)
    if notification.audience == STAFF:
        return _route_staff(notification, now, available)
    case = notification.case
    if notification.audience == OFFICER:
        if EMAIL not in available:
            return Route(Action.SKIP, "staff_view_only")
        return Route(Action.SEND, kind=EMAIL, recipient=Recipient.OFFICER, to=case.officer.email)

    victim = case.victim
    if victim.is_disabled:
        return Route(Action.SKIP, "account_disabled")
    # She asked for a pause with no messages: held (for her and her ISVA), never dropped.
    paused_until = pauses.hold_until(case, notification.reason, now)
    if paused_until is not None:
        return Route(Action.HOLD, pauses.PAUSED, until=paused_until)
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


def _route_invitation(notification: Notification, now: datetime, available) -> Route:
    grant = notification.grant
    # The code is no use once the victim withdrew the invitation, once it was used (the
    # victim may have passed it on themselves after all) or once it is out of date.
    if grant.withdrawn_at is not None:
        return Route(Action.SKIP, "invitation_withdrawn")
    if grant.accepted_at is not None:
        return Route(Action.SKIP, "invitation_used")
    if grant.invitation_expires_at is None or grant.invitation_expires_at <= now:
        return Route(Action.SKIP, "invitation_expired")
    if grant.victim.is_disabled:
        return Route(Action.SKIP, "account_disabled")
    if notification._supporter_email is None or notification._invitation_code is None:
        return Route(Action.FAIL, "no_email")
    if EMAIL not in available:
        return Route(Action.WAIT, "no_channel")
    # No quiet hours: they are the victim's, and this goes to someone else.
    return Route(
        Action.SEND, kind=EMAIL, recipient=Recipient.SUPPORTER, to=notification.supporter_email
    )


def _route_staff(notification: Notification, now: datetime, available) -> Route:
    """A message about a staff member's own account goes to their work email and nowhere
    else. With no email set up it waits in the outbox: no page shows it to anyone."""
    user = notification.staff_user
    if notification.reason in STAFF_REASONS_WITH_CODE:
        # A code is no use once used, replaced or out of date (its hash is gone or stale).
        if notification._invitation_code is None:
            return Route(Action.SKIP, "code_used")
        if user.reset_expires_at is None or user.reset_expires_at <= now:
            return Route(Action.SKIP, "code_expired")
    if user.is_disabled:
        return Route(Action.SKIP, "account_disabled")
    if EMAIL not in available:
        return Route(Action.WAIT, "no_channel")
    return Route(Action.SEND, kind=EMAIL, recipient=Recipient.STAFF, to=user.email)


def victim_kind(victim) -> str | None:
    """The kind of message a notification for this victim goes by; None for portal only."""
    if victim.contact_via_isva:
        return EMAIL
    if victim.channel == Channel.PORTAL_ONLY:
        return None
    return TEXT if victim.channel == Channel.TEXT else EMAIL
