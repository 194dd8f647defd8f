"""Invitations by email go only to the address the victim typed, with the portal's own
fixed words, and at most 3 a day: the portal cannot be used to mail strangers at will."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from portal.data.models import Notification, SupportGrant, utcnow
from portal.extensions import db
from portal.rules.support_grants import INVITATION_EMAILS_PER_DAY
from tests.log_watch import sensitive

INVITE = {"label": "Jo", "kind": "isva", "scope": "key_decisions"}


def _invite(victim_client, email):
    sensitive(email)
    return victim_client.post("/my/sharing/invite", {**INVITE, "email": email})


def _emails() -> int:
    return db.session.scalar(select(func.count()).select_from(Notification))


def test_a_fourth_email_in_a_day_is_refused_with_a_way_forward(victim_client, case):
    for n in range(INVITATION_EMAILS_PER_DAY):
        assert _invite(victim_client, f"person{n}@example.org").status_code == 200
    assert _emails() == INVITATION_EMAILS_PER_DAY

    refused = victim_client.post_page(
        "/my/sharing/invite", {**INVITE, "email": "one.more@example.org"}
    )

    message = " ".join(refused.error_summary())
    assert "the most we send in a day" in message
    assert "give them the code yourself" in message
    assert _emails() == INVITATION_EMAILS_PER_DAY
    assert db.session.scalar(select(func.count()).select_from(SupportGrant)) == 3


def test_an_invitation_without_email_is_never_limited(victim_client, case):
    for n in range(INVITATION_EMAILS_PER_DAY):
        _invite(victim_client, f"person{n}@example.org")
    page = victim_client.post_page("/my/sharing/invite", {**INVITE, "email": ""})
    assert page.select_one("#invitation-code") is not None


def test_the_limit_is_for_a_day_and_then_lifts(victim_client, case):
    for n in range(INVITATION_EMAILS_PER_DAY):
        _invite(victim_client, f"person{n}@example.org")
    # A day on (moving the emails back, not the clock, which would end the session).
    db.session.execute(
        update(Notification).values(created_at=utcnow() - timedelta(days=1, minutes=1))
    )
    db.session.commit()
    assert _invite(victim_client, "next.day@example.org").status_code == 200
    assert _emails() == INVITATION_EMAILS_PER_DAY + 1


def test_the_email_goes_to_the_typed_address_with_only_the_portals_own_words(victim_client, case):
    from portal.notifications.texts import for_supporter_invitation

    _invite(victim_client, "typed@example.org")
    notification = db.session.scalar(select(Notification))
    assert notification.supporter_email == "typed@example.org"
    grant = db.session.scalar(select(SupportGrant))
    text = for_supporter_invitation(grant.victim, notification.invitation_code)
    # Nothing the victim typed (the label, their name) reaches the stranger's inbox.
    for typed in (INVITE["label"], grant.victim.preferred_name):
        assert typed not in text.subject and typed not in text.body
