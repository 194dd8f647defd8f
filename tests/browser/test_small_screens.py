"""Small phones, in English, Welsh and Arabic: nothing wider than a 320px screen (WCAG
1.4.10), right-to-left pages mirrored where GOV.UK Frontend sets a side, and a compact
header whose menu and language list fold away (with JavaScript off too), so the heading
starts in the first third of a 320x568 screen."""

from __future__ import annotations

import pytest

from tests import factories
from tests.browser.steps import sign_in_victim, use_language

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "cy", "ar"]
SMALL = {"width": 320, "height": 568}
PHONES = [SMALL, {"width": 390, "height": 844}]
PUBLIC_PAGES = [
    "/",
    "/rights",
    "/guides/",
    "/guides/en/after-you-report",
    "/accessibility",
    "/privacy",
    "/cookies",
    "/feedback",
    "/sign-in",
    "/activate",
    "/support/accept",
    "/nothing-here",
]


def _phone(browser, live_server, language, viewport=SMALL, **options):
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    use_language(page, live_server, language)
    return context, page


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _victim(app, language):
    with app.app_context():
        victim = factories.make_victim(preferred_name="Sam", language=language)
        case = factories.make_case(victim=victim)
        factories.make_update(case, "He was released under investigation (RUI).")
        sensitive = factories.make_update(
            case, "The CPS decided not to charge.", event_type="no_further_action", sensitive=True
        )
        return victim.access_id, sensitive.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_is_wider_than_a_320px_screen(browser, live_server, app, language):
    context, page = _phone(browser, live_server, language)
    wide = {}
    for path in PUBLIC_PAGES:
        page.goto(live_server + path)
        if _overflow(page) > 0:
            wide[path] = _overflow(page)
    access_id, update_id = _victim(app, language)
    sign_in_victim(page, live_server, access_id)
    for path in (
        "/my/",
        f"/my/updates/{update_id}",
        f"/my/updates/{update_id}?note=seen",
        "/my/rights",
        "/my/questions",
        "/my/choices",
        "/my/sharing/",
        "/my/copy/",
        "/my/nothing-here",
    ):
        page.goto(live_server + path)
        if _overflow(page) > 0:
            wide[path] = _overflow(page)
    # The invitation code: one long word in large type, and the address to go to.
    page.goto(live_server + "/my/sharing/invite")
    page.locator("#label").fill("Alex, my friend")
    page.locator("input[name=kind][value=trusted_person]").check()
    page.locator("input[name=scope][value=key_decisions]").check()
    with page.expect_navigation():
        page.locator("main form [type=submit]").first.click()
    assert page.locator("#invitation-code").is_visible()
    if _overflow(page) > 0:
        wide["invitation code"] = _overflow(page)
    context.close()
    assert wide == {}


def test_right_to_left_pages_mirror_lists_and_inset_text(browser, live_server):
    context, page = _phone(browser, live_server, "ar")
    page.goto(live_server + "/rights")
    inset = page.locator(".govuk-inset-text").first
    style = inset.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderLeftWidth, s.borderRightWidth] }"
    )
    assert style == ["0px", "10px"], "the inset text's border is on the right"
    page.goto(live_server + "/privacy")
    bullets = page.locator("main .govuk-list--bullet").first
    padding = bullets.evaluate(
        "e => { const s = getComputedStyle(e); return [s.paddingLeft, s.paddingRight] }"
    )
    assert padding[0] == "0px" and padding[1] != "0px", padding
    page.goto(live_server + "/guides/ar/after-you-report")
    for indent in page.locator("main ul:not([class]), main ol:not([class])").all():
        assert indent.evaluate("e => getComputedStyle(e).paddingLeft") == "0px"
    context.close()


@pytest.mark.parametrize("viewport", PHONES, ids=["320", "390"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_heading_starts_in_the_first_third_of_a_small_phone(
    browser, live_server, app, language, viewport
):
    context, page = _phone(browser, live_server, language, viewport)
    limit = viewport["height"] / 3
    low = {}
    for path in ("/", "/sign-in", "/privacy", "/feedback"):
        page.goto(live_server + path)
        top = page.locator("h1").bounding_box()["y"]
        if top > limit:
            low[path] = top
    access_id, _ = _victim(app, language)
    sign_in_victim(page, live_server, access_id)
    for path in ("/my/", "/my/choices"):
        page.goto(live_server + path)
        top = page.locator("h1").bounding_box()["y"]
        if top > limit:
            low[path] = top
    context.close()
    assert low == {}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_menu_and_the_language_list_fold_away_and_open(browser, live_server, app, javascript):
    access_id, _ = _victim(app, "cy")
    context, page = _phone(browser, live_server, "cy")
    sign_in_victim(page, live_server, access_id)
    if not javascript:
        context.close()
        context, page = _phone(browser, live_server, "cy", java_script_enabled=False)
        sign_in_victim(page, live_server, access_id)
    menu = page.locator(".portal-nav__list")
    languages = page.locator(".portal-language-switch__list")
    assert not menu.is_visible() and not languages.is_visible()
    page.locator(".portal-nav summary").click()
    assert page.locator(".portal-nav a[href='/my/choices']").is_visible()
    summary = page.locator(".portal-language-switch summary")
    assert "Cymraeg" in summary.inner_text()
    summary.click()
    assert languages.is_visible()
    assert page.locator(".portal-draft-notice").is_visible()
    context.close()


def test_on_a_desktop_the_menu_and_languages_are_shown_without_a_click(desktop, live_server, app):
    access_id, _ = _victim(app, "en")
    sign_in_victim(desktop, live_server, access_id)
    assert desktop.locator(".portal-nav a[href='/my/choices']").is_visible()
    assert desktop.locator(".portal-language-switch a[lang=cy]").is_visible()
    assert not desktop.locator(".portal-nav summary").is_visible()
