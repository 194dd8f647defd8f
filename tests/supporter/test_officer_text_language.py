"""A supporter reading in Arabic sees the officer's English words marked as English,
left to right, as the victim does (WCAG 3.1.2)."""

from __future__ import annotations

from tests import factories

ENGLISH = "We arrested a man today. I will call you on Monday."


def test_the_officers_words_keep_their_language_on_a_supporters_page(
    case, supporter, supporter_client
):
    factories.share_with(case.victim, supporter, scope="everything")
    update = factories.make_update(case, ENGLISH, event_type="suspect_arrested")
    supporter_client.get("/language/ar")
    page = supporter_client.get_page(f"/support/updates/{update.id}")
    assert page.soup.html["dir"] == "rtl"
    words = page.select_one(".portal-officer-text")
    assert (words["lang"], words["dir"]) == ("en", "ltr")
    assert ENGLISH in words.get_text()
