"""Routine-update reminders for officers.

When the routine update the victim agreed to (fortnightly, monthly) falls due and nothing
has been published, the officer is reminded: a staff-audience row in the outbox, shown in
the staff view and emailed to the officer when email is set up. The victim is never sent
an empty "no news" message: what to tell them is the officer's call.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.data.models import Case, CaseStatus, Notification, Update
from portal.extensions import db
from portal.rules.victims_code import is_overdue, next_routine_due

log = logging.getLogger("portal.notifications")

REMINDER_REASON = "routine_due"


def routine_update_overdue(case: Case, now: datetime) -> datetime | None:
    """The due date of the routine update this case has missed, or None if none is missed."""
    if case.status != CaseStatus.OPEN:
        return None
    try:
        due = next_routine_due(
            case.last_contact_at, case.victim.routine_frequency, case.force_country
        )
    except ValueError:  # an unknown frequency: no routine contact was agreed
        return None
    if due is None or not is_overdue(due, now):
        return None
    published_since = db.session.scalar(
        select(
            exists().where(Update.case_id == case.id, Update.published_at > case.last_contact_at)
        )
    )
    return None if published_since else due


def remind_officers(now: datetime) -> int:
    """Queue one reminder per missed routine update; return how many were queued."""
    cases = db.session.scalars(
        select(Case)
        .where(Case.status == CaseStatus.OPEN)
        .options(selectinload(Case.victim))
        .order_by(Case.id)
    ).all()
    queued = 0
    for case in cases:
        due = routine_update_overdue(case, now)
        if due is None or _already_reminded(case, due):
            continue
        try:
            # A savepoint: if another worker queued the same reminder a moment ago, the
            # unique constraint refuses ours and the rest of the pass carries on.
            with db.session.begin_nested():
                db.session.add(
                    Notification(
                        case_id=case.id,
                        audience="officer",
                        reason=REMINDER_REASON,
                        routine_due_at=due,
                        next_attempt_at=now,
                    )
                )
            queued += 1
        except IntegrityError:
            log.info("routine reminder for case %s already queued elsewhere", case.id)
    db.session.commit()
    if queued:
        log.info("queued %d routine reminders", queued)
    return queued


def _already_reminded(case: Case, due: datetime) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(Notification.case_id == case.id, Notification.routine_due_at == due)
            )
        )
    )
