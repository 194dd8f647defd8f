"""Sign people in through the real forms, as a person would: the victim's passphrase form,
the staff password and TOTP forms, the supporter's form. (tests/sessions.py skips the
forms, for tests about access rules rather than signing in.)"""

from __future__ import annotations

import pyotp
import pytest

from tests.factories import PASSPHRASE, STAFF_PASSWORD, SUPPORTER_PASSPHRASE
from tests.pages import Page, PageClient

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # what tests.factories.make_staff enrols


def sign_in(client, victim, passphrase: str = PASSPHRASE):
    """Sign `victim` in through the sign-in form, as a person would."""
    response = client.post(
        "/sign-in", {"identifier": victim.access_id, "passphrase": passphrase}, from_url="/sign-in"
    )
    if response.status_code != 303:
        errors = Page(response).soup.select(".govuk-error-summary__list li")
        pytest.fail(f"sign-in did not succeed: {[e.get_text(' ', strip=True) for e in errors]}")
    return response


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


def sign_in_supporter(client, supporter, passphrase: str = SUPPORTER_PASSPHRASE):
    response = client.post(
        "/support/sign-in",
        {"access_id": supporter.access_id, "passphrase": passphrase},
        from_url="/support/sign-in",
    )
    assert response.status_code == 303, "supporter sign-in did not succeed"
    return response


def victim_client(app, victim) -> PageClient:
    """A client of its own, signed in as `victim` (for tests with more than one person)."""
    client = PageClient(app)
    sign_in(client, victim)
    return client


def staff_client(app, user) -> PageClient:
    """A client of its own, signed in as the staff member `user`."""
    client = PageClient(app)
    sign_in_staff(client, user)
    return client
