from datetime import timedelta

import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, Victim, utcnow
from portal.extensions import db, limiter
from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in

CODE = "K7PQW-3MXRT-9ACHE-UV4DY"
GOOD_PASSPHRASE = "pencil harbour velvet cloud"


def _activate(client, code=CODE, passphrase=GOOD_PASSPHRASE):
    client.post("/activate", {"code": code}, from_url="/activate")
    return client.post(
        "/activate/passphrase",
        {"passphrase": passphrase, "confirm": passphrase},
        from_url="/activate/passphrase",
    )


def test_a_typed_code_leads_to_a_plain_explanation_then_a_passphrase(client, app_context):
    factories.invite_victim(CODE)
    response = client.post("/activate", {"code": " k7pqw 3mxrt 9ache uv4dy "}, from_url="/activate")
    assert response.headers["Location"] == "/activate/about"
    about = client.get_page("/activate/about")
    assert "Only you can see your messages." in about.text()
    assert about.select_one("main a[href='/activate/passphrase']") is not None
    assert client.get_page("/activate/passphrase").h1 == "Choose a passphrase"


def test_activation_shows_the_access_id_once_and_signs_the_person_in(client, app_context):
    invited = factories.invite_victim(CODE)
    response = _activate(client)
    assert response.status_code == 200
    page = Page(response)
    page.check_well_formed()
    db.session.expire_all()
    victim = db.session.get(Victim, invited.id)
    assert page.select_one("#access-id").get_text(strip=True) == victim.access_id
    assert "Do not share it with anyone" in page.text()
    assert victim.activation_code_hash is None
    assert client.get_page("/my/").status == 200
    assert victim.access_id not in client.get_page("/my/").html
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "victim.activated" in actions


def test_the_new_passphrase_and_access_id_sign_in(client, app_context):
    invited = factories.invite_victim(CODE)
    _activate(client)
    client.post("/sign-out", from_url="/my/")
    db.session.expire_all()
    victim = db.session.get(Victim, invited.id)
    sign_in(client, victim, passphrase=GOOD_PASSPHRASE)
    assert client.get_page("/my/").status == 200


def test_a_used_code_does_not_work_a_second_time(client, app_context):
    factories.invite_victim(CODE)
    _activate(client)
    client.post("/sign-out", from_url="/my/")
    page = client.post_page("/activate", {"code": CODE})
    assert "That code does not work" in page.error_summary()[0]
    assert client.get("/activate/passphrase").headers["Location"] == "/activate"


def test_an_expired_code_does_not_work(client, app_context):
    factories.invite_victim(CODE)
    with time_machine.travel(utcnow() + timedelta(days=7, minutes=1), tick=False):
        page = client.post_page("/activate", {"code": CODE})
    assert page.title.startswith("Error:")
    assert "That code does not work" in page.error_summary()[0]


def test_a_code_that_expires_between_the_steps_is_refused_at_the_last_step(client, app_context):
    factories.invite_victim(CODE)
    client.post("/activate", {"code": CODE}, from_url="/activate")
    with time_machine.travel(utcnow() + timedelta(days=8), tick=False):
        response = client.post(
            "/activate/passphrase",
            {"passphrase": GOOD_PASSPHRASE, "confirm": GOOD_PASSPHRASE},
            from_url="/activate",
        )
    assert response.headers["Location"] == "/activate"
    assert db.session.scalar(select(Victim.access_id).where(Victim.access_id.is_not(None))) is None


def test_a_short_passphrase_is_refused_in_plain_words(client, app_context):
    factories.invite_victim(CODE)
    response = _activate(client, passphrase="short")
    page = Page(response)
    assert page.error_summary() == ["Your passphrase must be at least 8 characters long"]


def test_a_common_passphrase_is_refused_kindly_with_a_suggestion(client, app_context):
    factories.invite_victim(CODE)
    page = Page(_activate(client, passphrase="password123"))
    assert "easy to guess" in page.error_summary()[0]
    assert "three or four words" in page.error_summary()[0]


def test_a_long_passphrase_with_no_symbols_or_capitals_is_accepted(client, app_context):
    factories.invite_victim(CODE)
    response = _activate(client, passphrase="the owl sat quietly beneath orange lamps")
    assert response.status_code == 200


def test_a_passphrase_over_128_characters_is_refused(client, app_context):
    factories.invite_victim(CODE)
    page = Page(_activate(client, passphrase="a" * 129))
    assert page.error_summary() == ["Your passphrase must be 128 characters or fewer"]


def test_wrong_codes_from_one_address_slow_that_address_but_never_refuse_a_right_code(
    client, app_context
):
    factories.invite_victim(CODE)
    for n in range(10):
        client.post("/activate", {"code": f"WRONG-{n}"}, from_url="/activate")
    limiter.reset()  # the per-address rate limit aside, the database count still holds
    page = client.post_page("/activate", {"code": "WRONG-11"})
    assert page.error_summary() == [
        "There have been too many tries. Wait 15 minutes, then try again."
    ]
    failed = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "victim.activation_failed")
    ).all()
    assert len(failed) == 10
    # Someone else behind the same address (a refuge's Wi-Fi) with the right code gets in.
    response = client.post("/activate", {"code": CODE}, from_url="/activate")
    assert response.headers["Location"] == "/activate/about"
