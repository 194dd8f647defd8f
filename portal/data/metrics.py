"""What /metrics shows (docs/deployment.md, "Metrics").

Two kinds of figure. Counted in the process that sees them: request latency by route group
and sign-in failures (kept here, in a low layer, so that sign-in and the web layer can both
count). Read from the database at each scrape: the notification queue, failed sends,
overdue Code duties and when each scheduled job last finished well; the worker is another
process, so only the database knows those truly.

Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR to an empty folder
writable by the app: each worker process then writes its counts there and every scrape
adds them up.
"""

from __future__ import annotations

import os
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import func, select

from portal.data.job_runs import last_successes
from portal.data.models import (
    Case,
    CaseStatus,
    Notification,
    NotificationStatus,
    Obligation,
    utcnow,
)
from portal.extensions import db

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

_PROCESS = CollectorRegistry(auto_describe=True)
REQUEST_SECONDS = Histogram(
    "beacon_http_request_duration_seconds",
    "Time to answer a request, by route group (public, victim, supporter, staff, api, ...).",
    ["group"],
    registry=_PROCESS,
)
SIGN_IN_FAILURES = Counter(
    "beacon_sign_in_failures_total",
    "Wrong passphrases, passwords or codes, by kind of account.",
    ["kind"],
    registry=_PROCESS,
)


def count_sign_in_failure(kind: str) -> None:
    SIGN_IN_FAILURES.labels(kind=kind).inc()


class _FromTheDatabase:
    """Gauges read at scrape time; needs an app context."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def collect(self):
        now = self.now
        depth, oldest = db.session.execute(
            select(func.count(Notification.id), func.min(Notification.next_attempt_at)).where(
                Notification.status == NotificationStatus.PENDING,
                Notification.next_attempt_at <= now,
            )
        ).one()
        yield _gauge(
            "beacon_notification_queue_depth", "Notifications due now and not yet sent.", depth
        )
        age = (now - _aware(oldest)).total_seconds() if oldest is not None else 0.0
        yield _gauge(
            "beacon_notification_oldest_due_age_seconds",
            "How long the oldest due notification has waited (0 when none is due).",
            max(age, 0.0),
        )
        failed = db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.status == NotificationStatus.FAILED)
        )
        yield _gauge("beacon_notifications_failed", "Notifications that finally failed.", failed)
        overdue = db.session.scalar(
            select(func.count())
            .select_from(Obligation)
            .join(Case, Case.id == Obligation.case_id)
            .where(
                Obligation.met_at.is_(None),
                Obligation.due_at < now,
                Case.status == CaseStatus.OPEN,
            )
        )
        yield _gauge(
            "beacon_code_duties_overdue",
            "Victims' Code duties past their deadline and not yet met, on open cases.",
            overdue,
        )
        last = GaugeMetricFamily(
            "beacon_job_last_success_timestamp_seconds",
            "When each scheduled job last finished well (Unix time).",
            labels=["job"],
        )
        for name, when in sorted(last_successes().items()):
            last.add_metric([name], _aware(when).timestamp())
        yield last


def _gauge(name: str, documentation: str, value) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=float(value or 0))


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def exposition() -> bytes:
    """Every figure, in Prometheus's text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        process = CollectorRegistry()
        MultiProcessCollector(process)
    else:
        process = _PROCESS
    database = CollectorRegistry(auto_describe=False)
    database.register(_FromTheDatabase(utcnow()))
    return generate_latest(process) + generate_latest(database)
