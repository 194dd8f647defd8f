"""The victim's journeys in a real browser, on a 360×740 phone and on a desktop screen."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data.models import Message, Victim
from portal.extensions import db
from tests import factories
from tests.browser.conftest import NEUTRAL_TEXT
from tests.browser.steps import (
    go_by_the_menu,
    leaves_portal,
    sign_in_victim,
    sign_out_from_the_menu,
    visible_text,
)

pytestmark = pytest.mark.browser

CODE = "K7PQW-3MXRT-9ACHE-UV4DY"
NEW_PASSPHRASE = "pencil harbour velvet cloud"
NAME = "Samira"
UPDATE_TEXT = "I am sorry to tell you that the CPS has decided not to charge."
QUESTION = "Can I ask for the decision to be looked at again?"


@pytest.fixture(params=["phone", "desktop"])
def page(request):
    return request.getfixturevalue(request.param)


def _invited_with_a_sensitive_update(app) -> None:
    with app.app_context():
        victim = factories.invite_victim(CODE, preferred_name=NAME)
        case = factories.make_case(victim=victim)
        factories.make_update(case, UPDATE_TEXT, event_type="no_further_action", sensitive=True)


def _signed_in_with_an_update(app, page, live_server) -> None:
    with app.app_context():
        victim = factories.make_victim(preferred_name=NAME)
        case = factories.make_case(victim=victim)
        update = factories.make_update(case, UPDATE_TEXT)
        access_id, update_id = victim.access_id, update.id
    sign_in_victim(page, live_server, access_id)
    page.goto(f"{live_server}/my/updates/{update_id}")
    assert UPDATE_TEXT in visible_text(page)


def _saved_victim(app) -> Victim:
    with app.app_context():
        victim = db.session.scalar(select(Victim))
        db.session.expunge(victim)
        return victim


def test_a_victim_activates_signs_in_reads_chooses_and_asks(page, live_server, app):
    _invited_with_a_sensitive_update(app)
    page.goto(live_server + "/sign-in")
    page.get_by_role("link", name="I have a code and have not set up yet").click()
    page.get_by_label("Your code").fill(CODE)
    page.get_by_role("button", name="Continue").click()
    page.locator("main").get_by_role("button", name="Continue").click()
    page.get_by_label("Choose a passphrase").fill(NEW_PASSPHRASE)
    page.get_by_label("Type your passphrase again").fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Save my passphrase").click()
    access_id = page.locator("#access-id").inner_text()
    assert access_id == _saved_victim(app).access_id
    page.locator("main").get_by_role("button", name="Continue").click()
    page.wait_for_url(live_server + "/my/")

    sign_out_from_the_menu(page)
    page.wait_for_url("**/signed-out?lang=*")
    sign_in_victim(page, live_server, access_id, NEW_PASSPHRASE)
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {NAME}"
    assert UPDATE_TEXT not in visible_text(page)

    page.locator(".portal-updates a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Before you read this message"
    assert UPDATE_TEXT not in visible_text(page)
    page.get_by_role("button", name="Read it now").click()
    page.wait_for_url("**note=seen")
    assert UPDATE_TEXT in visible_text(page)

    go_by_the_menu(page, "Choices")
    page.get_by_label("Every 2 weeks").check()
    page.get_by_label("Do not send anything. I will sign in and look.").check()
    page.get_by_role("button", name="Save my choices").click()
    assert page.get_by_text("Your choices are saved.").is_visible()
    assert page.get_by_label("Every 2 weeks").is_checked()
    assert _saved_victim(app).routine_frequency == "fortnightly"

    go_by_the_menu(page, "Questions")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("Your question has been sent.").is_visible()
    assert page.locator(".portal-conversation").get_by_text(QUESTION).is_visible()
    with app.app_context():
        assert db.session.scalar(select(Message)).body == QUESTION


def test_a_victim_downloads_a_guide_as_a_pdf(page, live_server, app):
    with app.app_context():
        access_id = factories.make_victim(preferred_name=NAME).access_id
    sign_in_victim(page, live_server, access_id)
    page.get_by_role("link", name="Easy-read guides").click()
    page.wait_for_url("**/guides/")
    with page.expect_download() as download:
        page.locator("a[href$='.pdf']").first.click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith("-en.pdf")


def test_exit_this_page_leaves_and_back_does_not_show_the_portal_again(page, live_server, app):
    _signed_in_with_an_update(app, page, live_server)
    page.get_by_role("button", name="Exit this page").first.click()
    page.wait_for_url(leaves_portal(live_server))
    assert NEUTRAL_TEXT in visible_text(page)
    _back_shows_nothing_personal(page, live_server)


def test_three_presses_of_shift_leave_and_back_does_not_show_the_portal(page, live_server, app):
    _signed_in_with_an_update(app, page, live_server)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(leaves_portal(live_server))
    assert NEUTRAL_TEXT in visible_text(page)
    _back_shows_nothing_personal(page, live_server)


def _back_shows_nothing_personal(page, live_server: str) -> None:
    page.go_back()
    page.wait_for_load_state()
    shown = visible_text(page)
    assert NAME not in shown
    assert UPDATE_TEXT not in shown
    assert page.url.startswith(live_server + "/sign-in") or NEUTRAL_TEXT in shown
    page.goto(live_server + "/my/")
    assert page.url.startswith(live_server + "/sign-in"), "the session should have ended"


def test_the_signed_out_page_stays_in_the_persons_language(phone, live_server, app):
    with app.app_context():
        access_id = factories.make_victim(preferred_name=NAME, language="cy").access_id
    sign_in_victim(phone, live_server, access_id)
    assert phone.locator("html").get_attribute("lang") == "cy"
    sign_out_from_the_menu(phone)
    phone.wait_for_url("**/signed-out?lang=cy")
    assert phone.locator("html").get_attribute("lang") == "cy"
