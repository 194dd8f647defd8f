"""Feedback tests: a team with an officer and a supervisor, a victim with a case."""

from __future__ import annotations

import pytest

from portal.data.models import StaffRole
from tests import factories
from tests.review.conftest import staff_client, victim_client  # noqa: F401 (re-exported)


@pytest.fixture
def team(app_context):
    return factories.make_team("Team North")


@pytest.fixture
def officer(team):
    return factories.make_staff(StaffRole.OFFICER, team=team, display_name="DC Ada Jones")


@pytest.fixture
def supervisor(team):
    return factories.make_staff(StaffRole.SUPERVISOR, team=team, display_name="DS Lee Brown")


@pytest.fixture
def case(officer):
    victim = factories.make_victim(preferred_name="Sam")
    return factories.make_case(victim=victim, officer=officer, crime_reference="RSO/26/0808")
