"""No event dated in the future, reasons for every decision, who decided asked for, and the
referral duty from the report date: refused on the form with a clear message, nothing
written."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine
from sqlalchemy import func, select

from portal.data.models import Case, Obligation, Update
from portal.extensions import db
from tests.pages import Page
from tests.sign_in import sign_in_staff

# Friday 4 December 2026, 10:00.
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def _data(**overrides):
    data = {
        "event_type": "suspect_arrested",
        "occurred_on": ["4", "12", "2026"],
        "occurred_time": "09:00",
        "free_text": "",
        "sensitive": "default",
        "idempotency_key": "0123456789abcdef0123456789abcdef",
        "corrects_id": "",
    }
    data.update(overrides)
    return data


def _updates() -> int:
    return db.session.scalar(select(func.count()).select_from(Update))


def _obligations() -> int:
    return db.session.scalar(select(func.count()).select_from(Obligation))


def test_an_arrest_dated_six_weeks_ahead_is_refused_everywhere(client, officer, case):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, officer)
        future = _data(occurred_on=["15", "1", "2027"])
        for step in ("updates/preview", "updates/publish", "events"):
            page = Page(client.post(f"/staff/cases/{case.id}/{step}", future))
            assert page.status == 200
            assert "The date and time it happened cannot be in the future" in page.error_summary()
    assert _updates() == 0
    assert _obligations() == 0


def test_a_clock_a_few_minutes_fast_is_allowed(client, officer, case):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, officer)
        # 10:04 in London, four minutes after the server's now.
        response = client.post(
            f"/staff/cases/{case.id}/updates/publish", _data(occurred_time="10:04")
        )
    assert response.status_code == 303
    assert _updates() == 1


def test_a_decision_without_reasons_is_refused_and_the_form_says_why(client, officer, case):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, officer)
        form = client.get_page(f"/staff/cases/{case.id}/updates/new")
        page = Page(
            client.post(
                f"/staff/cases/{case.id}/updates/publish",
                _data(event_type="cps_no_charge", free_text="   "),
            )
        )
    assert "Enter the reasons for the decision. They must be told why it was made" in (
        page.error_summary()
    )
    hint = form.select_one("#free_text-hint").get_text(" ", strip=True)
    assert "the Victims' Code says they must be told why it was made" in hint
    assert _updates() == 0


def test_no_further_action_asks_who_decided_and_about_the_interview(client, officer, case):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, officer)
        url = f"/staff/cases/{case.id}/updates/publish"
        nobody = Page(client.post(url, _data(event_type="no_further_action", free_text="Why.")))
        police = Page(
            client.post(
                url, _data(event_type="no_further_action", free_text="Why.", decided_by="police")
            )
        )
    assert "Select who made the decision" in nobody.error_summary()
    assert "Select whether the suspect was interviewed under caution" in police.error_summary()
    assert _updates() == 0


def test_a_cps_only_decision_records_the_cps_without_asking(client, officer, case):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, officer)
        client.post(
            f"/staff/cases/{case.id}/updates/publish",
            _data(event_type="cps_discontinuance", free_text="The CPS stopped the case because."),
        )
    assert db.session.scalar(select(Update.decided_by)) == "cps"


NEW_CASE = {
    "crime_reference": "RSO/26/7070",
    "offence_category": "rape",
    "force_country": "england",
    "preferred_name": "Jo",
    "language": "en",
    "channel": "portal",
    "email": "",
    "phone": "",
    "routine_frequency": "monthly",
}


def test_the_referral_duty_runs_from_the_report_date_across_christmas(client, officer):
    # Reported Thursday 24 December 2026; the case is recorded on Sunday 27 December.
    with time_machine.travel(datetime(2026, 12, 27, 12, 0, tzinfo=UTC), tick=False):
        sign_in_staff(client, officer)
        made = client.post("/staff/cases/new", {**NEW_CASE, "reported_on": ["24", "12", "2026"]})
    assert made.status_code in (200, 303)
    case = db.session.scalar(select(Case))
    assert case.reported_on == date(2026, 12, 24)
    duty = db.session.scalar(select(Obligation))
    assert duty.event_type == "support_referral"
    # 25 and 28 December are bank holidays: the 2nd working day is Wednesday 30 December.
    assert duty.due_at == datetime(2026, 12, 30, 23, 59, 59, tzinfo=UTC)
    # Telling her of the referral on 31 December meets that duty, late: one duty, not two.
    with time_machine.travel(datetime(2026, 12, 31, 10, 0, tzinfo=UTC), tick=False):
        sign_in_staff(client, officer)  # days later: a new session
        published = client.post(
            f"/staff/cases/{case.id}/updates/publish",
            _data(
                event_type="support_referral",
                occurred_on=["31", "12", "2026"],
                occurred_time="09:00",
            ),
        )
    assert published.status_code == 303
    db.session.expire_all()
    assert _obligations() == 1
    met = db.session.scalar(select(Obligation))
    assert met.met_at > met.due_at


def test_a_report_date_in_the_future_or_missing_is_refused(client, officer):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, officer)
        ahead = Page(
            client.post("/staff/cases/new", {**NEW_CASE, "reported_on": ["5", "12", "2026"]})
        )
        missing = Page(client.post("/staff/cases/new", NEW_CASE))
    assert "The date it was reported cannot be in the future" in ahead.error_summary()
    assert "Enter the date the crime was reported, like 27 3 2026" in missing.error_summary()
    assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_the_preview_says_when_an_event_will_not_move_the_tracker_back(client, officer, case):
    from tests import factories

    factories.make_update(case, "Charged with rape.", event_type="charged")
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, officer)
        bail = Page(
            client.post(
                f"/staff/cases/{case.id}/updates/preview",
                _data(event_type="bail_conditions_changed"),
            )
        )
        trial = Page(
            client.post(
                f"/staff/cases/{case.id}/updates/preview", _data(event_type="trial_date_fixed")
            )
        )
    note = bail.select_one("#stage-note").get_text(" ", strip=True)
    assert "stays at “Charged or no further action”" in note
    assert trial.select_one("#stage-note") is None
