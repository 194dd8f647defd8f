"""`portal notifications send-due` (one pass, for cron) and `run` (until SIGTERM)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

from portal.data.models import Notification, NotificationStatus, utcnow
from portal.extensions import db
from tests.factories import make_case, make_victim, queue_notification


def _environment(app, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update(PORTAL_ENV="test", PORTAL_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    env.update(extra)
    return env


def test_send_due_reminds_officers_sends_what_is_due_and_says_what_happened(app, app_context):
    queue_notification(make_case(victim=make_victim(channel="portal")))
    make_case(
        victim=make_victim(routine_frequency="fortnightly"),
        last_contact_at=utcnow() - timedelta(days=20),
    )

    result = subprocess.run(
        [sys.executable, "-m", "portal", "notifications", "send-due"],
        capture_output=True,
        text=True,
        env=_environment(app),
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    # The victim chose portal only; the officer's reminder has no email to go by (the demo).
    assert "Routine reminders queued: 1. Notifications: skip 2." in result.stdout
    statuses = db.session.scalars(db.select(Notification.status)).all()
    assert statuses == [NotificationStatus.SKIPPED] * 2


def test_run_sends_as_notifications_fall_due_and_stops_cleanly_on_sigterm(
    app, app_context, smtp_server
):
    notification = queue_notification(
        make_case(victim=make_victim(channel="email", email="robin@example.net"))
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "portal", "notifications", "run", "--interval", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(
            app,
            PORTAL_SMTP_HOST="127.0.0.1",
            PORTAL_SMTP_PORT=str(smtp_server.port),
            PORTAL_SMTP_TLS="none",
        ),
    )
    try:
        deadline = time.monotonic() + 30
        while not smtp_server.received and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(smtp_server.received) == 1
        worker.send_signal(signal.SIGTERM)
        stdout, stderr = worker.communicate(timeout=15)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.communicate()

    assert worker.returncode == 0, stderr
    assert stdout.strip().endswith("Stopped.")
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).status == NotificationStatus.SENT
