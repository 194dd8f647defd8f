"""A request for the victim's records reaches her supporter only when she shares every
update, and never her answer to it."""

from __future__ import annotations

import pytest

from tests import factories


def test_a_supporter_she_shares_everything_with_sees_the_request_but_not_her_answer(
    case, supporter, supporter_client
):
    grant = factories.share_with(case.victim, supporter, scope="everything")
    factories.make_records_request(case, answer="object", answer_text="Keep them private.")
    page = supporter_client.get_page(f"/support/shared/{grant.id}")
    shared = page.select_one("#shared-records-requests").get_text(" ", strip=True)
    assert "Counselling notes from 2026." in shared
    assert "To check what was said about the first meeting." in shared
    assert "Keep them private." not in page.text()


@pytest.mark.parametrize("scope", ["key_decisions", "guides_and_dates"])
def test_a_narrower_share_shows_no_request(case, supporter, supporter_client, scope):
    grant = factories.share_with(case.victim, supporter, scope=scope)
    factories.make_records_request(case)
    page = supporter_client.get_page(f"/support/shared/{grant.id}")
    assert page.select_one("#shared-records-requests") is None
    assert "Counselling notes" not in page.text()
