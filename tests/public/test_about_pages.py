"""The pages a public service must have: accessibility statement, privacy notice, cookies.

They are linked from every page's footer, in every language, and say what the portal
really does (the cookies page is checked against real responses in test_cookies.py).
"""

from __future__ import annotations

import pytest

FOOTER_LINKS = {"/accessibility", "/privacy", "/cookies", "/feedback"}


@pytest.mark.parametrize("path", ["/", "/rights", "/guides/", "/sign-in", "/staff/sign-in"])
def test_every_footer_links_the_statement_the_notice_cookies_and_feedback(client, path):
    page = client.get_page(path)
    links = {a["href"] for a in page.select("footer a.govuk-footer__link")}
    assert links >= FOOTER_LINKS
    assert "/" not in links, "no footer link is the start page dressed up as 'About'"


def test_a_signed_in_victims_pages_carry_the_same_footer(app, victim):
    from tests.sign_in import victim_client

    page = victim_client(app, victim).get_page("/my/")
    assert {a["href"] for a in page.select("footer a.govuk-footer__link")} >= FOOTER_LINKS


def test_every_page_has_a_phase_banner_whose_link_needs_no_account(client):
    page = client.get_page("/")
    banner = page.select_one(".govuk-phase-banner")
    assert banner.select_one(".govuk-tag").get_text(strip=True) == "Beta"
    assert banner.select_one("a")["href"] == "/feedback"
    assert client.get("/feedback").status_code == 200


def test_the_accessibility_statement_follows_the_model_and_names_its_known_problems(client):
    page = client.get_page("/accessibility")
    headings = [h.get_text(strip=True) for h in page.select("main h2, main h3")]
    for heading in (
        "Parts that are not fully accessible",
        "Compliance status",
        "Content that is not accessible",
        "How we tested this website",
    ):
        assert heading in headings
    text = page.text()
    # Each easy-read picture now has its own description (easyread/pictures/catalogue.toml):
    # the statement no longer lists them as failing WCAG 1.1.1, and says so.
    assert "fully compliant" in text and "WCAG" in text
    assert "1.1.1" not in text
    assert "Each picture in the easy-read guides has its own description" in text
    assert "Equality Advisory and Support Service" in text
    assert "This statement was prepared on 4 December 2026." in text


def test_the_privacy_notice_gives_the_lawful_basis_how_long_and_the_ico(app, client):
    page = client.get_page("/privacy")
    text = page.text()
    assert "Part 3 of the Data Protection Act 2018" in text
    assert "section 35" in text and "Schedule 8" in text
    days = app.config["SETTINGS"].retention_days
    assert f"deleted {days} days after your case is closed" in text
    assert f"It is deleted {days} days after you send it." in text
    assert page.select_one("a[href^='https://ico.org.uk']") is not None
    assert "0303 123 1113" in text
    assert "Staff who manage accounts cannot see anything about your report." in text


def test_the_cookies_page_lists_the_session_and_language_cookies(app, client):
    page = client.get_page("/cookies")
    names = {row["data-cookie"] for row in page.select("tr[data-cookie]")}
    assert names == {app.config["SESSION_COOKIE_NAME"], "portal_lang"}
    assert "does not ask for your permission" in page.text()


@pytest.mark.parametrize("lang", ["cy", "pl", "ro", "ur", "ar"])
@pytest.mark.parametrize("path", ["/accessibility", "/privacy", "/cookies", "/feedback"])
def test_the_pages_are_in_every_supported_language(client, path, lang):
    english = client.get_page(path, headers={"Accept-Language": "en"})
    translated = client.get_page(path, headers={"Accept-Language": lang})
    assert translated.soup.html["lang"] == lang
    assert translated.h1 != english.h1
    english_headings = [h.get_text(strip=True) for h in english.select("main h2")]
    translated_headings = [h.get_text(strip=True) for h in translated.select("main h2")]
    assert not set(english_headings) & set(translated_headings)
