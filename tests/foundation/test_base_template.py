import re

from portal.web.i18n import LANGUAGE_COOKIE


def test_start_page_has_skip_link_first(client):
    page = client.get_page("/")
    focusable = page.soup.select("body a[href], body button")
    assert focusable[0].get("href") == "#main-content"
    assert page.select_one("main#main-content") is not None


def test_every_page_offers_exit_this_page_leading_to_the_exit_route(client):
    page = client.get_page("/")
    button = page.select_one(".govuk-exit-this-page a")
    assert button is not None
    assert button["href"] == "/exit"
    assert "Exit this page" in button.get_text()


def test_every_script_carries_this_responses_nonce(client):
    first = client.get_page("/")  # check_well_formed asserts the nonce on every script
    second = client.get_page("/")
    nonce = re.compile(r"'nonce-([^']+)'")
    one = nonce.search(first.response.headers["Content-Security-Policy"]).group(1)
    two = nonce.search(second.response.headers["Content-Security-Policy"]).group(1)
    assert one != two
    assert len(first.select("script")) >= 2


def test_page_language_follows_the_browser_then_the_cookie(client):
    assert client.get_page("/").soup.html["lang"] == "en"
    welsh = client.get_page("/", headers={"Accept-Language": "cy,en;q=0.5"})
    assert welsh.soup.html["lang"] == "cy"
    client.http.set_cookie(LANGUAGE_COOKIE, "ar")
    arabic = client.get_page("/", headers={"Accept-Language": "cy"})
    assert arabic.soup.html["lang"] == "ar"
    assert arabic.soup.html["dir"] == "rtl"


def test_a_forged_language_cookie_is_ignored(client):
    client.http.set_cookie(LANGUAGE_COOKIE, 'xx"><script>')
    page = client.get_page("/")
    assert page.soup.html["lang"] == "en"


def test_language_switch_sets_the_cookie_and_returns_to_the_same_page(client):
    response = client.get("/language/cy", query_string={"next": "/?a=1"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/?a=1"
    assert client.get_page("/").soup.html["lang"] == "cy"


def test_language_switch_never_redirects_off_the_site(client):
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example", "javascript:x"):
        response = client.get("/language/en", query_string={"next": target})
        assert response.headers["Location"] == "/", target


def test_an_unknown_language_changes_nothing_and_still_goes_back(client):
    response = client.get("/language/xx", query_string={"next": "/rights"})
    assert response.headers["Location"] == "/rights"
    assert "Set-Cookie" not in response.headers


def test_the_page_title_is_neutral(client):
    title = client.get_page("/").title
    for word in ("police", "rape", "case", "crime", "victim"):
        assert word not in title.lower()


def test_footer_offers_support_lines_and_999(client):
    footer = client.get_page("/").select_one("footer").get_text(" ")
    assert "116 123" in footer
    assert "999" in footer


def test_start_page_leads_to_sign_in_activation_and_the_guides(client):
    page = client.get_page("/")
    links = {a.get_text(strip=True): a["href"] for a in page.select("main a")}
    assert links["Sign in"] == "/sign-in"
    assert links["I have a code to start"] == "/activate"
    assert links["Read easy-read guides, in several languages"] == "/guides/"


def test_a_field_error_is_announced_in_the_pages_language(client):
    """The hidden word before a field's error message is translated, not always English."""
    from babel.support import Translations

    from portal.easyread.language_support import TRANSLATIONS

    page = client.post_page("/sign-in", {}, headers={"Accept-Language": "cy"})
    prefix = page.select_one(".govuk-error-message .govuk-visually-hidden").get_text(strip=True)
    welsh = Translations.load(TRANSLATIONS, ["cy"]).gettext("Error")
    assert welsh != "Error", "the Welsh catalogue should translate the word"
    assert prefix == f"{welsh}:"
    english = client.post_page("/sign-in", {}, headers={"Accept-Language": "en"})
    assert english.select_one(".govuk-error-message .govuk-visually-hidden").text == "Error:"
