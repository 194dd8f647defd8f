"""Review and complaint tests: a victim with a decision not to charge, the case's team
with its supervisor, and another team that must see nothing of it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.data.models import StaffRole
from tests import factories
from tests.pages import PageClient
from tests.staff.conftest import sign_in_staff
from tests.victim.conftest import sign_in

TOLD = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)  # a Tuesday: the deadline is 10 June 2026
# Thursday 2 April 2026, 11:00 in London. Good Friday (3 April) and Easter Monday (6 April)
# fall inside the 10 working days; the Early May bank holiday (4 May) inside the 30.
ASKED = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)


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
    return factories.make_case(victim=victim, officer=officer, crime_reference="RSO/26/0707")


@pytest.fixture
def decision(case):
    """A decision not to charge, told on TOLD and already read through its content note."""
    return factories.make_update(
        case,
        "We will not be charging him. I am sorry.",
        event_type="no_further_action",
        sensitive=True,
        published_at=TOLD,
        occurred_at=TOLD,
        read_at=TOLD,
    )


def victim_client(app, victim) -> PageClient:
    client = PageClient(app)
    sign_in(client, victim)
    return client


def staff_client(app, user) -> PageClient:
    client = PageClient(app)
    sign_in_staff(client, user)
    return client
