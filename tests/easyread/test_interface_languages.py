"""Choosing the interface language, and the notice on a draft translation.

The foundation's tests cover the browser's Accept-Language and the switcher's cookie;
these add the signed-in victim's saved preference on top of both.
"""

from __future__ import annotations

from flask_login import login_user

from portal.easyread import language_support as languages_status
from portal.web.i18n import LANGUAGE_COOKIE, select_locale
from tests.factories import make_victim


def locale_for(app, victim=None, cookie=None, accept=None) -> str:
    headers = {}
    if cookie:
        headers["Cookie"] = f"{LANGUAGE_COOKIE}={cookie}"
    if accept:
        headers["Accept-Language"] = accept
    with app.test_request_context("/", headers=headers):
        if victim is not None:
            login_user(victim)
        return select_locale()


def test_the_pages_language_chosen_on_this_device_beats_her_saved_one(app, app_context):
    """Switching the pages' language must work for a signed-in victim too, without
    changing her saved language (tests/victim/auth/test_her_language.py)."""
    victim = make_victim(language="ur")
    assert locale_for(app, victim, cookie="cy", accept="pl") == "cy"


def test_with_no_choice_on_this_device_her_saved_language_beats_the_browser(app, app_context):
    victim = make_victim(language="ur")
    assert locale_for(app, victim, accept="pl") == "ur"


def test_the_cookie_beats_the_browser_and_the_browser_beats_english(app):
    assert locale_for(app, cookie="ro", accept="pl") == "ro"
    assert locale_for(app, accept="pl, en;q=0.5") == "pl"
    assert locale_for(app, accept="de") == "en"


def test_an_unknown_saved_preference_falls_back_to_the_cookie(app, app_context):
    victim = make_victim(language="xx")
    assert locale_for(app, victim, cookie="ar", accept="pl") == "ar"


def use_translations(monkeypatch, folder, status: str):
    """Point the status checks at a folder with a Welsh catalogue and the given status."""
    (folder / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "cy" / "LC_MESSAGES" / "messages.po").write_text('msgid ""\nmsgstr ""\n')
    (folder / "status.toml").write_text(status)
    monkeypatch.setattr(languages_status, "TRANSLATIONS", folder)
    monkeypatch.setattr(languages_status, "STATUS_FILE", folder / "status.toml")


def has_draft_notice(page) -> bool:
    """The notice is itself translated, so it is found by its role on the page."""
    return page.soup.select_one(".portal-draft-notice[role=note]") is not None


def test_pages_in_an_unchecked_translation_say_so(client, monkeypatch, tmp_path):
    use_translations(monkeypatch, tmp_path, "[cy]\nreviewed = false\n")
    page = client.get_page("/", headers={"Accept-Language": "cy"})
    assert has_draft_notice(page)
    english = client.get_page("/", headers={"Accept-Language": "en"})
    assert not has_draft_notice(english)


def test_a_reviewed_translation_carries_no_notice(client, monkeypatch, tmp_path):
    use_translations(monkeypatch, tmp_path, "[cy]\nreviewed = true\n")
    page = client.get_page("/", headers={"Accept-Language": "cy"})
    assert not has_draft_notice(page)


def test_a_language_with_no_catalogue_yet_is_shown_in_english_without_a_notice(
    client, monkeypatch, tmp_path
):
    use_translations(monkeypatch, tmp_path, "[pl]\nreviewed = false\n")  # Welsh only
    page = client.get_page("/", headers={"Accept-Language": "pl"})
    assert not has_draft_notice(page)
