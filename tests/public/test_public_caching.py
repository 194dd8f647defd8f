"""Public pages hold nothing personal: an anonymous reader gets no cookie and no CSRF
token, and any cache may keep the page for a while (kept apart by language)."""

from __future__ import annotations

import pytest

PUBLIC_PAGES = [
    "/",
    "/rights",
    "/guides/",
    "/guides/en/after-you-report",
    "/accessibility",
    "/privacy",
    "/cookies",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_sets_no_cookie_carries_no_token_and_may_be_cached(client, path):
    page = client.get_page(path)
    headers = page.response.headers
    assert "Set-Cookie" not in headers
    assert page.select("input[name=csrf_token]") == []
    assert headers["Cache-Control"].startswith("public, max-age=")
    assert int(headers["Cache-Control"].split("max-age=")[1].split(",")[0]) > 0
    assert {"Accept-Language", "Cookie"} <= set(headers["Vary"].replace(" ", "").split(","))


def test_a_page_with_a_form_is_still_never_stored(client):
    response = client.get("/sign-in")
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" in response.headers


def test_choosing_a_language_is_a_plain_link_that_works_with_no_session(client):
    page = client.get_page("/rights")
    welsh = page.select_one(".portal-language-switch a[lang=cy]")
    assert welsh["href"] == "/language/cy?next=/rights"
    response = client.get(welsh["href"])
    assert response.headers["Location"] == "/rights"
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get_page("/rights").soup.html["lang"] == "cy"
