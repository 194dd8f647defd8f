"""What an operator sees: readiness, /metrics from the queue to the schedule, and one JSON
log line a request whose id the worker names again when it sends what the request queued."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import subprocess
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from portal.data import job_runs
from portal.data.models import utcnow
from portal.notifications.worker import run_purge, run_reminders, send_due
from portal.web.request_log import JsonFormatter
from tests import log_watch
from tests.conftest import owner_engine
from tests.factories import make_case, make_obligation, make_victim, queue_notification
from tests.local_services import free_port


def _metric(client, name: str, labels: str = "") -> float:
    body = client.get("/metrics").get_data(as_text=True)
    match = re.search(rf"^{name}{re.escape(labels)} (\S+)$", body, re.MULTILINE)
    assert match, f"{name}{labels} not in /metrics"
    return float(match.group(1))


def test_metrics_show_the_queue_going_up_when_due_and_down_when_sent(
    app, app_context, configure, smtp_server
):
    configure(smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_tls="none")
    http = app.test_client()
    assert _metric(http, "beacon_notification_queue_depth") == 0
    victim = make_victim(channel="email", email="robin@example.net")
    queue_notification(make_case(victim=victim))

    assert _metric(http, "beacon_notification_queue_depth") == 1
    assert _metric(http, "beacon_notification_oldest_due_age_seconds") >= 0
    assert send_due()["sent"] == 1
    assert len(smtp_server.received) == 1
    assert _metric(http, "beacon_notification_queue_depth") == 0
    assert _metric(http, "beacon_notification_oldest_due_age_seconds") == 0


def test_metrics_count_overdue_duties_and_failed_sign_ins(app, client, case, officer):
    http = app.test_client()
    make_obligation(case, due_at=utcnow().replace(year=2025))
    assert _metric(http, "beacon_code_duties_overdue") == 1
    before = _sign_in_failures(http)
    client.http.get("/staff/sign-in")
    token = client.csrf_token("/staff/sign-in")
    client.http.post(
        "/staff/sign-in",
        data={"email": officer.email, "password": "not the password", "csrf_token": token},
    )
    assert _sign_in_failures(http) == before + 1


def _sign_in_failures(http) -> float:
    body = http.get("/metrics").get_data(as_text=True)
    match = re.search(r'^beacon_sign_in_failures_total\{kind="staff"\} (\S+)$', body, re.M)
    return float(match.group(1)) if match else 0.0


def test_metrics_show_when_each_scheduled_job_last_ran(app, app_context):
    http = app.test_client()
    run_reminders()
    run_purge()
    body = http.get("/metrics").get_data(as_text=True)
    for job in (job_runs.ROUTINE_REMINDERS, job_runs.RETENTION_PURGE):
        match = re.search(
            rf'^beacon_job_last_success_timestamp_seconds\{{job="{job}"\}} (\S+)$', body, re.M
        )
        assert match and abs(float(match.group(1)) - time.time()) < 60


def test_metrics_are_refused_to_an_address_not_configured(app, app_context):
    outside = app.test_client().get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert outside.status_code == 404
    assert b"beacon_" not in outside.get_data()


def test_metrics_latency_is_by_route_group(app, app_context):
    http = app.test_client()
    http.get("/rights")
    body = http.get("/metrics").get_data(as_text=True)
    assert re.search(
        r'^beacon_http_request_duration_seconds_count\{group="public"\} [1-9]', body, re.M
    )


def test_ready_when_database_and_migrations_are_current(app, app_context):
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 200
    assert answer.json == {
        "status": "ok",
        "database": "ok",
        "redis": "not configured",
        "migrations": "ok",
    }


def test_not_ready_when_the_migrations_are_behind(app, app_context):
    # Only the tables' owner may change alembic_version (the app's role only reads it).
    with owner_engine().begin() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        answer = app.test_client().get("/readyz")
    finally:
        with owner_engine().begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    assert answer.status_code == 503
    assert answer.json["migrations"] == "behind"


@pytest.fixture
def redis_server():
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.3)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def test_readiness_checks_redis_when_configured(app, app_context, redis_server, monkeypatch):
    settings = app.config["SETTINGS"]
    monkeypatch.setitem(
        app.config, "SETTINGS", dataclasses.replace(settings, redis_url=redis_server)
    )
    assert app.test_client().get("/readyz").json["redis"] == "ok"
    gone = f"redis://127.0.0.1:{free_port()}/0"
    monkeypatch.setitem(app.config, "SETTINGS", dataclasses.replace(settings, redis_url=gone))
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 503 and answer.json["redis"] == "unreachable"


def test_one_json_line_a_request_and_the_worker_names_its_request_id(
    app, app_context, configure, smtp_server, caplog
):
    """The request id of the request that queued a notification is on the worker's line
    about sending it; no line holds the path (it can hold a crime reference)."""
    configure(smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_tls="none")
    victim = make_victim(channel="email", email="robin@example.net")
    case = make_case(victim=victim, crime_reference="RSO/26/9191")
    with app.test_request_context("/staff"):
        from flask import g

        g.request_id = "feedc0ffee1234567890abcdef012345"
        queued = queue_notification(case)
    assert queued.request_id == "feedc0ffee1234567890abcdef012345"
    caplog.set_level(logging.INFO)
    answer = app.test_client().post(
        "/api/v1/cases/RSO/26/9191/events", headers={"X-Request-ID": "abcdefgh12345678"}
    )
    assert answer.headers["X-Request-ID"] == "abcdefgh12345678"
    send_due()
    formatter = JsonFormatter()
    lines = [json.loads(formatter.format(record)) for record in caplog.records]
    [request_line] = [line for line in lines if line["message"] == "request"]
    assert request_line["request_id"] == "abcdefgh12345678"
    assert request_line["group"] == "api" and request_line["status"] == 401
    assert set(request_line) >= {"time", "level", "method", "endpoint", "duration_ms"}
    [sent] = [line for line in lines if line["message"].startswith("notification ")]
    assert sent["request_id"] == "feedc0ffee1234567890abcdef012345"
    assert not any("RSO/26/9191" in json.dumps(line) for line in lines)
    assert any("abcdefgh12345678" in record for record in log_watch.records())


def test_a_job_already_recorded_by_another_worker_is_recorded_again(app_context):
    """Several hosts run the worker: a finish is written with one insert-or-update, so one
    worker never fails on the row another has just written (tests/scale/test_scale_out.py
    runs two workers at once on PostgreSQL, which is where that race showed)."""
    first = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with owner_engine().begin() as other_worker:
        other_worker.execute(
            text("INSERT INTO job_run (name, last_success_at) VALUES (:name, :at)"),
            {"name": job_runs.ROUTINE_REMINDERS, "at": first},
        )
    job_runs.record_success(job_runs.ROUTINE_REMINDERS, first + timedelta(minutes=1))
    assert job_runs.last_successes()[job_runs.ROUTINE_REMINDERS] == first + timedelta(minutes=1)
