"""Public pages in a real browser: accessible, usable on a phone, and easy to leave."""

from __future__ import annotations

from tests.browser.conftest import NEUTRAL_TEXT, axe_violations


def test_exit_this_page_button_leaves_for_the_neutral_site(phone, live_server):
    phone.goto(live_server + "/")
    phone.get_by_role("button", name="Exit this page").first.click()
    phone.wait_for_url(lambda url: not url.startswith(live_server))
    assert NEUTRAL_TEXT in phone.content()


def test_three_presses_of_shift_leave_for_the_neutral_site(desktop, live_server):
    desktop.goto(live_server + "/")
    desktop.locator("body").click()
    for _ in range(3):
        desktop.keyboard.press("Shift")
    desktop.wait_for_url(lambda url: not url.startswith(live_server))
    assert NEUTRAL_TEXT in desktop.content()


def test_exit_works_with_javascript_off(phone_without_javascript, live_server):
    page = phone_without_javascript
    page.goto(live_server + "/")
    page.get_by_role("button", name="Exit this page").first.click()
    page.wait_for_url(lambda url: not url.startswith(live_server))
    assert NEUTRAL_TEXT in page.content()


def test_skip_link_is_the_first_thing_the_keyboard_reaches(desktop, live_server):
    desktop.goto(live_server + "/")
    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "main-content"


def test_the_accessibility_check_reports_what_axe_finds(phone):
    phone.set_content("<html lang='en'><title>A page</title><main><img src='x.png'></main>")
    assert [v.split(":")[0] for v in axe_violations(phone)] == ["image-alt"]
