"""No English left on a Welsh or Arabic page: every page is rendered in cy and ar, and
any piece of interface text that is still the English of a message the catalogue
translates fails the test (text the officer typed, or marked with another `lang`, is not
the interface's)."""

from __future__ import annotations

from functools import cache

import pytest
from babel.messages.pofile import read_po

from portal.easyread.language_support import TRANSLATIONS
from tests import factories
from tests.sign_in import victim_client

PUBLIC_PAGES = [
    "/",
    "/rights",
    "/guides/",
    "/accessibility",
    "/privacy",
    "/cookies",
    "/feedback",
    "/feedback/sent",
    "/sign-in",
    "/activate",
    "/forgotten-passphrase",
    "/staff/sign-in",
]
VICTIM_PAGES = ["/my/", "/my/choices", "/my/questions", "/my/rights", "/my/sharing/"]
ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")


@cache
def english_that_should_not_be_seen(code: str) -> frozenset[str]:
    """The English of every message the language translates differently."""
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    found = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "%(" in ids[0] or len(ids[0]) < 3:
            continue  # formatted text never appears as its msgid; "OK" may be the same
        if strings[0] and strings[0] != ids[0]:
            found.add(ids[0])
    return frozenset(found)


def english_left(page, code: str) -> list[str]:
    english = english_that_should_not_be_seen(code)
    left = []
    for node in page.soup.find_all(string=True):
        if node.parent.name in ("script", "style"):
            continue
        marked = node.parent.find_parent(attrs={"lang": True}) or node.parent
        if node.parent.get("lang") not in (None, code) or marked.get("lang") != code:
            continue
        if node.strip() in english:
            left.append(node.strip())
    for element in page.soup.find_all(True):
        for name in ATTRIBUTES:
            if element.get(name, "").strip() in english:
                left.append(f"{name}={element[name]}")
        # A button's words; a radio's value is a code, not words.
        is_button = element.name == "input" and element.get("type") in ("submit", "button")
        if is_button and element.get("value", "").strip() in english:
            left.append(f"value={element['value']}")
    return left


@pytest.mark.parametrize("code", ["cy", "ar"])
def test_no_public_page_shows_english_in_welsh_or_arabic(client, code):
    client.get(f"/language/{code}")
    found = {path: english_left(client.get_page(path), code) for path in PUBLIC_PAGES}
    assert {path: left for path, left in found.items() if left} == {}


@pytest.mark.parametrize("code", ["cy", "ar"])
def test_no_victim_page_shows_english_in_welsh_or_arabic(app, app_context, code):
    victim = factories.make_victim(language=code)
    case = factories.make_case(victim=victim)
    update = factories.make_update(case, "Dim newid heddiw.")
    client = victim_client(app, victim)
    pages = [*VICTIM_PAGES, f"/my/updates/{update.id}"]
    found = {path: english_left(client.get_page(path), code) for path in pages}
    missing = client.get_page("/my/nothing-here", status=404)
    found["404"] = english_left(missing, code)
    assert {path: left for path, left in found.items() if left} == {}


def test_the_check_finds_english_left_on_a_page(client):
    """The check itself: a Welsh page with an English message in it is caught."""
    client.get("/language/cy")
    page = client.get_page("/")
    page.soup.body.append(page.soup.new_string("Skip to main content"))
    assert english_left(page, "cy") == ["Skip to main content"]
