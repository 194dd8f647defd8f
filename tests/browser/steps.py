"""What a person does in the browser, step by step, shared by the browser tests.

Each step goes through the real pages (the real forms, buttons and links), so a test that
uses them fails when a person could not do the same thing.
"""

from __future__ import annotations

import pyotp

from tests.factories import PASSPHRASE, STAFF_PASSWORD

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # what tests.factories.make_staff enrols
# The main form's button, found by where it is: its words change with the language.
SUBMIT = "main form [type=submit]"


def leaves_portal(live_server: str):
    """A predicate for `page.wait_for_url`: the browser is somewhere other than the portal."""
    return lambda url: not url.startswith(live_server)


def sign_in_victim(page, live_server: str, access_id: str, passphrase: str = PASSPHRASE):
    page.goto(live_server + "/sign-in")
    page.locator("#identifier").fill(access_id)
    page.locator("#passphrase").fill(passphrase)
    page.locator(SUBMIT).click()
    page.wait_for_url(live_server + "/my/")


def sign_in_staff(page, live_server: str, email: str, password: str = STAFF_PASSWORD):
    """Email and password, then the code an authenticator app would show now.

    A code is accepted once per person: sign a different person in, or wait for the next
    30-second step, to sign in again.
    """
    page.goto(live_server + "/staff/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator(SUBMIT).click()
    page.wait_for_url("**/staff/sign-in/code**")
    page.locator("#code").fill(pyotp.TOTP(TOTP_SECRET).now())
    page.locator(SUBMIT).click()
    page.wait_for_url(lambda url: "/sign-in" not in url)


def use_language(page, live_server: str, code: str) -> None:
    """Choose the interface language the way the language switcher does: by its cookie."""
    page.context.add_cookies([{"name": "portal_lang", "value": code, "url": live_server}])


def visible_text(page) -> str:
    return page.locator("body").inner_text()


def assert_no_sideways_scrolling(page) -> None:
    """On a phone nothing should be wider than the screen (WCAG 1.4.10, reflow)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def sign_out_from_the_menu(page) -> None:
    """Press "Sign out" in the header's menu, opening the menu first on a phone (where it
    is folded into a <details>)."""
    summary = page.locator(".portal-nav summary")
    if summary.is_visible():
        summary.click()
    page.locator(".portal-nav form [type=submit]").click()


def go_by_the_menu(page, name: str) -> None:
    """Follow a link in the header's menu, opening the menu first on a phone."""
    summary = page.locator(".portal-nav summary")
    if summary.is_visible():
        summary.click()
    page.locator(".portal-nav").get_by_role("link", name=name, exact=True).click()
