"""A person's language is hers: chosen at activation, kept on every page after it,
remembered before sign-in, and changed for good only on her choices page."""

from __future__ import annotations

from portal.extensions import db
from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in, victim_client
from tests.victim.auth.test_activation import CODE, GOOD_PASSPHRASE, _activate


def test_activating_in_arabic_keeps_the_access_id_page_and_home_in_arabic(client, app_context):
    invited = factories.invite_victim(CODE, language="en")  # what the officer entered
    client.get("/language/ar")
    assert client.get_page("/activate").soup.html["lang"] == "ar"
    shown = Page(_activate(client))
    assert (shown.soup.html["lang"], shown.soup.html["dir"]) == ("ar", "rtl")
    assert shown.select_one("#access-id") is not None
    home = client.get_page("/my/")
    assert (home.soup.html["lang"], home.soup.html["dir"]) == ("ar", "rtl")
    db.session.refresh(invited)
    assert invited.language == "ar", "her notifications and her officer follow her choice"


def test_activating_in_the_browsers_language_saves_it_and_remembers_it(client, app_context):
    invited = factories.invite_victim(CODE, language="en")
    welsh = {"Accept-Language": "cy"}
    client.post("/activate", {"code": CODE}, from_url="/activate", headers=welsh)
    response = client.post(
        "/activate/passphrase",
        {"passphrase": GOOD_PASSPHRASE, "confirm": GOOD_PASSPHRASE},
        from_url="/activate/passphrase",
        headers=welsh,
    )
    assert "portal_lang=cy" in response.headers["Set-Cookie"]
    db.session.refresh(invited)
    assert invited.language == "cy"
    # The next page, with an English browser, is still in her language.
    assert client.get_page("/my/").soup.html["lang"] == "cy"


def test_a_language_chosen_before_sign_in_is_kept_after_it(client, victim):
    client.get("/language/ar")
    assert client.get_page("/sign-in").soup.html["lang"] == "ar"
    sign_in(client, victim)
    assert client.get_page("/my/").soup.html["lang"] == "ar"


def test_with_no_choice_on_this_device_her_saved_language_is_used(app, app_context):
    victim = factories.make_victim(language="cy")
    page = victim_client(app, victim).get_page("/my/", headers={"Accept-Language": "en"})
    assert page.soup.html["lang"] == "cy"


def test_switching_the_pages_language_never_changes_her_saved_language(app, app_context):
    victim = factories.make_victim(language="cy")
    client = victim_client(app, victim)
    page = client.get_page("/my/")
    note = page.select_one(".portal-language-switch__note")
    assert note.select_one("a")["href"] == "/my/choices", "the switcher says where to change it"
    client.get(page.select_one(".portal-language-switch a[lang=ar]")["href"])
    assert client.get_page("/my/").soup.html["lang"] == "ar"
    db.session.refresh(victim)
    assert victim.language == "cy"


def test_changing_her_language_on_her_choices_page_saves_it_and_the_pages_follow(app, app_context):
    victim = factories.make_victim(language="en")
    client = victim_client(app, victim)
    form = client.get_page("/my/choices").select_one("main form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input")
        if field.get("type") not in ("radio", "checkbox") or field.has_attr("checked")
    }
    data.update({"language": "ar"})
    response = client.post("/my/choices", data)
    assert response.status_code == 303, client.get_page("/my/choices").error_summary()
    db.session.refresh(victim)
    assert victim.language == "ar"
    assert client.get_page("/my/choices").soup.html["lang"] == "ar"
