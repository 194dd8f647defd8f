"""Screenshots of the key pages for the README, taken from the running portal.

The officer's publish preview and the supervisor's dashboard are taken by the staff
journeys (tests/browser/test_staff_journeys.py), on the desktop screen; the caseload here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.data.models import StaffRole, utcnow
from tests import factories
from tests.browser.conftest import SCREENSHOTS, screenshot
from tests.browser.steps import (
    assert_no_sideways_scrolling,
    sign_in_staff,
    sign_in_victim,
    use_language,
)

pytestmark = pytest.mark.browser

GUIDE = "after-you-report"


def _victim_with_news(app, language: str) -> tuple[str, str]:
    """A signed-up victim with two updates, one behind a content note; their access ID."""
    with app.app_context():
        officer = factories.make_staff(
            StaffRole.OFFICER,
            display_name="DC Ada Jones",
            contact_phone="01632 960 123",
            contact_hours="Monday to Friday, 9am to 5pm",
        )
        victim = factories.make_victim(preferred_name="Samira", language=language)
        case = factories.make_case(victim=victim, officer=officer)
        factories.make_update(
            case,
            "I have passed the file to the CPS. I will tell you as soon as they decide.",
            event_type="file_passed_to_cps",
            published_at=utcnow() - timedelta(days=6),
            read_at=utcnow() - timedelta(days=5),
        )
        sensitive = factories.make_update(
            case,
            "I am sorry to tell you that the CPS has decided not to charge.",
            event_type="no_further_action",
            sensitive=True,
            published_at=utcnow() - timedelta(hours=3),
        )
        return victim.access_id, str(sensitive.id)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_victims_home_on_a_phone(phone, live_server, app, language):
    access_id, _ = _victim_with_news(app, language)
    sign_in_victim(phone, live_server, access_id)
    assert phone.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_no_sideways_scrolling(phone)
    screenshot(phone, f"victim-home-phone-{language}")


def test_her_safety_page_on_a_phone(phone, live_server, app):
    with app.app_context():
        case = factories.make_case(victim=factories.make_victim(preferred_name="Samira"))
        factories.make_safety_record(case, curfew="at home from 9pm to 7am")
        access_id = case.victim.access_id
    sign_in_victim(phone, live_server, access_id)
    phone.goto(f"{live_server}/my/safety")
    assert phone.locator("#report-worry .govuk-warning-text").is_visible()
    assert_no_sideways_scrolling(phone)
    screenshot(phone, "safety-phone", height=1400)


def test_an_update_behind_its_content_note_on_a_phone(phone, live_server, app):
    access_id, update_id = _victim_with_news(app, "en")
    sign_in_victim(phone, live_server, access_id)
    phone.goto(f"{live_server}/my/updates/{update_id}")
    assert phone.get_by_role("heading", level=1).inner_text() == "Before you read this message"
    assert_no_sideways_scrolling(phone)
    screenshot(phone, "content-note-phone")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_easy_read_guide_on_a_phone(phone, live_server, app, language):
    use_language(phone, live_server, language)
    phone.goto(f"{live_server}/guides/{language}/{GUIDE}")
    assert_no_sideways_scrolling(phone)
    screenshot(phone, f"guide-phone-{language}", height=1400)  # a guide is long


def test_the_officers_caseload_on_a_desktop(desktop, live_server, app):
    """A caseload with work in different states, sorted by what needs doing first."""
    now = utcnow()
    with app.app_context():
        officer = factories.make_staff(StaffRole.OFFICER, display_name="DC Ada Jones")
        people = [("Samira", "en"), ("Rhys", "cy"), ("Agnieszka", "pl"), ("Jo", "en")]
        cases = [
            factories.make_case(
                victim=factories.make_victim(preferred_name=name, language=language),
                officer=officer,
                crime_reference=f"RSO/26/04{number}",
            )
            for number, (name, language) in enumerate(people, start=11)
        ]
        factories.make_obligation(
            cases[0], occurred_at=now - timedelta(days=3), due_at=now - timedelta(days=1)
        )
        factories.make_message(cases[1], "Will I have to see him in court?", from_victim=True)
        factories.make_obligation(cases[2], "charged", due_at=now + timedelta(hours=20))
        factories.make_update(cases[3], "A routine update.", read_at=now - timedelta(days=2))
        email = officer.email
    sign_in_staff(desktop, live_server, email)
    rows = desktop.locator(".portal-caseload tbody tr")
    assert rows.count() == 4
    assert "Samira" in rows.first.inner_text(), "the overdue case comes first"
    screenshot(desktop, "caseload-desktop")


SMALL_PHONE = {"width": 320, "height": 568}


def _small_phone(browser, live_server, language):
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    use_language(page, live_server, language)
    return context, page


@pytest.mark.parametrize(
    "name, path",
    [
        ("accessibility", "/accessibility"),
        ("privacy", "/privacy"),
        ("cookies", "/cookies"),
        ("feedback", "/feedback"),
    ],
)
def test_the_pages_a_public_service_must_have_on_a_phone(phone, live_server, name, path):
    use_language(phone, live_server, "en")
    phone.goto(live_server + path)
    assert_no_sideways_scrolling(phone)
    screenshot(phone, f"{name}-phone", height=1200)


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_the_compact_header_on_a_small_phone(browser, live_server, app, language):
    """The first screen of a 320x568 phone: the heading in its first third, and the
    menu and languages folded (then the same screen with the languages opened)."""
    access_id, _ = _victim_with_news(app, language)
    context, page = _small_phone(browser, live_server, language)
    sign_in_victim(page, live_server, access_id)
    assert page.locator("h1").bounding_box()["y"] < SMALL_PHONE["height"] / 3
    assert_no_sideways_scrolling(page)
    page.screenshot(path=str(SCREENSHOTS / f"compact-header-phone-{language}.png"))
    page.locator(".portal-language-switch summary").click()
    page.screenshot(path=str(SCREENSHOTS / f"compact-header-languages-phone-{language}.png"))
    context.close()


def test_pause_step_back_or_come_back_on_a_phone(phone, live_server, app):
    """Her pause page with a pause running: what she asked for and the way back."""
    with app.app_context():
        case = factories.make_case(victim=factories.make_victim(preferred_name="Samira"))
        factories.make_contact_pause(case, about="step_back")
        access_id, case_id = case.victim.access_id, case.id
    sign_in_victim(phone, live_server, access_id)
    phone.goto(f"{live_server}/my/pause/{case_id}")
    assert phone.locator("#come-back").is_visible()
    assert_no_sideways_scrolling(phone)
    screenshot(phone, "pause-phone", height=1400)


def test_a_request_for_her_records_on_a_phone(phone, live_server, app):
    """The notice past its content note: what is asked for, why, who will see it, and her
    answer."""
    with app.app_context():
        victim = factories.make_victim(preferred_name="Samira", language="en")
        case = factories.make_case(victim=victim)
        found = factories.make_records_request(case)
        access_id, found_id = victim.access_id, found.id
    sign_in_victim(phone, live_server, access_id)
    phone.goto(f"{live_server}/my/records-requests/{found_id}")
    assert phone.get_by_role("heading", level=1).inner_text() == "Before you read this message"
    phone.goto(f"{live_server}/my/records-requests/{found_id}?note=seen")
    assert phone.get_by_role("heading", level=1).inner_text() == "A request for your records"
    assert_no_sideways_scrolling(phone)
    screenshot(phone, "records-request-phone", height=2000)


def test_your_phone_and_your_belongings_on_a_phone(phone, live_server, app):
    with app.app_context():
        victim = factories.make_victim(preferred_name="Samira")
        case = factories.make_case(victim=victim)
        today = utcnow().date()
        dates = {"taken_on": today, "target_return_on": today + timedelta(days=14)}
        factories.make_property_item(case, **dates)
        factories.make_property_item(
            case, description="Jeans and a jumper", kind="clothing", **dates
        )
        access_id = victim.access_id
    sign_in_victim(phone, live_server, access_id)
    phone.goto(f"{live_server}/my/belongings/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Your phone and your belongings"
    assert_no_sideways_scrolling(phone)
    screenshot(phone, "belongings-phone", height=1600)
