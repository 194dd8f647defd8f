"""Who decided, recorded and shown: a CPS decision goes to the CPS's scheme and never the
police queue; a police decision about a suspect never interviewed under caution offers no
police review. Each published through the officer's real form."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from portal.data.models import ReviewRequest, Update
from portal.extensions import db
from tests.sign_in import staff_client, victim_client

# Thursday 31 December 2026, 15:00: the CPS's 10 working days skip New Year's Day.
NEW_YEARS_EVE = datetime(2026, 12, 31, 15, 0, tzinfo=UTC)
REASONS = "The CPS lawyer decided the evidence was not enough for a court case."


def _publish(app, case, **fields):
    data = {
        "event_type": "no_further_action",
        "occurred_on": ["31", "12", "2026"],
        "occurred_time": "11:00",
        "free_text": REASONS,
        "sensitive": "default",
        "idempotency_key": "0123456789abcdef0123456789abcdef",
        "corrects_id": "",
        **fields,
    }
    officer = staff_client(app, case.officer)
    response = officer.post(f"/staff/cases/{case.id}/updates/publish", data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    # The officer's client comes back too: with the clock stopped, signing in again would
    # reuse a TOTP code, which is refused.
    return db.session.scalar(select(Update).where(Update.case_id == case.id)), officer


def test_a_cps_decision_on_the_31st_shows_the_cps_scheme_and_its_dates(app, case):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        decision, _ = _publish(app, case, decided_by="cps")
        assert decision.decided_by == "cps"
        page = victim_client(app, case.victim).get_page(f"/my/updates/{decision.id}?note=seen")
    words = page.text()
    assert "The Crown Prosecution Service (CPS) has decided" in words
    assert "The police have decided" not in words
    box = page.select_one("#right-to-review").get_text(" ", strip=True)
    assert "ask the CPS by 15 January 2027" in box
    assert "until 31 March 2027" in box
    assert "within 10 working days" not in box  # the police acknowledgement is not promised
    assert page.select_one("#right-to-review a")["href"] == f"/my/review/{decision.id}"
    # Once read, the home page's link says it leads to the CPS's scheme, not a police form.
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        home = victim_client(app, case.victim).get_page("/my/")
    link = home.select_one(f'a[href="/my/review/{decision.id}"]').get_text(" ", strip=True)
    assert (
        link == "How to ask the CPS to review the decision you were told about on 31 December 2026"
    )


def test_the_cps_route_says_what_to_say_and_records_it_for_the_officer_never_the_queue(
    app, case, supervisor
):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        decision, officer = _publish(app, case, decided_by="cps")
        victim = victim_client(app, case.victim)
        page = victim.get_page(f"/my/review/{decision.id}")
        assert page.h1 == "How to ask the CPS for a review"
        assert "15 January 2027" in page.select_one("#cps-dates").get_text(" ", strip=True)
        what_to_say = page.select_one("#cps-what-to-say").get_text(" ", strip=True)
        assert "Victims' Right to Review scheme" in what_to_say
        assert "31 December 2026" in what_to_say
        victim.post(f"/my/review/{decision.id}", {"note": "Please help me write to them."})
        after = victim.get_page(f"/my/review/{decision.id}")
        queue = staff_client(app, supervisor).get_page("/staff/reviews/")
        case_page = officer.get_page(f"/staff/cases/{case.id}")
    request = db.session.scalar(select(ReviewRequest))
    assert request.scheme == "cps"
    assert request.acknowledge_by is None and request.decide_by is None
    assert "You told us on 31 December 2026 that you are asking the CPS" in after.text()
    assert queue.select("#open-reviews tbody tr") == []
    noted = case_page.select_one("#cps-reviews").get_text(" ", strip=True)
    assert "asking the CPS to review its decision" in noted
    assert "Please help me write to them." in noted


def test_a_police_decision_about_a_suspect_never_interviewed_offers_no_police_review(app, case):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        decision, _ = _publish(app, case, decided_by="police", suspect_interviewed="no")
        assert decision.suspect_interviewed is False
        victim = victim_client(app, case.victim)
        page = victim.get_page(f"/my/updates/{decision.id}?note=seen")
        victim.get_page(f"/my/review/{decision.id}", status=404)
        home = victim.get_page("/my/")
    assert page.select_one("#right-to-review") is None
    assert "so it does not apply here" in page.text()
    assert "Ask for a review" not in home.text()


def test_a_police_decision_about_a_suspect_interviewed_keeps_the_police_review(app, case):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        decision, _ = _publish(app, case, decided_by="police", suspect_interviewed="yes")
        page = victim_client(app, case.victim).get_page(f"/my/updates/{decision.id}?note=seen")
    assert "The police have decided" in page.text()
    box = page.select_one("#right-to-review").get_text(" ", strip=True)
    assert "until 31 March 2027" in box


def test_the_rights_page_gives_the_cps_scheme_and_its_dates(app, case):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        decision, _ = _publish(app, case, decided_by="cps")
        victim = victim_client(app, case.victim)
        victim.get_page(f"/my/updates/{decision.id}?note=seen")  # read: now offered
        rights = victim.get_page("/my/rights")
    words = rights.text()
    assert "this is the CPS Victims' Right to Review" in words
    assert "ask the CPS by 15 January 2027" in words
    assert "until 31 March 2027" in words


def test_a_cps_request_cannot_be_acknowledged_or_decided_by_the_force(app, case, supervisor):
    with time_machine.travel(NEW_YEARS_EVE, tick=False):
        decision, _ = _publish(app, case, decided_by="cps")
        victim_client(app, case.victim).post(f"/my/review/{decision.id}", {"note": ""})
    request = db.session.scalar(select(ReviewRequest))
    staff = staff_client(app, supervisor)
    staff.get_page(f"/staff/reviews/{request.id}", status=404)
    refused = staff.post(
        f"/staff/reviews/{request.id}/acknowledged",
        {"acknowledged_on": ["4", "1", "2027"]},
        from_url="/staff/reviews/",
    )
    assert refused.status_code == 404
    db.session.expire_all()
    assert db.session.scalar(select(ReviewRequest.acknowledged_on)) is None
