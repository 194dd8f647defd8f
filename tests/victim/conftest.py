"""Victim tests go through the real journey: the real sign-in form, the real cookie."""

from __future__ import annotations

import pytest

from tests import factories
from tests.factories import PASSPHRASE
from tests.pages import Page


def sign_in(client, victim, passphrase: str = PASSPHRASE):
    """Sign `victim` in through the sign-in form, as a person would."""
    response = client.post(
        "/sign-in", {"identifier": victim.access_id, "passphrase": passphrase}, from_url="/sign-in"
    )
    if response.status_code != 303:
        errors = Page(response).soup.select(".govuk-error-summary__list li")
        pytest.fail(f"sign-in did not succeed: {[e.get_text(' ', strip=True) for e in errors]}")
    return response


@pytest.fixture
def victim(app_context):
    return factories.make_victim(preferred_name="Sam")


@pytest.fixture
def case(victim):
    return factories.make_case(victim=victim)


@pytest.fixture
def signed_in(client, case):
    """A client signed in as the victim of `case`."""
    sign_in(client, case.victim)
    return client
