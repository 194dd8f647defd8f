"""The stage tracker on the victim's home page: where the case is, in plain words."""

from __future__ import annotations

from tests import factories
from tests.sign_in import victim_client


def _current(page):
    return page.select_one("#stages-1 [aria-current=step]").get_text(" ", strip=True)


def test_a_new_case_shows_reported_with_what_happens_and_how_long(app, case):
    page = victim_client(app, case.victim).get_page("/my/")
    assert page.select_one("#stages-title-1").get_text(strip=True) == "Where your case is now"
    now = _current(page)
    assert now.startswith("Reported")
    assert "This often takes 1 to 4 weeks." in now
    assert "What you can do:" in now
    stages = [li["data-stage"] for li in page.select("#stages-1 li")]
    assert stages == [
        "reported",
        "investigation",
        "with_cps",
        "decision",
        "court",
        "outcome",
        "after",
    ]


def test_the_officers_event_moves_the_stage_and_an_older_one_never_moves_it_back(app, case):
    factories.make_update(case, "Sent to the CPS.", event_type="file_passed_to_cps")
    factories.make_update(case, "Bail changed.", event_type="bail_conditions_changed")
    page = victim_client(app, case.victim).get_page("/my/")
    now = _current(page)
    assert now.startswith("With the prosecutors for a decision")
    assert "This often takes 1 to 6 months." in now
    done = page.select("#stages-1 .portal-stage--done")
    assert [li["data-stage"] for li in done] == ["reported", "investigation"]


def test_a_decision_not_yet_opened_does_not_move_the_tracker(app, case):
    factories.make_update(case, "Sent to the CPS.", event_type="file_passed_to_cps")
    factories.make_update(case, "Not charged, because.", event_type="cps_no_charge", sensitive=True)
    page = victim_client(app, case.victim).get_page("/my/")
    assert _current(page).startswith("With the prosecutors")
    assert "not charged" not in page.text().lower()


def test_the_routine_by_date_on_the_home_page_is_never_christmas_day(app, case):
    from datetime import UTC, datetime

    import time_machine

    from portal.extensions import db

    case.victim.routine_frequency = "fortnightly"
    case.last_contact_at = datetime(2026, 12, 11, 10, 0, tzinfo=UTC)  # + 14 days: 25 December
    db.session.commit()
    with time_machine.travel(datetime(2026, 12, 14, 10, 0, tzinfo=UTC), tick=False):
        page = victim_client(app, case.victim).get_page("/my/")
    assert "you will hear from your officer by 29 December 2026" in page.text()
    assert "25 December" not in page.text()
