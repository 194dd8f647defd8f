"""The stage tracker on the victim's home page, on a phone, in English, Welsh and Arabic:
the screenshots docs/victim.md shows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.data.models import StaffRole, utcnow
from tests import factories
from tests.browser.conftest import SCREENSHOTS
from tests.browser.steps import assert_no_sideways_scrolling, sign_in_victim

pytestmark = pytest.mark.browser


def _victim_at_court(app, language: str) -> str:
    """A victim whose case was charged and has a trial date: the court stage is current."""
    with app.app_context():
        officer = factories.make_staff(StaffRole.OFFICER, display_name="DC Ada Jones")
        victim = factories.make_victim(preferred_name="Samira", language=language)
        case = factories.make_case(victim=victim, officer=officer)
        for days_ago, event_type in (
            (60, "file_passed_to_cps"),
            (20, "charged"),
            (2, "trial_date_fixed"),
        ):
            factories.make_update(
                case,
                "Your officer's words.",
                event_type=event_type,
                published_at=utcnow() - timedelta(days=days_ago),
                read_at=utcnow() - timedelta(days=days_ago - 1),
            )
        return victim.access_id


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_the_stage_tracker_on_a_phone(phone, live_server, app, language):
    sign_in_victim(phone, live_server, _victim_at_court(app, language))
    tracker = phone.locator("#where-1")
    current = tracker.locator("[aria-current=step]")
    assert current.get_attribute("data-stage") == "court"
    assert tracker.locator(".portal-stage--done").count() == 4
    assert phone.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    if language == "en":
        assert "This often takes 9 to 18 months." in current.inner_text()
    assert_no_sideways_scrolling(phone)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tracker.screenshot(path=str(SCREENSHOTS / f"victim-stages-phone-{language}.png"))
