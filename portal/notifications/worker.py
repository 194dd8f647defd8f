"""The worker: claim due notifications, send each outside any lock, record what happened.

Several workers on several machines may run at once. A claim is a short transaction that
marks rows as taken (`claimed_by`, `claimed_until`): on PostgreSQL with
`SELECT ... FOR UPDATE SKIP LOCKED`, so two workers never wait on or take the same rows;
on SQLite (one machine, the demo) with a conditional UPDATE that only one writer can win.
The send happens after that transaction has ended, and the result is written only if the
claim is still ours. A worker that dies mid-send leaves its claim to lapse after LEASE.

Logs carry notification ids, actions and reason codes: never an address, a body, a code
word or an invitation code. An invitation's code and address are set to NULL with the
last result (sent, failed for good, or skipped), in the same UPDATE.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from portal.data import job_runs
from portal.data.models import Notification, NotificationStatus, utcnow
from portal.data.outbox import FORGET_WHEN_DONE
from portal.extensions import db
from portal.notifications import texts
from portal.notifications.channels import DeliveryError, Outgoing, senders_from_settings
from portal.notifications.routing import Action, Recipient, Route, route
from portal.notifications.schedule import retry_at

log = logging.getLogger("portal.notifications")

LEASE = timedelta(minutes=5)
# With no sender set up, look again now and then (a sender may be configured and the
# worker restarted) rather than on every pass.
RECHECK_WITHOUT_CHANNEL = timedelta(minutes=15)
BATCH_SIZE = 20
REMINDER_CHECK_SECONDS = 600
# Closed cases pass their retention date by the day: one purge a day is on time.
PURGE_EVERY_SECONDS = 24 * 60 * 60


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:80]


def send_due(
    senders: Mapping[str, object] | None = None,
    worker_id: str | None = None,
    batch_size: int = BATCH_SIZE,
    should_stop: Callable[[], bool] = lambda: False,
) -> Counter:
    """Send everything that is due now; return how many notifications ended each way."""
    if senders is None:
        senders = senders_from_settings(current_app.config["SETTINGS"])
    worker_id = worker_id or worker_name()
    outcomes: Counter = Counter()
    while not should_stop():
        claimed = claim(worker_id, utcnow(), batch_size)
        if not claimed:
            break
        for position, notification_id in enumerate(claimed):
            if should_stop():
                release(claimed[position:], worker_id)
                break
            try:
                outcomes[process(notification_id, worker_id, senders)] += 1
            except Exception as error:  # one bad row must not stop the others
                db.session.rollback()
                log.error("notification %s: %s", notification_id, type(error).__name__)
                outcomes["error"] += 1
    return outcomes


def claim(worker_id: str, now: datetime, limit: int) -> list[uuid.UUID]:
    """Take up to `limit` due notifications for this worker, in a short transaction."""
    session = db.session
    due = (
        select(Notification.id)
        .where(
            Notification.status == NotificationStatus.PENDING,
            Notification.next_attempt_at <= now,
            or_(Notification.claimed_until.is_(None), Notification.claimed_until < now),
        )
        .order_by(Notification.next_attempt_at, Notification.id)
        .limit(limit)
    )
    mark = {"claimed_by": worker_id, "claimed_until": now + LEASE}
    if session.get_bind().dialect.name == "postgresql":
        ids = list(session.scalars(due.with_for_update(skip_locked=True)))
        if ids:
            session.execute(
                update(Notification).where(Notification.id.in_(ids)).values(**mark),
                execution_options={"synchronize_session": False},
            )
        session.commit()
        return ids

    claimed: list[uuid.UUID] = []
    # Another worker may win every row we saw; look again until we win one or none is left.
    while not claimed:
        candidates = list(session.scalars(due))
        session.commit()  # end the read before writing: SQLite cannot upgrade a stale reader
        if not candidates:
            break
        claimed = _claim_each(candidates, mark, now)
    return claimed


def _claim_each(candidates: list[uuid.UUID], mark: dict, now: datetime) -> list[uuid.UUID]:
    session = db.session
    claimed = []
    for notification_id in candidates:
        result = session.execute(
            update(Notification)
            .where(
                Notification.id == notification_id,
                Notification.status == NotificationStatus.PENDING,
                or_(Notification.claimed_until.is_(None), Notification.claimed_until < now),
            )
            .values(**mark),
            execution_options={"synchronize_session": False},
        )
        session.commit()
        if result.rowcount == 1:
            claimed.append(notification_id)
    return claimed


def release(ids: list[uuid.UUID], worker_id: str) -> None:
    """Give back claims not yet worked on, so another worker can take them at once."""
    if ids:
        _record(ids, worker_id, {})


def process(notification_id: uuid.UUID, worker_id: str, senders: Mapping[str, object]) -> str:
    """Work on one claimed notification; return what became of it (for counting)."""
    session = db.session
    session.expire_all()
    notification = session.get(Notification, notification_id)
    if notification is None or notification.claimed_by != worker_id:
        session.commit()
        return "lost"
    now = utcnow()
    decision = route(notification, now, senders)
    if decision.action != Action.SEND:
        return _settle(notification, decision, worker_id, now)

    outgoing = _outgoing(notification, decision)
    attempts = notification.attempts + 1
    request_id = notification.request_id  # the web request that queued it, for the log
    session.commit()  # no transaction stays open while we talk to the outside world
    sender = senders[decision.kind]
    try:
        sender.send(outgoing)
    except DeliveryError as error:
        return _failed_attempt(notification_id, worker_id, attempts, error, sender.name)
    _record(
        [notification_id],
        worker_id,
        {
            "status": NotificationStatus.SENT,
            "attempts": attempts,
            "channel": sender.name,
            "sent_at": utcnow(),
            "last_error": None,
            "held_until": None,
        },
    )
    log.info(
        "notification %s sent via %s (%s)",
        notification_id,
        sender.name,
        decision.kind,
        extra={"fields": {"request_id": request_id}},
    )
    return "sent"


def _outgoing(notification: Notification, decision: Route) -> Outgoing:
    if decision.recipient == Recipient.SUPPORTER:
        victim = notification.grant.victim
        text = texts.for_supporter_invitation(victim, notification.invitation_code)
    elif decision.recipient == Recipient.STAFF:
        text = texts.for_staff(notification.reason, notification.invitation_code)
    elif decision.recipient == Recipient.OFFICER:
        text = texts.for_officer_reminder(notification.routine_due_at or notification.created_at)
    elif decision.recipient == Recipient.ISVA:
        text = texts.for_isva(notification.case.victim, notification.reason)
    else:
        text = texts.for_victim(notification.case.victim, notification.reason, decision.kind)
    return Outgoing(decision.kind, decision.to, text.subject, text.body, str(notification.id))


def _settle(notification: Notification, decision: Route, worker_id: str, now: datetime) -> str:
    notification_id = notification.id
    values: dict = {"last_error": decision.code}
    if decision.action == Action.SKIP:
        values["status"] = NotificationStatus.SKIPPED
    elif decision.action == Action.FAIL:
        values["status"] = NotificationStatus.FAILED
    elif decision.action == Action.HOLD:
        values.update(next_attempt_at=decision.until, held_until=decision.until)
    else:  # WAIT: stays pending in the outbox, and the staff view says why
        values["next_attempt_at"] = now + RECHECK_WITHOUT_CHANNEL
    db.session.commit()
    _record([notification_id], worker_id, values)
    log.info("notification %s %s: %s", notification_id, decision.action, decision.code)
    return str(decision.action)


def _failed_attempt(
    notification_id: uuid.UUID, worker_id: str, attempts: int, error: DeliveryError, name: str
) -> str:
    next_try = None if error.permanent else retry_at(utcnow(), attempts)
    values: dict = {"attempts": attempts, "channel": name, "last_error": error.code}
    if next_try is None:
        values["status"] = NotificationStatus.FAILED
    else:
        values["next_attempt_at"] = next_try
    _record([notification_id], worker_id, values)
    outcome = "failed" if next_try is None else "retrying"
    log.warning(
        "notification %s attempt %d via %s %s: %s",
        notification_id,
        attempts,
        name,
        outcome,
        error.code,
    )
    return outcome


def _record(ids: list[uuid.UUID], worker_id: str, values: dict) -> None:
    """Write a result and drop the claim, but only where the claim is still ours."""
    if values.get("status", NotificationStatus.PENDING) != NotificationStatus.PENDING:
        values = {**values, **FORGET_WHEN_DONE}
    result = db.session.execute(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.claimed_by == worker_id)
        .values(claimed_by=None, claimed_until=None, **values),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    if result.rowcount != len(ids):
        log.warning("notification claim lapsed before its result was recorded: %s", ids)


def run_forever(interval_seconds: float, stop: threading.Event) -> None:
    """Pass after pass until `stop` is set (by SIGTERM in `portal notifications run`).

    The worker is also the schedule: routine reminders every REMINDER_CHECK_SECONDS and
    the retention purge every PURGE_EVERY_SECONDS, each marking its success in the
    database (`job_run`) for /metrics, so a schedule that stopped shows as a stale time.
    """
    worker_id = worker_name()
    log.info("notification worker %s started", worker_id)
    next_reminders = next_purge = time.monotonic()
    while not stop.is_set():
        try:
            if time.monotonic() >= next_reminders:
                # Routine updates fall due by the day: looking every few minutes is plenty.
                run_reminders()
                next_reminders = time.monotonic() + REMINDER_CHECK_SECONDS
            if time.monotonic() >= next_purge:
                run_purge()
                next_purge = time.monotonic() + PURGE_EVERY_SECONDS
            outcomes = send_due(worker_id=worker_id, should_stop=stop.is_set)
            if outcomes:
                log.info("notification pass: %s", dict(outcomes))
        except Exception as error:  # a database blip must not end the worker
            db.session.rollback()
            log.error("notification pass failed: %s", type(error).__name__)
        finally:
            db.session.remove()
        stop.wait(interval_seconds)
    log.info("notification worker %s stopped", worker_id)


def run_reminders() -> int:
    """Queue officers' reminders of missed routine updates, and mark the run a success."""
    from portal.notifications.reminders import remind_officers

    queued = remind_officers(utcnow())
    job_runs.record_success(job_runs.ROUTINE_REMINDERS)
    return queued


def run_purge():
    """The retention purge (portal/data/retention.py), and mark the run a success."""
    from portal.data.retention import purge

    report = purge(current_app.config["SETTINGS"].retention_days)
    job_runs.record_success(job_runs.RETENTION_PURGE)
    log.info("retention purge: %s cases, %s victims", report.cases, report.victims)
    return report
