"""A records-system event becomes a draft with its Code deadline running from the event's
own time, is recorded once however often it is sent, and reaches only its force's cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from portal.data.models import (
    AuditEvent,
    Notification,
    Obligation,
    RecordsEvent,
    Update,
    utcnow,
)
from portal.extensions import db
from portal.rules.victims_code import code_deadline
from tests import factories

ARRESTED_AT = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)


def _count(model) -> int:
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(model))


def test_an_event_becomes_a_draft_with_its_deadline_running_from_the_event(home, case):
    answer = home.event("RSO/26/0707")

    assert answer.status_code == 201, answer.json
    # Victims' Code, Right 6: enhanced service, 1 working day from the arrest itself.
    due = code_deadline("suspect_arrested", ARRESTED_AT, True, "england")
    assert answer.json["outcome"] == "draft"
    assert answer.json["due_at"] == due.isoformat().replace("+00:00", "Z")
    assert answer.json["update_id"] is None
    duty = db.session.scalar(select(Obligation))
    assert duty.case_id == case.id and duty.occurred_at == ARRESTED_AT and duty.due_at == due
    assert duty.met_at is None  # running until the officer publishes
    assert _count(Update) == 0 and _count(Notification) == 0  # the victim hears nothing yet
    assert answer.headers["Idempotent-Replayed"] == "false"


def test_the_same_event_sent_twice_is_recorded_once_and_answered_the_same(home, case):
    first = home.event("RSO/26/0707")
    second = home.event("RSO/26/0707")

    assert first.status_code == second.status_code == 201
    assert first.json == second.json
    assert second.headers["Idempotent-Replayed"] == "true"
    assert _count(RecordsEvent) == 1 and _count(Obligation) == 1


def test_the_same_event_id_for_a_different_event_is_refused_and_writes_nothing(home, case):
    home.event("RSO/26/0707")
    answer = home.event("RSO/26/0707", event_type="charged")

    assert answer.status_code == 409
    assert answer.json["field"] == "event_id"
    assert _count(RecordsEvent) == 1 and _count(Obligation) == 1


def test_a_client_cannot_post_to_another_forces_case(other, case):
    answer = other.event("RSO/26/0707")

    assert answer.status_code == 404
    assert answer.json == {"error": "not_found", "message": "No such case.", "field": "reference"}
    assert _count(RecordsEvent) == 0 and _count(Obligation) == 0


def test_a_missing_case_and_another_forces_case_get_the_same_answer(other, home, case):
    missing = home.event("RSO/99/0001")
    theirs = other.event("RSO/26/0707")
    assert missing.status_code == theirs.status_code == 404
    assert missing.json == theirs.json


def test_a_future_event_is_refused_naming_the_field(home, case):
    tomorrow = (utcnow() + timedelta(days=1)).isoformat()
    answer = home.event("RSO/26/0707", occurred_at=tomorrow)

    assert answer.status_code == 422
    assert answer.json["field"] == "occurred_at"
    assert _count(RecordsEvent) == 0 and _count(Obligation) == 0


def test_bad_input_gets_a_json_error_naming_the_field(home, case):
    path = "/api/v1/cases/RSO/26/0707/events"
    cases = [
        (home.event("RSO/26/0707", event_type="tea_break"), 422, "event_type"),
        (home.event("RSO/26/0707", occurred_at="2 March 2026"), 422, "occurred_at"),
        (home.event("RSO/26/0707", occurred_at="2026-03-02T10:15:00"), 422, "occurred_at"),
        (home.event("RSO/26/0707", event_id="has spaces"), 422, "event_id"),
        (home.event("RSO/26/0707", event_id=None), 422, "event_id"),
        (home.event("RSO/26/0707", sensitive="yes"), 422, "sensitive"),
        (home.event("RSO/26/0707", colour="blue"), 422, "colour"),
        (home.post(path, b"{not json"), 400, "body"),
        (home.post(path, [1, 2]), 422, "body"),
    ]
    for answer, status, field in cases:
        assert answer.status_code == status, answer.json
        assert answer.content_type == "application/json"
        assert answer.json["field"] == field
    assert _count(RecordsEvent) == 0 and _count(Obligation) == 0


def test_a_closed_case_takes_no_events(home, victim, officer):
    factories.make_case(
        victim=victim, officer=officer, crime_reference="RSO/26/0808", status="closed"
    )
    answer = home.event("RSO/26/0808")
    assert answer.status_code == 409 and answer.json["field"] == "reference"
    assert _count(RecordsEvent) == 0


def test_an_event_type_the_force_chose_publishes_its_template_update_at_once(home, case):
    answer = home.event("RSO/26/0707", event_type="court_date_set", event_id="court-1")

    assert answer.status_code == 201
    assert answer.json["outcome"] == "published"
    update = db.session.get(Update, __import__("uuid").UUID(answer.json["update_id"]))
    assert update.case_id == case.id and update.event_type == "court_date_set"
    assert update.published_by_id == case.officer_id  # in the case officer's name
    assert update.free_text is None  # the template's words, nobody's typing
    duty = db.session.scalar(select(Obligation))
    assert duty.met_by_update_id == update.id  # the duty is met by that update
    assert _count(Notification) == 1  # and the victim is told
    again = home.event("RSO/26/0707", event_type="court_date_set", event_id="court-1")
    assert again.json == answer.json and _count(Update) == 1


def test_the_officer_publishing_the_draft_meets_the_duty_the_event_started(home, case, officer):
    from portal.rules import publishing

    home.event("RSO/26/0707")
    draft = publishing.Draft("suspect_arrested", ARRESTED_AT, "We arrested a man.", True, "k1")
    publishing.publish(db.session.get(type(case), case.id), draft, officer)

    duty = db.session.scalar(select(Obligation))
    assert duty.met_at is not None
    assert _count(Obligation) == 1


def test_every_call_is_audited_refusals_too(home, other, case):
    home.event("RSO/26/0707")
    other.event("RSO/26/0707")
    home.http.post("/api/v1/cases/RSO/26/0707/events", json={})

    calls = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "api.call").order_by(AuditEvent.seq)
    ).all()
    seen = [(call.detail["client"], call.detail["status"]) for call in calls]
    assert seen == [("rms-home", 201), ("rms-other", 404), (None, 401)]
    received = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "records.event_received")
    )
    assert received.actor_kind == "records_system" and received.detail["client"] == "rms-home"


def test_the_api_sets_no_cookie_and_needs_no_csrf_token(home, case):
    answer = home.event("RSO/26/0707")
    assert answer.status_code == 201  # CSRF is on in the suite, and no token was sent
    assert "Set-Cookie" not in answer.headers


def test_a_client_without_the_events_scope_is_refused(api, case):
    from tests.staff.api.conftest import CLIENTS, ApiCaller

    key = __import__("base64").urlsafe_b64decode(CLIENTS[2]["signing_key"])
    answer = ApiCaller(api, "rms-cases-only", key).event("RSO/26/0707")
    assert answer.status_code == 403 and answer.json["error"] == "insufficient_scope"
    assert _count(RecordsEvent) == 0


def test_a_database_failure_writes_nothing_and_says_send_it_again(home, case, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from portal.rules import publishing

    def broken(update, reason="update"):
        raise OperationalError("INSERT INTO notification", {}, Exception("database went away"))

    with monkeypatch.context() as patch:
        patch.setattr(publishing.outbox, "enqueue_for_update", broken)
        published = home.event("RSO/26/0707", event_type="court_date_set", event_id="court-9")
    assert published.status_code == 503 and published.json["error"] == "unavailable"
    assert _count(RecordsEvent) == 0 and _count(Obligation) == 0 and _count(Update) == 0
    # Sent again once the database is back, it is recorded, once.
    again = home.event("RSO/26/0707", event_type="court_date_set", event_id="court-9")
    assert again.status_code == 201 and _count(RecordsEvent) == 1
