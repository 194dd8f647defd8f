"""Supporter tests sign in through the real forms, with the real cookies."""

from __future__ import annotations

import pytest

from tests import factories
from tests.factories import SUPPORTER_PASSPHRASE
from tests.pages import PageClient
from tests.victim.conftest import sign_in as sign_in_victim


def sign_in_supporter(client, supporter, passphrase: str = SUPPORTER_PASSPHRASE):
    response = client.post(
        "/support/sign-in",
        {"access_id": supporter.access_id, "passphrase": passphrase},
        from_url="/support/sign-in",
    )
    assert response.status_code == 303, "supporter sign-in did not succeed"
    return response


@pytest.fixture
def victim(app_context):
    return factories.make_victim(preferred_name="Sam", full_name="Samantha Quennell")


@pytest.fixture
def case(victim):
    return factories.make_case(victim=victim)


@pytest.fixture
def victim_client(app, case):
    client = PageClient(app)
    sign_in_victim(client, case.victim)
    return client


@pytest.fixture
def supporter(app_context):
    return factories.make_supporter()


@pytest.fixture
def supporter_client(app, supporter):
    client = PageClient(app)
    sign_in_supporter(client, supporter)
    return client
