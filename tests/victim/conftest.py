"""Victim tests go through the real journey: the real sign-in form, the real cookie."""

from __future__ import annotations

import pytest

from tests.sign_in import sign_in


@pytest.fixture
def signed_in(client, case):
    """A client signed in as the victim of `case`."""
    sign_in(client, case.victim)
    return client
