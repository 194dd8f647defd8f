"""The officer's own words carry their language and direction wherever they appear
(WCAG 3.1.2): the victim's update, her home page's "when to call", a supporter's page,
the officer's preview and the PDF copy (tests/victim/copy)."""

from __future__ import annotations

from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in_staff, victim_client
from tests.staff.test_publishing import _data

ENGLISH = "The man was arrested today. I will call you on Monday."


def test_an_english_message_on_an_arabic_page_is_marked_english_left_to_right(app, app_context):
    victim = factories.make_victim(language="ar")
    case = factories.make_case(victim=victim)
    update = factories.make_update(case, ENGLISH)
    page = victim_client(app, victim).get_page(f"/my/updates/{update.id}")
    assert page.soup.html["dir"] == "rtl"
    words = page.select_one(".portal-officer-text")
    assert (words["lang"], words["dir"]) == ("en", "ltr")
    assert ENGLISH in words.get_text()


def test_the_officers_when_to_call_is_marked_with_its_language(app, app_context):
    victim = factories.make_victim(language="cy")
    officer = factories.make_staff(contact_hours="Monday to Friday, 9am to 5pm")
    factories.make_case(victim=victim, officer=officer)
    page = victim_client(app, victim).get_page("/my/")
    hours = page.select_one(".portal-contact-hours")
    assert (hours["lang"], hours["dir"]) == ("en", "ltr")


def test_the_officers_preview_says_which_language_the_message_is_marked_as(client, officer):
    victim = factories.make_victim(language="ar")
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    data = _data(free_text=ENGLISH)
    page = Page(client.post(f"/staff/cases/{case.id}/updates/preview", data))
    assert page.select_one("#message-language").get_text(strip=True) == "English"
    words = page.select_one("#victim-preview .portal-officer-text")
    assert (words["lang"], words["dir"]) == ("en", "ltr")
