"""Requests for the victim's records, followed through the pages: the officer records one
(never without its reason), the victim reads the notice behind a content note and
answers it, and her answer reaches the officer's case page, caseload and the supervisor's
dashboard, recorded and audited."""

from sqlalchemy import select

from portal.data.models import AuditEvent, Notification, RecordsRequest
from portal.extensions import db
from tests.factories import make_case, make_staff, make_victim
from tests.sign_in import staff_client, victim_client

FORM = {
    "holder": "counselling",
    "what": "Your counselling notes from March to June 2026.",
    "reason": "The defence says you told your counsellor something different.",
    "who_will_see": "The investigating team and the CPS lawyer.",
}


def _record(app, officer, case, **changes):
    client = staff_client(app, officer)
    url = f"/staff/cases/{case.id}/records-requests/new"
    return client, client.post(url, {**FORM, **changes})


def test_a_request_without_a_reason_is_refused_and_keeps_what_was_typed(app, officer, victim, case):
    client = staff_client(app, officer)
    url = f"/staff/cases/{case.id}/records-requests/new"
    page = client.post_page(url, {**FORM, "reason": "   "})
    assert page.title.startswith("Error: ")
    assert page.error_summary() == ["Enter why you need these records"]
    # Nothing is lost: what the officer typed is still in the form.
    assert page.select_one("textarea[name=what]").get_text() == FORM["what"]
    assert db.session.scalars(select(RecordsRequest)).all() == []
    assert db.session.scalars(select(Notification)).all() == []


def test_the_form_says_why_a_reason_is_needed(app, officer, case):
    page = staff_client(app, officer).get_page(f"/staff/cases/{case.id}/records-requests/new")
    assert "never made as a matter of routine" in page.text()


def test_the_victim_sees_the_notice_only_behind_a_content_note(app, officer, victim, case):
    _, response = _record(app, officer, case)
    assert response.status_code == 303
    stored = db.session.scalar(select(RecordsRequest))
    # Her notification says only that there is news, never what it is about.
    assert db.session.scalar(select(Notification.reason)) == "records_request"

    client = victim_client(app, victim)
    home = client.get_page("/my/")
    link = home.select_one("#records-requests a")
    assert link.get_text(strip=True) == "A request for your records"
    assert FORM["what"] not in home.text()

    note = client.get_page(link["href"])
    assert note.h1 == "Before you read this message"
    assert FORM["what"] not in note.text()
    assert FORM["reason"] not in note.text()
    db.session.refresh(stored)
    assert stored.read_at is None  # the note alone is not reading it

    notice = client.get_page(f"/my/records-requests/{stored.id}?note=seen")
    text = notice.text()
    assert notice.h1 == "A request for your records"
    for typed in FORM.values():
        if typed != "counselling":
            assert typed in text
    assert "A counselling or therapy service" in text
    assert "independent sexual violence adviser" in text
    assert "It does not harm your case" in text
    db.session.refresh(stored)
    assert stored.read_at is not None


def test_her_objection_reaches_the_officer_and_is_audited(app, officer, supervisor, victim, case):
    officer_client, _ = _record(app, officer, case)
    stored = db.session.scalar(select(RecordsRequest))
    client = victim_client(app, victim)
    url = f"/my/records-requests/{stored.id}"
    response = client.post(
        url,
        {"answer": "object", "text": "Those notes are private."},
        from_url=url + "?note=seen",
    )
    assert response.status_code == 303
    after = client.get_page(response.headers["Location"])
    assert "Your answer has been sent to your officer" in after.text()
    assert "I do not want these records shared" in after.select_one("#your-answer").get_text()

    row = officer_client.get_page("/staff/").select_one(f"tr[data-case-id='{case.id}']")
    assert "Answered a records request" in row.get_text(" ", strip=True)
    banner = officer_client.get_page(f"/staff/cases/{case.id}").select_one(".portal-records-answer")
    assert "objects to a request for their records" in banner.get_text(" ", strip=True)
    assert "Those notes are private." in banner.get_text(" ", strip=True)

    supervisor_client = staff_client(app, supervisor)
    counts = supervisor_client.get_page("/staff/dashboard")
    summary = counts.select_one("#records-request-counts").get_text(" ", strip=True)
    assert "Requests made 1" in summary
    assert "Objections waiting for the officer 1" in summary

    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
    ).all()
    assert "case.records_request_recorded" in actions
    assert "victim.records_request_answered" in actions

    # Dealt with: the action leaves the caseload and the dashboard's waiting count.
    done = officer_client.post(
        f"/staff/cases/{case.id}/records-requests/{stored.id}/dealt-with",
        from_url=f"/staff/cases/{case.id}",
    )
    assert done.status_code == 303
    row = officer_client.get_page("/staff/").select_one(f"tr[data-case-id='{case.id}']")
    assert "Answered a records request" not in row.get_text(" ", strip=True)
    counts = supervisor_client.get_page("/staff/dashboard")
    summary = counts.select_one("#records-request-counts").get_text(" ", strip=True)
    assert "Objections waiting for the officer 0" in summary


def test_a_question_needs_words(app, officer, victim, case):
    _record(app, officer, case)
    stored = db.session.scalar(select(RecordsRequest))
    client = victim_client(app, victim)
    url = f"/my/records-requests/{stored.id}"
    page = client.post_page(url, {"answer": "question", "text": " "}, from_url=url + "?note=seen")
    assert page.error_summary() == ["Enter your question"]
    db.session.refresh(stored)
    assert stored.answered_at is None


def test_another_victim_cannot_open_or_answer_the_notice(app, officer, victim, case):
    _record(app, officer, case)
    stored = db.session.scalar(select(RecordsRequest))
    other = make_victim()
    make_case(other, officer)
    client = victim_client(app, other)
    client.get_page(f"/my/records-requests/{stored.id}?note=seen", status=404)
    response = client.post(
        f"/my/records-requests/{stored.id}", {"answer": "object"}, from_url="/my/questions"
    )
    assert response.status_code == 404
    db.session.refresh(stored)
    assert stored.answered_at is None


def test_an_officer_of_another_case_cannot_record_or_see_one(app, officer, case):
    stranger = make_staff()
    client = staff_client(app, stranger)
    client.get_page(f"/staff/cases/{case.id}/records-requests/new", status=404)
    response = client.post(f"/staff/cases/{case.id}/records-requests/new", FORM, from_url="/staff/")
    assert response.status_code == 404
    assert db.session.scalars(select(RecordsRequest)).all() == []
