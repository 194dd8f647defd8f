"""Recording an event to tell the victim about later: the Code deadline starts from when it
happened, shows as due and then overdue, and the update that follows meets it."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from sqlalchemy import func, select

from portal.data.models import AuditEvent, Notification, Obligation, StaffRole, Update
from portal.extensions import db
from tests import factories
from tests.pages import Page, PageClient
from tests.sign_in import sign_in_staff
from tests.staff.test_publishing import _data, _publish

SATURDAY = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)  # after a Friday 16:00 arrest
TUESDAY = datetime(2026, 3, 17, 9, 0, tzinfo=UTC)  # the deadline (Monday) has passed


def _record(client, case, **overrides):
    return client.post(f"/staff/cases/{case.id}/events", _data(free_text="", **overrides))


def test_the_form_offers_to_record_the_event_only_and_says_what_that_means(client, officer, case):
    sign_in_staff(client, officer)
    page = client.get_page(f"/staff/cases/{case.id}/updates/new")
    button = page.select_one("button#record-only")
    assert button["formaction"] == f"/staff/cases/{case.id}/events"
    assert "deadline starts from when it happened" in page.select_one("#record-only-hint").text


def test_a_recorded_event_is_due_then_overdue_and_publishing_meets_it(client, officer, case, app):
    with time_machine.travel(SATURDAY, tick=False):
        sign_in_staff(client, officer)
        response = _record(client, case)
        assert response.status_code == 303
        page = client.get_page(response.headers["Location"])
        banner = page.select_one(".govuk-notification-banner--success").get_text(" ", strip=True)
        assert "Event recorded. Tell them by Mon 16 Mar 2026, 23:59." in banner
        assert "Suspect arrested" in page.select_one("#deadlines").text
    assert db.session.scalar(select(func.count()).select_from(Update)) == 0
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0, (
        "recording tells nobody anything"
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "obligation.recorded"))
    assert event.case_id == case.id

    with time_machine.travel(TUESDAY, tick=False):
        supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=officer.team)
        boss = PageClient(app)
        sign_in_staff(boss, supervisor)
        overdue = boss.get_page("/staff/dashboard").select_one("#overdue").text
        assert case.crime_reference in overdue
        sign_in_staff(client, officer)  # Saturday's session ended long ago
        row = client.get_page("/staff/").select_one(f"tr[data-case-id='{case.id}']")
        assert "Overdue" in row.text

        response = _publish(client, case, free_text="He was arrested on Friday. I am sorry.")
        assert response.status_code == 303
    obligations = db.session.scalars(select(Obligation)).all()
    assert len(obligations) == 1, "the update met the recorded duty, not a new one"
    assert obligations[0].met_at is not None
    assert obligations[0].met_at > obligations[0].due_at, "and it was late, as it should say"


def test_recording_twice_keeps_one_duty(client, officer, case):
    sign_in_staff(client, officer)
    _record(client, case)
    _record(client, case)
    assert db.session.scalar(select(func.count()).select_from(Obligation)) == 1


def test_a_typed_message_is_never_dropped_by_recording_only(client, officer, case):
    sign_in_staff(client, officer)
    response = client.post(f"/staff/cases/{case.id}/events", _data(free_text="Please call me."))
    page = Page(response)
    assert response.status_code == 200
    assert "does not send your message" in " ".join(page.error_summary())
    assert page.select_one("#free_text").text == "Please call me."
    assert db.session.scalar(select(func.count()).select_from(Obligation)) == 0


def test_an_event_with_no_deadline_cannot_be_recorded_only(client, officer, case):
    sign_in_staff(client, officer)
    response = _record(client, case, event_type="routine_update")
    assert response.status_code == 200
    assert "has no Victims' Code deadline" in " ".join(Page(response).error_summary())


def test_nobody_records_an_event_on_a_case_that_is_not_theirs(client, officer):
    other = factories.make_case(officer=factories.make_staff(StaffRole.OFFICER))
    sign_in_staff(client, officer)
    assert _record(client, other).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Obligation)) == 0
