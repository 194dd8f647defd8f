"""The victim's journeys on a phone with JavaScript turned off: everything still works."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data.models import Message, Victim
from portal.extensions import db
from tests import factories
from tests.browser.conftest import NEUTRAL_TEXT
from tests.browser.steps import go_by_the_menu, leaves_portal, sign_in_victim, visible_text

pytestmark = pytest.mark.browser

NAME = "Samira"
UPDATE_TEXT = "I am sorry to tell you that the CPS has decided not to charge."
QUESTION = "Can I ask for the decision to be looked at again?"


def test_a_victim_reads_chooses_asks_and_exits_with_javascript_off(
    phone_without_javascript, live_server, app
):
    page = phone_without_javascript
    with app.app_context():
        victim = factories.make_victim(preferred_name=NAME)
        case = factories.make_case(victim=victim)
        factories.make_update(case, UPDATE_TEXT, event_type="no_further_action", sensitive=True)
        access_id = victim.access_id
    sign_in_victim(page, live_server, access_id)
    assert page.evaluate("document.body.classList.contains('js-enabled')") is False

    page.locator(".portal-updates a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Before you read this message"
    page.get_by_role("button", name="Read it now").click()
    page.wait_for_url("**note=seen")
    assert UPDATE_TEXT in visible_text(page)

    go_by_the_menu(page, "Choices")
    page.get_by_label("Every month").check()
    page.get_by_label("Send me an email").check()
    page.get_by_label("Email address", exact=True).fill("samira@example.com")
    page.get_by_role("button", name="Save my choices").click()
    assert page.get_by_text("Your choices are saved.").is_visible()
    with app.app_context():
        saved = db.session.scalar(select(Victim))
        assert (saved.channel, saved.routine_frequency) == ("email", "monthly")
        assert saved.email == "samira@example.com"

    go_by_the_menu(page, "Questions")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("Your question has been sent.").is_visible()
    with app.app_context():
        assert db.session.scalar(select(Message)).body == QUESTION

    page.get_by_role("button", name="Exit this page").first.click()
    page.wait_for_url(leaves_portal(live_server))
    assert NEUTRAL_TEXT in visible_text(page)
    page.go_back()
    page.wait_for_load_state()
    assert QUESTION not in visible_text(page)
    assert NAME not in visible_text(page)


def test_a_mistake_in_a_form_is_explained_with_javascript_off(
    phone_without_javascript, live_server, app
):
    page = phone_without_javascript
    with app.app_context():
        access_id = factories.make_case(victim=factories.make_victim()).victim.access_id
    sign_in_victim(page, live_server, access_id)
    page.goto(live_server + "/my/choices")
    page.get_by_label("Send me a text message").check()
    page.get_by_label("Mobile phone number for text messages").fill("")
    page.get_by_role("button", name="Save my choices").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a mobile phone number for text messages" in summary.inner_text()
    assert page.title().startswith("Error:")


def test_belongings_records_safety_and_a_pause_work_with_javascript_off(
    phone_without_javascript, live_server, app
):
    """Issue 16's four doors, each a plain form: ask for a phone back, object to a records
    request behind its content note, report a worry, and ask to pause."""
    from portal.data.models import ContactPause, RecordsRequest, SafetyReport

    page = phone_without_javascript
    with app.app_context():
        case = factories.make_case(victim=factories.make_victim(preferred_name=NAME))
        factories.make_property_item(case)
        request_id = factories.make_records_request(case).id
        access_id, case_id = case.victim.access_id, case.id
    sign_in_victim(page, live_server, access_id)

    page.goto(live_server + "/my/belongings/")
    page.get_by_label("Ask for it back").check()
    page.get_by_role("button", name="Send to your officer").click()
    page.wait_for_load_state()
    with app.app_context():
        assert db.session.scalar(select(Message)) is not None  # a question for the officer

    page.goto(f"{live_server}/my/records-requests/{request_id}")
    page.get_by_role("button", name="Read it now").click()
    page.get_by_label("I do not want these records shared").check()
    page.get_by_role("button", name="Send to my officer").click()
    assert page.get_by_text("Your answer has been sent to your officer.").is_visible()
    with app.app_context():
        assert db.session.get(RecordsRequest, request_id).answer == "object"

    page.goto(live_server + "/my/safety")
    page.get_by_role("button", name="Report a breach or a worry").click()
    assert page.get_by_text("Your officer or another officer will call you today.").is_visible()
    with app.app_context():
        assert db.session.scalar(select(SafetyReport)) is not None

    page.goto(f"{live_server}/my/pause/{case_id}")
    page.locator("input[name=about][value=break]").check()
    page.locator("input[name=choice][value=no_updates]").check()
    page.locator("input[name=how_long][value=until_i_say]").check()
    page.get_by_role("button", name="Send to my officer").click()
    assert page.get_by_text(
        "Your officer has been told. You can come back at any time."
    ).is_visible()
    with app.app_context():
        assert db.session.scalar(select(ContactPause)).ended_at is None
