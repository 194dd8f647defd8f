"""A victim asks for a review of a decision not to charge; it reaches the team's queue
with its deadlines, and the victim follows its progress."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine
from sqlalchemy import func, select, text

from portal.data.models import AuditEvent, Notification, ReviewRequest
from portal.extensions import db
from tests import factories
from tests.sign_in import staff_client, victim_client
from tests.victim.review.conftest import ASKED

NOTE = "Please look at the messages on my phone again."


def _requests() -> list[ReviewRequest]:
    db.session.expire_all()
    return list(db.session.scalars(select(ReviewRequest).order_by(ReviewRequest.id)))


def test_the_form_shows_the_decision_when_they_were_told_and_the_days_left(app, decision):
    with time_machine.travel(ASKED, tick=False):
        client = victim_client(app, decision.case.victim)
        page = client.get_page(f"/my/review/{decision.id}")
    assert page.h1 == "Ask for a review"
    about = page.select_one("#the-decision").get_text(" ", strip=True)
    assert "The person you reported will not be charged" in about
    assert "10 March 2026" in about
    assert "DC Ada Jones" in about
    time_left = page.select_one("#time-left").get_text(" ", strip=True)
    assert "You can ask until 10 June 2026." in time_left
    assert "You have 69 days left." in time_left
    # The decision is shown, not a field anyone can change.
    assert page.select("form input[name*=decision], form select") == []


def test_a_request_shows_its_deadlines_with_bank_holidays_skipped(app, decision):
    with time_machine.travel(ASKED, tick=False):
        client = victim_client(app, decision.case.victim)
        response = client.post(
            f"/my/review/{decision.id}", {"note": NOTE}, from_url=f"/my/review/{decision.id}"
        )
        assert response.status_code == 303
        page = client.get_page(response.headers["Location"])
    status = page.select_one("#review-status").get_text(" ", strip=True)
    assert "You sent your request on 2 April 2026." in status
    # 10 working days after Thursday 2 April, skipping Good Friday and Easter Monday.
    assert "received it by 20 April 2026" in status
    # 30 working days, skipping the Early May bank holiday too.
    assert "result by 19 May 2026" in status
    assert "Your request for a review has been sent." in page.html
    [request] = _requests()
    assert request.acknowledge_by == datetime(2026, 4, 20, 22, 59, 59, tzinfo=UTC)  # BST
    assert request.decide_by == datetime(2026, 5, 19, 22, 59, 59, tzinfo=UTC)
    assert request.late is False
    assert request.note == NOTE


def test_the_request_reaches_the_review_queue_and_the_dashboard(app, decision, supervisor):
    with time_machine.travel(ASKED, tick=False):
        victim_client(app, decision.case.victim).post(
            f"/my/review/{decision.id}", {"note": ""}, from_url=f"/my/review/{decision.id}"
        )
        client = staff_client(app, supervisor)
        queue = client.get_page("/staff/reviews/")
        dashboard = client.get_page("/staff/dashboard")
    row = queue.select_one("#open-reviews tbody tr").get_text(" ", strip=True)
    assert "RSO/26/0707" in row
    assert "Mon 20 Apr 2026, 23:59" in row
    assert "Tue 19 May 2026, 23:59" in row
    assert "DC Ada Jones" in row
    section = dashboard.select_one("#review-deadlines").get_text(" ", strip=True)
    assert "RSO/26/0707" in section
    assert "Mon 20 Apr 2026, 23:59" in section
    # The dashboard's own figures are still there.
    assert dashboard.select_one("#share-30") is not None


def test_the_note_is_encrypted_in_the_database(app, decision):
    with time_machine.travel(ASKED, tick=False):
        victim_client(app, decision.case.victim).post(
            f"/my/review/{decision.id}", {"note": NOTE}, from_url=f"/my/review/{decision.id}"
        )
    raw = db.session.execute(text("SELECT note FROM review_request")).scalar_one()
    assert NOTE.encode() not in bytes(raw)


def test_another_victim_cannot_see_or_ask_for_a_review_of_the_decision(app, decision):
    stranger = factories.make_case(victim=factories.make_victim()).victim
    with time_machine.travel(ASKED, tick=False):
        client = victim_client(app, stranger)
        client.get_page(f"/my/review/{decision.id}", status=404)
        response = client.post(f"/my/review/{decision.id}", {"note": NOTE}, from_url="/my/")
    assert response.status_code == 404
    assert _requests() == []


def test_only_a_decision_not_to_charge_can_be_reviewed(app, case):
    arrest = factories.make_update(case, event_type="suspect_arrested")
    client = victim_client(app, case.victim)
    client.get_page(f"/my/review/{arrest.id}", status=404)


def test_after_three_months_the_request_is_still_taken_and_marked_late(app, decision):
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=UTC), tick=False):
        client = victim_client(app, decision.case.victim)
        form = client.get_page(f"/my/review/{decision.id}")
        client.post(f"/my/review/{decision.id}", {"note": ""}, from_url=f"/my/review/{decision.id}")
        status = client.get_page(f"/my/review/{decision.id}")
    kindly = form.select_one("#time-left").get_text(" ", strip=True)
    assert "The usual time limit to ask was 3 months, and it ended on 10 June 2026." in kindly
    assert "You can still send your request." in kindly
    assert "talk to your officer, or to a support service" in kindly
    [request] = _requests()
    assert request.late is True
    assert "sent after the usual 3 months" in status.select_one("#review-status").text


def test_there_is_only_one_request_per_decision(app, decision):
    with time_machine.travel(ASKED, tick=False):
        client = victim_client(app, decision.case.victim)
        url = f"/my/review/{decision.id}"
        client.post(url, {"note": "first"}, from_url=url)
        again = client.post(url, {"note": "second"}, from_url="/my/")
        page = client.get_page(url)
    assert again.status_code == 200
    assert len(_requests()) == 1
    assert page.h1 == "Your request for a review"
    assert page.select_one("form textarea") is None


def test_staff_of_another_team_cannot_see_the_request(app, decision):
    request = factories.make_review_request(decision, note=NOTE)
    elsewhere = factories.make_staff("supervisor", team=factories.make_team("Team South"))
    client = staff_client(app, elsewhere)
    queue = client.get_page("/staff/reviews/")
    assert "RSO/26/0707" not in queue.html
    client.get_page(f"/staff/reviews/{request.id}", status=404)
    response = client.post(
        f"/staff/reviews/{request.id}/acknowledged",
        {"acknowledged_on": ["2", "4", "2026"]},
        from_url="/staff/reviews/",
    )
    assert response.status_code == 404
    dashboard = client.get_page("/staff/dashboard")
    assert "RSO/26/0707" not in dashboard.html


def test_an_officer_does_not_reach_the_review_queue(app, decision, officer):
    request = factories.make_review_request(decision)
    client = staff_client(app, officer)
    client.get_page("/staff/reviews/", status=404)
    client.get_page(f"/staff/reviews/{request.id}", status=404)


def test_a_supervisor_records_each_step_audited_and_the_victim_sees_it(app, decision, supervisor):
    with time_machine.travel(ASKED, tick=False):
        request = factories.make_review_request(decision, note=NOTE)
    with time_machine.travel(ASKED + timedelta(days=6), tick=False):
        client = staff_client(app, supervisor)
        page = client.get_page(f"/staff/reviews/{request.id}")
        assert NOTE in page.select_one("#review-note").text
        url = f"/staff/reviews/{request.id}/acknowledged"
        client.post(url, {"acknowledged_on": ["8", "4", "2026"]}, from_url="/staff/reviews/")
        url = f"/staff/reviews/{request.id}/decision"
        client.post(
            url,
            {"outcome": "upheld", "decided_on": ["8", "4", "2026"]},
            from_url="/staff/reviews/",
        )
        victim_page = victim_client(app, decision.case.victim).get_page(page_url_victim(decision))
    db.session.expire_all()
    request = db.session.get(ReviewRequest, request.id)
    assert request.acknowledged_on == date(2026, 4, 8)
    assert request.decided_on == date(2026, 4, 8)
    assert request.outcome == "upheld"
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_id == request.id)
    ).all()
    assert sorted(actions) == ["review.acknowledged", "review.decided", "review.opened"]
    reasons = db.session.scalars(
        select(Notification.reason).where(Notification.case_id == decision.case_id)
    ).all()
    assert sorted(reasons) == ["review_acknowledged", "review_decided"]
    status = victim_page.select_one("#review-status").get_text(" ", strip=True)
    assert "Your request was acknowledged on 8 April 2026." in status
    assert "the decision not to charge stays the same" in status


def page_url(request) -> str:
    return f"/staff/reviews/{request.id}"


def page_url_victim(decision) -> str:
    return f"/my/review/{decision.id}"


def test_a_decision_dated_in_the_future_is_refused_with_a_clear_error(app, decision, supervisor):
    with time_machine.travel(ASKED, tick=False):
        request = factories.make_review_request(decision)
        client = staff_client(app, supervisor)
        page = client.post_page(
            f"/staff/reviews/{request.id}/acknowledged",
            {"acknowledged_on": ["3", "4", "2026"]},
            from_url=page_url(request),
        )
    assert page.error_summary() == ["The date must be today or in the past"]
    assert page.title.startswith("Error:")
    db.session.expire_all()
    assert db.session.get(ReviewRequest, request.id).acknowledged_on is None


def test_missed_deadlines_are_flagged_overdue(app, decision, supervisor):
    with time_machine.travel(ASKED, tick=False):
        factories.make_review_request(decision)
    with time_machine.travel(datetime(2026, 4, 21, 9, 0, tzinfo=UTC), tick=False):
        queue = staff_client(app, supervisor).get_page("/staff/reviews/")
    cells = queue.select("#open-reviews tbody tr td")
    assert "Overdue" in cells[2].text  # acknowledge by 20 April: missed
    assert "Overdue" not in cells[3].text  # decide by 19 May: not yet


def test_the_home_page_offers_a_review_only_once_the_decision_was_read(app, case):
    unread = factories.make_update(
        case, "Not charging.", event_type="no_further_action", sensitive=True
    )
    client = victim_client(app, case.victim)
    home = client.get_page("/my/")
    assert f"/my/review/{unread.id}" not in home.html
    assert home.select_one("a[href='/my/review/complain']").text.strip() == "How to complain"
    client.get_page(f"/my/updates/{unread.id}?note=seen")
    home = client.get_page("/my/")
    link = home.select_one(f"a[href='/my/review/{unread.id}']")
    assert link is not None
    assert "Ask for a review of the decision" in link.text


def test_the_victim_page_titles_stay_neutral(app, decision):
    with time_machine.travel(ASKED, tick=False):
        client = victim_client(app, decision.case.victim)
        pages = [
            client.get_page(f"/my/review/{decision.id}"),
            client.get_page("/my/review/complain"),
        ]
    for page in pages:
        for word in ("police", "case", "crime", "offence", "rape", "victim"):
            assert word not in page.title.lower()


def test_review_requests_go_when_the_case_is_purged(app, decision):
    from portal.data.models import CaseStatus
    from portal.data.retention import purge

    factories.make_review_request(decision, note=NOTE)
    case = decision.case
    case.status = CaseStatus.CLOSED
    case.closed_at = datetime(2020, 1, 1, tzinfo=UTC)
    db.session.commit()
    purge(retention_days=365)
    assert db.session.scalar(select(func.count()).select_from(ReviewRequest)) == 0
