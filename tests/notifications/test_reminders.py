"""Routine updates: the officer is reminded when one is missed; the victim is sent nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from flask import render_template
from sqlalchemy import select

from portal.data.models import Notification
from portal.extensions import db
from portal.notifications.delivery_status import notification_status
from portal.notifications.reminders import remind_officers
from portal.notifications.worker import send_due
from tests.factories import make_case, make_staff, make_update, make_victim
from tests.pages import fragment

LAST_CONTACT = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
AFTER_DUE = datetime(2026, 2, 6, 9, 0, tzinfo=UTC)  # monthly: due by the end of 5 February


def _monthly_case(officer_email="dc.carter@force.example", **victim_fields):
    victim = make_victim(channel="email", routine_frequency="monthly", **victim_fields)
    officer = make_staff(email=officer_email, display_name="DC Carter")
    return make_case(victim=victim, officer=officer, last_contact_at=LAST_CONTACT)


def _notifications() -> list[Notification]:
    return list(db.session.scalars(select(Notification).order_by(Notification.created_at)))


def test_a_missed_routine_update_queues_one_reminder_for_the_officer_and_nothing_for_the_victim(
    app_context, configure
):
    _monthly_case()
    with time_machine.travel(AFTER_DUE, tick=False):
        assert remind_officers(AFTER_DUE) == 1
        assert remind_officers(AFTER_DUE) == 0  # the next pass does not repeat it

    [reminder] = _notifications()
    assert reminder.audience == "officer"
    assert reminder.reason == "routine_due"


def test_no_reminder_before_the_due_date_or_when_something_was_published(app_context, configure):
    on_time = _monthly_case()
    published = _monthly_case(officer_email="dc.other@force.example")
    make_update(published, published_at=datetime(2026, 1, 20, tzinfo=UTC))
    not_agreed = make_case(
        victim=make_victim(routine_frequency="key_decisions"), last_contact_at=LAST_CONTACT
    )

    assert remind_officers(datetime(2026, 2, 5, 22, 0, tzinfo=UTC)) == 0  # still 5 Feb in London
    assert remind_officers(AFTER_DUE) == 1
    assert [n.case_id for n in _notifications()] == [on_time.id]
    assert not_agreed.id not in {n.case_id for n in _notifications()}


def test_the_officer_is_emailed_the_reminder_when_email_is_set_up(
    app_context, configure, smtp_server
):
    configure(smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_tls="none")
    _monthly_case(code_word="kingfisher", email="robin@example.net")
    with time_machine.travel(AFTER_DUE, tick=False):
        remind_officers(AFTER_DUE)
        assert send_due()["sent"] == 1

    [received] = smtp_server.received
    assert received["rcpt_tos"] == ["dc.carter@force.example"]
    message = received["message"]
    assert message["Subject"] == "A routine update is due"
    body = message.get_content()
    assert "was due on 5 February 2026" in body
    assert "https://beacon.example.org/staff" in body
    assert "kingfisher" not in body and "robin" not in body


def test_without_email_the_reminder_is_shown_in_the_staff_view_only(app, app_context, configure):
    case = _monthly_case()
    with time_machine.travel(AFTER_DUE, tick=False):
        remind_officers(AFTER_DUE)
        assert send_due() == {"skip": 1}
        with app.test_request_context():
            page = fragment(
                render_template(
                    "staff/_notification_status.html", notifications=notification_status(case)
                )
            )
    row = page.select_one("tbody tr").get_text(" ", strip=True)
    assert "6 February 2026" in row  # queued on the morning after the due date
    assert "Routine update reminder to the officer" in row
    assert "Shown here only: no email is set up" in row
