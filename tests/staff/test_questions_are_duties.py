"""A victim's question is a duty with a reply date: it stays in the caseload and on the
supervisor's dashboard until it is answered, whoever opened the case page meanwhile."""

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, Message
from portal.extensions import db
from tests.pages import PageClient
from tests.sign_in import sign_in, staff_client

FRIDAY = datetime(2026, 12, 18, 10, 0, tzinfo=UTC)  # Friday 18 December 2026
THIRD_WORKING_DAY = datetime(2026, 12, 23, 10, 0, tzinfo=UTC)  # Wednesday 23 December


def _ask(app, victim, case, text="When will I hear about court?"):
    client = PageClient(app)
    sign_in(client, victim)
    response = client.post("/my/questions", {"body": text})
    assert response.status_code == 303
    return client.get_page("/my/questions")


def _caseload_row(client, case):
    return client.get_page("/staff/").select_one(f"tr[data-case-id='{case.id}']")


def test_the_victim_is_told_the_reply_date_two_working_days_ahead(app, victim, case):
    with time_machine.travel(FRIDAY, tick=False):
        page = _ask(app, victim, case)
    text = page.text()
    assert "Your officer will reply by 22 December 2026." in text  # in the banner
    assert page.select_one(".portal-reply-due").get_text(strip=True) == (
        "Your officer will reply by 22 December 2026."
    )
    stored = db.session.scalar(select(Message))
    assert stored.reply_due_at == datetime(2026, 12, 22, 23, 59, 59, tzinfo=UTC)


def test_a_question_unanswered_for_three_working_days_is_overdue_after_the_case_was_opened(
    app, victim, case, officer, supervisor
):
    with time_machine.travel(FRIDAY, tick=False):
        _ask(app, victim, case)
        # The supervisor opens the case page first, then the officer: both only read it.
        staff_client(app, supervisor).get_page(f"/staff/cases/{case.id}")
        staff_client(app, officer).get_page(f"/staff/cases/{case.id}")
    with time_machine.travel(THIRD_WORKING_DAY, tick=False):
        officer_client = staff_client(app, officer)
        row = _caseload_row(officer_client, case).get_text(" ", strip=True)
        assert "Overdue" in row
        assert "Reply to a question" in row
        assert "Tue 22 Dec 2026, 23:59" in row
        assert "1 waiting for a reply" in row
        # Opening the case page again keeps it open, and the page says it is overdue.
        due = officer_client.get_page(f"/staff/cases/{case.id}").select_one(".portal-reply-due")
        assert due.get_text(" ", strip=True) == (
            "Overdue Reply by Tue 22 Dec 2026, 23:59. Your reply answers it."
        )
        row = _caseload_row(officer_client, case).get_text(" ", strip=True)
        assert "Overdue" in row and "1 waiting for a reply" in row
        supervisor_client = staff_client(app, supervisor)
        dashboard = supervisor_client.get_page("/staff/dashboard")
        waiting = dashboard.select_one("#open-questions").get_text(" ", strip=True)
        assert case.crime_reference in waiting
        assert "Overdue" in waiting
        assert "DC Ada Jones" in waiting
        # The question's words never reach the dashboard.
        assert "court" not in waiting

        officer_client.post(f"/staff/cases/{case.id}/reply", {"body": "Court is not set yet."})
        row = _caseload_row(officer_client, case).get_text(" ", strip=True)
        assert "None waiting" in row
        assert "Reply to a question" not in row
        dashboard = supervisor_client.get_page("/staff/dashboard")
        assert dashboard.select_one("#open-questions").get_text(strip=True) == "None."
        victim_page = PageClient(app)
        sign_in(victim_page, victim)
        assert "will reply by" not in victim_page.get_page("/my/questions").text()


def test_on_its_reply_date_a_question_is_due_today_not_overdue(app, victim, case, officer):
    with time_machine.travel(FRIDAY, tick=False):
        _ask(app, victim, case)
    with time_machine.travel(datetime(2026, 12, 22, 12, 0, tzinfo=UTC), tick=False):
        row = _caseload_row(staff_client(app, officer), case).get_text(" ", strip=True)
    assert "Due today" in row
    assert "Overdue" not in row


def test_questions_answered_by_phone_are_marked_and_stop_waiting(app, victim, case, officer):
    with time_machine.travel(FRIDAY, tick=False):
        _ask(app, victim, case)
        client = staff_client(app, officer)
        page = client.get_page(f"/staff/cases/{case.id}")
        assert page.select_one("#answered-another-way") is not None
        response = client.post(
            f"/staff/cases/{case.id}/questions/answered", from_url=f"/staff/cases/{case.id}"
        )
        assert response.status_code == 303
        page = client.get_page(f"/staff/cases/{case.id}")
        assert "Their questions are marked as answered." in page.soup.get_text()
        assert page.select_one("#answered-another-way") is None
        assert page.select_one(".portal-reply-due") is None
        assert "None waiting" in _caseload_row(client, case).get_text(" ", strip=True)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "message.questions_answered_another_way")
    )
    assert event.detail == {"questions_answered": 1}
    # The victim is sent nothing: only the question itself is in her conversation.
    assert len(db.session.scalars(select(Message)).all()) == 1
