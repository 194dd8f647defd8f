"""Staff tests sign in through the real password and TOTP forms (tests/sign_in.py); the
team, officer and supervisor come from tests/conftest.py."""

from __future__ import annotations

import pytest

from portal.data.models import StaffRole
from tests import factories


@pytest.fixture
def admin(app_context):
    return factories.make_staff(StaffRole.ADMIN, display_name="Jo Admin")
