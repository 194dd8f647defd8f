"""A supporter sees a running pause only where the victim's sharing allows it."""

from __future__ import annotations

from datetime import timedelta

from portal.data.models import utcnow
from tests import factories


def _shared_pause(client, grant):
    found = client.get_page(f"/support/shared/{grant.id}").select_one("#shared-pause")
    return found.get_text(" ", strip=True) if found else None


def test_sharing_everything_shows_her_running_pause(case, supporter, supporter_client):
    grant = factories.share_with(case.victim, supporter, scope="everything")
    factories.make_contact_pause(case, about="step_back")
    text = _shared_pause(supporter_client, grant)
    assert "They have asked for a pause" in text
    assert "I want to step back from the investigation for now" in text
    assert "It lasts until they say." in text


def test_her_isva_sees_isva_first_whatever_she_shares_and_nothing_else(
    case, supporter, supporter_client
):
    grant = factories.share_with(case.victim, supporter, scope="key_decisions")
    factories.make_contact_pause(case, choice="no_updates")
    assert _shared_pause(supporter_client, grant) is None
    factories.make_contact_pause(case, choice="isva_first")
    assert "My officer talks to my ISVA first" in _shared_pause(supporter_client, grant)


def test_a_trusted_person_with_only_decisions_shared_never_sees_a_pause(
    case, supporter, supporter_client
):
    grant = factories.share_with(
        case.victim, supporter, scope="key_decisions", supporter_kind="trusted_person"
    )
    factories.make_contact_pause(case, choice="isva_first")
    assert _shared_pause(supporter_client, grant) is None


def test_an_ended_pause_is_not_shown(case, supporter, supporter_client):
    grant = factories.share_with(case.victim, supporter, scope="everything")
    factories.make_contact_pause(case, ended_at=utcnow() - timedelta(minutes=5))
    assert _shared_pause(supporter_client, grant) is None
