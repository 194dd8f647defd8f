"""A victim finds out how to complain, and asks to; supervisors of the team see it."""

from __future__ import annotations

from sqlalchemy import select, text

from portal.data.models import AuditEvent, ComplaintRequest
from portal.extensions import db
from portal.notifications import texts
from tests import factories
from tests.sign_in import staff_client, victim_client

COMPLAINT = "Nobody called me back for five weeks."


def test_the_complaint_page_explains_each_route_in_plain_words(app, case):
    page = victim_client(app, case.victim).get_page("/my/review/complain")
    words = page.text()
    assert page.h1 == "How to complain"
    assert "Complain to the police force" in words
    assert "Independent Office for Police Conduct (IOPC)" in words
    assert "Parliamentary and Health Service Ombudsman" in words
    assert "Member of Parliament (MP)" in words
    assert "Victims’ Commissioner" in words
    assert "Complaining will not harm your report" in words


def test_a_request_to_complain_is_kept_encrypted_audited_and_reaches_the_supervisor(
    app, case, supervisor
):
    client = victim_client(app, case.victim)
    response = client.post(
        "/my/review/complain", {"body": COMPLAINT}, from_url="/my/review/complain"
    )
    assert response.status_code == 303
    mine = client.get_page("/my/review/complain")
    assert "It will be passed to the complaints team." in mine.select_one("#complaints-sent").text
    complaint = db.session.scalar(select(ComplaintRequest))
    assert complaint.body == COMPLAINT
    raw = db.session.execute(text("SELECT body FROM complaint_request")).scalar_one()
    assert COMPLAINT.encode() not in bytes(raw)
    audited = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "complaint.requested")
    )
    assert audited.case_id == case.id
    assert COMPLAINT not in str(audited.detail)

    staff = staff_client(app, supervisor)
    queue = staff.get_page("/staff/reviews/")
    assert "RSO/26/0707" in queue.select_one("#complaints").text
    assert COMPLAINT not in queue.html  # the words are on the complaint's own page only
    detail = staff.get_page(f"/staff/reviews/complaints/{complaint.id}")
    assert COMPLAINT in detail.select_one("#complaint-body").text
    staff.post(
        f"/staff/reviews/complaints/{complaint.id}/passed-on", {}, from_url="/staff/reviews/"
    )
    db.session.expire_all()
    assert db.session.get(ComplaintRequest, complaint.id).passed_on_at is not None
    again = client.get_page("/my/review/complain")
    assert "Passed to the complaints team on" in again.select_one("#complaints-sent").text


def test_a_request_to_complain_may_be_sent_without_any_words(app, case):
    client = victim_client(app, case.victim)
    client.post("/my/review/complain", {"body": ""}, from_url="/my/review/complain")
    complaint = db.session.scalar(select(ComplaintRequest))
    assert complaint.body is None


def test_supervisors_of_another_team_never_see_a_complaint(app, case):
    client = victim_client(app, case.victim)
    client.post("/my/review/complain", {"body": COMPLAINT}, from_url="/my/review/complain")
    complaint = db.session.scalar(select(ComplaintRequest))
    elsewhere = factories.make_staff("supervisor", team=factories.make_team("Team South"))
    staff = staff_client(app, elsewhere)
    assert "RSO/26/0707" not in staff.get_page("/staff/reviews/").html
    staff.get_page(f"/staff/reviews/complaints/{complaint.id}", status=404)


def test_review_notifications_never_say_what_was_decided(app, case):
    victim = case.victim
    generic = texts.for_victim(victim, "review_decided", "email")
    assert generic.subject == "You have a new message"
    assert "review" not in generic.body.lower()
    victim.specific_notifications = True
    specific = texts.for_victim(victim, "review_decided", "text")
    assert "there is news about your request for a review" in specific.body
    for word in ("upheld", "overturned", "charge", "police"):
        assert word not in specific.body.lower()
