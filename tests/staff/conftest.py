"""Staff tests sign in through the real password and TOTP forms."""

from __future__ import annotations

import pyotp
import pytest

from portal.data.models import StaffRole
from tests import factories
from tests.factories import STAFF_PASSWORD

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # what tests.factories.make_staff enrols


def sign_in_staff(client, user, password: str = STAFF_PASSWORD, secret: str = TOTP_SECRET):
    """Sign `user` in with the password form, then the TOTP form, as a person would.

    A code is accepted once: to sign the same person in twice in one test, move the clock
    on 30 seconds between the two (time_machine).
    """
    response = client.post(
        "/staff/sign-in", {"email": user.email, "password": password}, from_url="/staff/sign-in"
    )
    assert response.status_code == 303, "the password step did not succeed"
    assert response.headers["Location"].startswith("/staff/sign-in/code")
    response = client.post(
        "/staff/sign-in/code",
        {"code": pyotp.TOTP(secret).now()},
        from_url="/staff/sign-in/code",
    )
    assert response.status_code == 303, "the code step did not succeed"
    return response


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
def admin(app_context):
    return factories.make_staff(StaffRole.ADMIN, display_name="Jo Admin")
