"""The twelve rights for anyone, with no account: what a support worker can share."""

from __future__ import annotations


def test_anyone_reads_all_twelve_rights_in_plain_words(client):
    page = client.get_page("/rights")
    headings = [h.get_text(strip=True) for h in page.select("section.portal-right h2")]
    assert len(headings) == 12
    assert headings[0] == "Right 1: To understand and be understood"
    assert "enhanced service" in page.text()
    assert page.select_one("a[href='/sign-in']") is not None


def test_the_start_page_links_to_the_rights_and_the_guides(client):
    page = client.get_page("/")
    assert page.select_one("main a[href='/rights']") is not None
    assert page.select_one("main a[href='/guides/']") is not None


def test_the_rights_page_is_in_the_readers_language(client):
    page = client.get_page("/rights", headers={"Accept-Language": "cy"})
    assert page.select_one("html")["lang"] == "cy"
    assert page.h1 != "Your rights"
