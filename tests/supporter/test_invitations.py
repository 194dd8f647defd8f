"""Inviting a supporter with a one-time code, accepting it, and the supporter's sign-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from portal.auth import throttle
from portal.data.models import AuditEvent, Supporter, SupportGrant, utcnow
from portal.extensions import db
from portal.rules.support_grants import invite
from tests.factories import SUPPORTER_PASSPHRASE
from tests.log_watch import sensitive
from tests.pages import PageClient

INVITE = {"label": "Jo, my ISVA", "kind": "isva", "scope": "key_decisions"}


def _invite(victim_client) -> str:
    page = victim_client.post_page("/my/sharing/invite", INVITE)
    code = page.select_one("#invitation-code").get_text(strip=True)
    sensitive(code)
    return code


def test_the_victim_gets_a_code_to_pass_on_shown_once_and_stored_only_as_a_hash(victim_client):
    page = victim_client.post_page("/my/sharing/invite", INVITE)
    code = page.select_one("#invitation-code").get_text(strip=True)
    sensitive(code)
    assert "We have not sent it to them" in page.text()
    grant = db.session.scalar(select(SupportGrant))
    assert grant.invitation_code_hash and code not in grant.invitation_code_hash
    assert grant.scope == "key_decisions" and grant.supporter_id is None
    listed = victim_client.get_page("/my/sharing/")
    assert "Invitation not used yet" in listed.text()
    assert code not in listed.html
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sharing.invited"))
    assert "Jo" not in str(event.detail)


def test_an_invitation_needs_a_name_who_they_are_and_what_they_may_see(victim_client):
    page = victim_client.post_page("/my/sharing/invite", {})
    assert page.error_summary() == [
        "Enter a name for the person you are inviting",
        "Select who they are",
        "Select what they may see",
    ]
    assert page.title.startswith("Error:")


def test_a_supporter_accepts_chooses_a_passphrase_and_sees_their_access_id_once(
    app, case, victim_client
):
    code = _invite(victim_client)
    newcomer = PageClient(app)
    response = newcomer.post("/support/accept", {"code": code.lower()})
    assert response.headers["Location"] == "/support/accept/passphrase"

    guessable = newcomer.post_page(
        "/support/accept/passphrase", {"passphrase": "password1", "confirm": "password1"}
    )
    assert "easy to guess" in guessable.error_summary()[0]

    done = newcomer.post_page(
        "/support/accept/passphrase",
        {"passphrase": SUPPORTER_PASSPHRASE, "confirm": SUPPORTER_PASSPHRASE},
    )
    access_id = done.select_one("#access-id").get_text(strip=True)
    supporter = db.session.scalar(select(Supporter))
    assert supporter.access_id == access_id
    grant = db.session.scalar(select(SupportGrant))
    assert grant.supporter_id == supporter.id and grant.invitation_code_hash is None
    home = newcomer.get_page("/support/")
    assert "What Sam shares with you" in home.text()
    assert access_id not in home.html
    # The code works once.
    again = PageClient(app).post_page("/support/accept", {"code": code})
    assert "That code does not work" in again.error_summary()[0]
    history = victim_client.get_page("/my/sharing/").text()
    assert "They accepted your invitation" in history


def test_a_signed_in_supporter_adds_a_second_invitation_to_their_own_account(
    app, case, supporter, supporter_client, victim_client
):
    code = _invite(victim_client)
    response = supporter_client.post("/support/accept", {"code": code})
    assert response.headers["Location"] == "/support/"
    assert db.session.scalar(select(SupportGrant)).supporter_id == supporter.id
    assert db.session.scalar(select(Supporter).where(Supporter.id != supporter.id)) is None


def test_a_wrong_or_withdrawn_code_is_refused_without_saying_why(app, case, victim_client):
    code = _invite(victim_client)
    grant = db.session.scalar(select(SupportGrant))
    victim_client.post(f"/my/sharing/{grant.id}/withdraw", from_url="/my/sharing/")
    for attempt in (code, "K7PQW-3MXRT-9ACHE-UV4DY"):
        page = PageClient(app).post_page("/support/accept", {"code": attempt})
        assert "That code does not work" in page.error_summary()[0]
    failures = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "supporter.invitation_failed")
    ).all()
    assert len(failures) == 2


def _supporter_try(client, supporter, passphrase):
    return client.post_page(
        "/support/sign-in", {"access_id": supporter.access_id, "passphrase": passphrase}
    )


def test_supporter_wrong_tries_slow_down_but_never_lock_out_like_the_victims(client, supporter):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        for _ in range(throttle.FREE_TRIES):
            assert (
                "not right" in _supporter_try(client, supporter, "wrong guess").error_summary()[0]
            )
        refused = _supporter_try(client, supporter, SUPPORTER_PASSPHRASE)
        assert "not right" in refused.error_summary()[0]
    with time_machine.travel(start + timedelta(minutes=1, seconds=1), tick=False):
        response = client.post(
            "/support/sign-in",
            {"access_id": supporter.access_id, "passphrase": SUPPORTER_PASSPHRASE},
        )
        assert response.status_code == 303


def test_the_supporter_is_told_of_failed_tries_since_their_last_visit(client, supporter):
    for _ in range(2):
        _supporter_try(client, supporter, "wrong guess")
    client.post(
        "/support/sign-in", {"access_id": supporter.access_id, "passphrase": SUPPORTER_PASSPHRASE}
    )
    notice = client.get_page("/support/").select_one("#failed-tries").get_text(" ", strip=True)
    assert notice.startswith(
        "Since you last signed in, someone tried to sign in to your account 2 times "
        "with the wrong passphrase."
    )
    assert client.get_page("/support/").select_one("#failed-tries") is None


def test_supporter_sign_in_is_limited_per_address_only_by_a_flood_of_wrong_tries(
    client, app_context
):
    statuses = [
        client.post(
            "/support/sign-in", {"access_id": "B-AAAA-AAAA", "passphrase": "wrong"}
        ).status_code
        for _ in range(51)
    ]
    assert statuses[:50] == [200] * 50
    assert statuses[50] == 429


def test_a_supporter_signs_out_and_the_session_is_ended(supporter_client):
    supporter_client.post("/support/sign-out", from_url="/support/")
    response = supporter_client.get("/support/")
    assert response.status_code == 302


def test_an_unknown_supporter_and_a_wrong_passphrase_get_the_same_answer(client, supporter):
    unknown = client.post_page("/support/sign-in", {"access_id": "B-9999-9999", "passphrase": "x"})
    wrong = client.post_page(
        "/support/sign-in", {"access_id": supporter.access_id, "passphrase": "x"}
    )
    assert unknown.error_summary() == wrong.error_summary()


def test_an_expired_invitation_cannot_be_accepted(app, victim, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 10, tzinfo=UTC), tick=False)
    _grant, code = invite(victim, "Jo", "isva", "everything")
    sensitive(code)
    time_machine.move_to(datetime(2026, 3, 2, 10, tzinfo=UTC) + timedelta(days=8), tick=False)
    page = PageClient(app).post_page("/support/accept", {"code": code})
    assert "That code does not work" in page.error_summary()[0]
