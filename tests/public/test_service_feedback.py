"""Feedback about the service: no account, nothing identifying, shown to admins, throttled."""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import ServiceFeedback, StaffRole
from portal.extensions import db
from portal.public.feedback import FEEDBACK_LIMIT
from tests import factories
from tests.sign_in import staff_client


def _stored() -> list[ServiceFeedback]:
    return list(db.session.scalars(select(ServiceFeedback)))


def test_anyone_can_say_what_they_were_trying_to_do_and_whether_it_worked(client, app_context):
    page = client.get_page("/feedback")
    asked = {field["name"] for field in page.select("main form [name]")}
    assert asked == {"csrf_token", "trying_to", "it_worked"}, "nothing that identifies"
    response = client.post("/feedback", {"trying_to": "Find the guides", "it_worked": "partly"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/feedback/sent"
    assert client.get_page("/feedback/sent").h1 == "Thank you for your feedback"
    [answer] = _stored()
    assert (answer.trying_to, answer.it_worked, answer.language) == (
        "Find the guides",
        "partly",
        "en",
    )


def test_an_empty_form_is_refused_with_a_message_and_stores_nothing(client, app_context):
    page = client.post_page("/feedback", {"trying_to": "   "})
    assert page.error_summary() == ["Write what you were trying to do, or choose an answer"]
    assert _stored() == []


def test_too_long_an_answer_is_refused_and_what_was_typed_is_kept(client, app_context):
    page = client.post_page("/feedback", {"trying_to": "x" * 1001, "it_worked": "no"})
    assert page.error_summary() == ["What you write must be 1000 characters or fewer"]
    assert page.select_one("textarea[name=trying_to]").get_text() == "x" * 1001
    assert _stored() == []


def test_a_made_up_answer_is_refused(client, app_context):
    page = client.post_page("/feedback", {"it_worked": "maybe"})
    assert page.error_summary()
    assert _stored() == []


def test_feedback_in_welsh_is_stored_with_its_language(client, app_context):
    client.post("/feedback", {"it_worked": "yes"}, headers={"Accept-Language": "cy"})
    assert [answer.language for answer in _stored()] == ["cy"]


def test_one_address_cannot_flood_the_list(client, app_context):
    allowed = int(FEEDBACK_LIMIT.split()[0])
    for _ in range(allowed):
        assert client.post("/feedback", {"it_worked": "yes"}).status_code == 303
    refused = client.post("/feedback", {"it_worked": "yes"})
    assert refused.status_code == 429
    assert len(_stored()) == allowed


def test_admins_read_the_feedback_with_nothing_about_a_case(app, client, case):
    admin = factories.make_staff(StaffRole.ADMIN)
    client.post("/feedback", {"trying_to": "Change my language", "it_worked": "no"})
    page = staff_client(app, admin).get_page("/admin/feedback")
    [row] = page.select("tr[data-feedback]")
    cells = [cell.get_text(strip=True) for cell in row.select("td")]
    assert cells[1:] == ["Change my language", "No", "English"]
    assert case.crime_reference not in page.text()


def test_officers_cannot_read_the_service_feedback(app, officer):
    assert staff_client(app, officer).get("/admin/feedback").status_code == 404
