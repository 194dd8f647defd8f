"""What the police took from the victim and the conditions that protect her reach her
supporter only when she shares every update, in the third person."""

from __future__ import annotations

import pytest

from tests import factories


def test_a_supporter_she_shares_everything_with_sees_her_belongings_and_bail(
    case, supporter, supporter_client
):
    grant = factories.share_with(case.victim, supporter, scope="everything")
    factories.make_property_item(case)
    factories.make_safety_record(case)
    page = supporter_client.get_page(f"/support/shared/{grant.id}")
    items = page.select_one("#shared-belongings").get_text(" ", strip=True)
    assert items.startswith("Phone Where it is now: With the police since")
    assert "The police aim to give it back by 16 February 2026." in items
    # What the police look at on her phone stays hers.
    assert "The messages he sent in January." not in page.text()
    bail = page.select_one("#shared-safety").get_text(" ", strip=True)
    assert "The suspect is on bail until 1 April 2026." in bail
    assert "not contact them in any way" in bail
    assert "keep away from: 12 Elm Road, Leeds" in bail
    assert "not contact you" not in bail and "your officer" not in bail


@pytest.mark.parametrize("scope", ["key_decisions", "guides_and_dates"])
def test_a_narrower_share_shows_neither(case, supporter, supporter_client, scope):
    grant = factories.share_with(case.victim, supporter, scope=scope)
    factories.make_property_item(case)
    factories.make_safety_record(case)
    page = supporter_client.get_page(f"/support/shared/{grant.id}")
    assert page.select_one("#shared-belongings") is None
    assert page.select_one("#shared-safety") is None
    assert "Elm Road" not in page.text()
