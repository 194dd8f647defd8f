"""What staff see about a case's notifications: the case page's list and the caseload tags.

Both partials in templates/staff/ call these (they are template globals), with the case
the staff view has already loaded through the scoping functions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from portal.data.models import Case, Notification, NotificationStatus, utcnow
from portal.extensions import db
from portal.notifications.reminders import REMINDER_REASON
from portal.notifications.routing import Action, route, victim_kind
from portal.notifications.schedule import (
    MAX_ATTEMPTS,
    london_clock,
    london_day_and_clock,
)

RECENT = 10

# Reason codes stored in `last_error`, in words for staff. None of them holds an address.
REASONS = {
    "no_channel": _l("Not sent: no channel set up"),
    "no_email": _l("The victim has no email address in their communication plan"),
    "no_phone": _l("The victim has no mobile number in their communication plan"),
    "no_isva_email": _l(
        "The victim asked for contact through their ISVA, but there is no ISVA email address"
    ),
    "portal_only": _l("Not sent: the victim chose to check the portal only"),
    "account_disabled": _l("Not sent: the victim's account is disabled"),
    "staff_view_only": _l("Shown here only: no email is set up"),
    "quiet_hours": _l("Held for the victim's quiet hours"),
    "paused": _l("Held: the victim asked for a pause in messages"),
    "address_refused": _l("The address was refused"),
    "provider_rejected": _l("The message service rejected it"),
    "provider_sign_in": _l("The portal could not sign in to the message service"),
    "provider_unreachable": _l("The message service could not be reached"),
}

WHAT = {
    "reply": _l("Reply to a question"),
    "correction": _l("Correction"),
    "review_acknowledged": _l("Review request acknowledged"),
    "review_decided": _l("Review decision made"),
    "records_request": _l("A request for their records"),
    "access_reissued": _l("New activation code approved (the victim is told)"),
    "belongings": _l("Belongings taken"),  # an item recorded or its status changed
    REMINDER_REASON: _l("Routine update reminder to the officer"),
}


@dataclass(frozen=True)
class Line:
    what: str
    state: str  # sent, failed, held, retrying, waiting, no_channel, skipped
    label: str
    queued: str
    detail: str | None = None


@dataclass(frozen=True)
class Flag:
    label: str
    colour: str


def case_notifications(case: Case, limit: int = RECENT) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.case_id == case.id)
            .order_by(Notification.created_at.desc(), Notification.id)
            .limit(limit)
        )
    )


def undelivered(case: Case) -> list[Notification]:
    """Failed notifications to the victim that no later delivery has made up for."""
    last_sent = db.session.scalar(
        select(Notification.created_at)
        .where(
            Notification.case_id == case.id,
            Notification.audience == "victim",
            Notification.status == NotificationStatus.SENT,
        )
        .order_by(Notification.created_at.desc())
        .limit(1)
    )
    query = select(Notification).where(
        Notification.case_id == case.id,
        Notification.audience == "victim",
        Notification.status == NotificationStatus.FAILED,
    )
    if last_sent is not None:
        query = query.where(Notification.created_at > last_sent)
    return list(db.session.scalars(query.order_by(Notification.created_at, Notification.id)))


def describe(notification: Notification, now: datetime, available) -> Line:
    what = str(WHAT.get(notification.reason, _("New update")))
    status = notification.status
    reason = REASONS.get(notification.last_error or "")
    line = {"what": what, "queued": london_day_and_clock(notification.created_at)}
    if status == NotificationStatus.SENT:
        label = _("Sent at %(time)s", time=london_clock(notification.sent_at))
        return Line(state="sent", label=label, **line)
    if status == NotificationStatus.FAILED:
        return Line(state="failed", label=_("Not delivered"), detail=_str(reason), **line)
    if status == NotificationStatus.SKIPPED:
        return Line(state="skipped", label=_str(reason) or _("Not sent"), **line)
    if notification.held_until and notification.held_until > now:
        label = _("Held until %(time)s", time=london_clock(notification.held_until))
        return Line(state="held", label=label, detail=_str(reason), **line)
    if notification.attempts:
        label = _(
            "Trying again at %(time)s (attempt %(number)d of %(limit)d)",
            time=london_clock(notification.next_attempt_at),
            number=notification.attempts + 1,
            limit=MAX_ATTEMPTS,
        )
        return Line(state="retrying", label=label, detail=_str(reason), **line)
    # Not yet worked on: say now what the worker will find, so the demo shows it too.
    decision = route(notification, now, available)
    if decision.action == Action.WAIT:
        return Line(state="no_channel", label=str(REASONS["no_channel"]), **line)
    return Line(state="waiting", label=_("Waiting to be sent"), **line)


def notification_status(case: Case) -> dict:
    """The context for templates/staff/_notification_status.html."""
    now = utcnow()
    available = _available_kinds()
    return {
        "lines": [describe(n, now, available) for n in case_notifications(case)],
        "undelivered": [describe(n, now, available) for n in undelivered(case)],
        "victim": case.victim,
    }


def notification_flags_for(cases: list[Case]) -> dict[uuid.UUID, list[Flag]]:
    """Small tags for each caseload row, for every case at once: the caseload needs the
    same number of queries for eight cases as for two."""
    ids = {case.id for case in cases}
    last_sent = dict(
        db.session.execute(
            select(Notification.case_id, func.max(Notification.created_at))
            .where(
                Notification.case_id.in_(ids),
                Notification.audience == "victim",
                Notification.status == NotificationStatus.SENT,
            )
            .group_by(Notification.case_id)
        ).all()
    )
    open_rows = db.session.execute(
        select(Notification.case_id, Notification.status, Notification.created_at)
        .where(
            Notification.case_id.in_(ids),
            Notification.audience == "victim",
            or_(
                Notification.status == NotificationStatus.FAILED,
                # Never tried yet: these are the ones that wait for a channel.
                and_(
                    Notification.status == NotificationStatus.PENDING,
                    Notification.attempts == 0,
                    Notification.held_until.is_(None),
                ),
            ),
        )
        .order_by(Notification.case_id, Notification.created_at)
    ).all()
    available = _available_kinds()
    by_id = {case.id: case for case in cases}
    flags: dict[uuid.UUID, list[Flag]] = {case_id: [] for case_id in ids}
    for case_id, status, created_at in open_rows:
        sent = last_sent.get(case_id)
        if status == NotificationStatus.FAILED and (sent is None or created_at > sent):
            flag = Flag(_("Message not delivered"), "red")
        elif status == NotificationStatus.PENDING and _waits_for_channel(by_id[case_id], available):
            flag = Flag(_("Not sent: no channel set up"), "yellow")
        else:
            continue
        if flag not in flags[case_id]:
            flags[case_id].append(flag)
    return flags


def _waits_for_channel(case: Case, available: set[str]) -> bool:
    kind = victim_kind(case.victim)
    return kind is not None and kind not in available


def _available_kinds() -> set[str]:
    from portal.notifications.channels import senders_from_settings

    return set(senders_from_settings(current_app.config["SETTINGS"]))


def _str(value) -> str | None:
    return None if value is None else str(value)
