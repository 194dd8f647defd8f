"""Every passphrase and password length a person may type gets an answer, never an error.

The strength checker (zxcvbn) raises on input over 72 characters; before this was handled,
a passphrase of 73 to 128 characters gave a 500 page.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.auth.passwords import is_easy_to_guess
from portal.data.models import Victim
from portal.extensions import db
from portal.web.sign_in_forms import PASSPHRASE_MAX, PASSPHRASE_MIN
from tests import factories
from tests.pages import Page

CODE = "K7PQW-3MXRT-9ACHE-UV4DY"
WORDS = "pencil harbour velvet cloud quarry lantern meadow tinsel orbit saffron "


def _phrase(length: int) -> str:
    return (WORDS * 3)[:length]


def test_the_strength_check_answers_for_every_length_from_the_minimum_to_the_maximum():
    for length in range(PASSPHRASE_MIN, PASSPHRASE_MAX + 1):
        assert is_easy_to_guess(_phrase(length)) in (True, False)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=PASSPHRASE_MIN, max_size=PASSPHRASE_MAX))
def test_the_strength_check_answers_for_any_text_a_person_could_type(secret):
    assert is_easy_to_guess(secret) in (True, False)


def _choose(client, passphrase: str):
    client.post("/activate", {"code": CODE}, from_url="/activate")
    return client.post(
        "/activate/passphrase",
        {"passphrase": passphrase, "confirm": passphrase},
        from_url="/activate/passphrase",
    )


def test_a_long_passphrase_up_to_the_maximum_activates_the_account(client, app_context):
    invited = factories.invite_victim(CODE)
    response = _choose(client, _phrase(PASSPHRASE_MAX))
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Victim, invited.id).activation_code_hash is None


def test_a_passphrase_over_the_maximum_is_refused_with_a_message(client, app_context):
    factories.invite_victim(CODE)
    response = _choose(client, _phrase(PASSPHRASE_MAX) + "x")
    page = Page(response)
    assert response.status_code == 200
    assert "Your passphrase must be 128 characters or fewer" in page.text()
