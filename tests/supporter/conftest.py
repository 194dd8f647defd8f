"""Supporter tests sign in through the real forms, with the real cookies (tests/sign_in.py)."""

from __future__ import annotations

import pytest

from tests import factories
from tests.pages import PageClient
from tests.sign_in import sign_in as sign_in_victim
from tests.sign_in import sign_in_supporter


@pytest.fixture
def victim(app_context):
    return factories.make_victim(preferred_name="Sam", full_name="Samantha Quennell")


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
