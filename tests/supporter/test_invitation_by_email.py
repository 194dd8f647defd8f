"""The victim may have the invitation code emailed to the person they invite: queued for the
worker (never sent from the request), still shown once, and invisible to the officer."""

from __future__ import annotations

import dataclasses

import pytest
import time_machine
from sqlalchemy import func, select

from portal.data.models import (
    AuditEvent,
    Notification,
    NotificationStatus,
    SupportGrant,
    utcnow,
)
from portal.extensions import db
from portal.notifications.channels import DeliveryError
from portal.notifications.worker import send_due
from tests import factories
from tests.log_watch import sensitive
from tests.notifications.conftest import Recorder
from tests.pages import PageClient
from tests.sign_in import sign_in_staff

ADDRESS = "jo.isva@support.example.org"
INVITE = {"label": "Jo, my ISVA", "kind": "isva", "scope": "key_decisions", "email": ADDRESS}
sensitive(ADDRESS)


@pytest.fixture
def email_set_up(app):
    """SMTP configured (nothing listens: no test here lets the worker send)."""
    original = app.config["SETTINGS"]
    app.config["SETTINGS"] = dataclasses.replace(
        original, smtp_host="127.0.0.1", smtp_port=1, mail_from="messages@beacon.example.org"
    )
    yield
    app.config["SETTINGS"] = original


def _invite(victim_client, data=INVITE):
    page = victim_client.post_page("/my/sharing/invite", data)
    code = page.select_one("#invitation-code").get_text(strip=True)
    sensitive(code)
    return page, code


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_invite_form_asks_for_an_optional_email_and_says_what_the_email_holds(
    victim_client,
):
    page = victim_client.get_page("/my/sharing/invite")
    field = page.select_one("input[name=email]")
    assert field["type"] == "email"
    label = page.select_one(f"label[for={field['id']}]").get_text(strip=True)
    assert label == "Their email address (optional)"
    hint = page.select_one(f"#{field['id']}-hint").get_text(" ", strip=True)
    assert "nothing about you or your report" in hint
    assert "Leave this empty to give them the code yourself" in hint


def test_an_invitation_by_email_queues_one_email_and_still_shows_the_code_once(
    victim_client, case, email_set_up
):
    page, code = _invite(victim_client)

    assert _count(Notification) == 1
    invitation = db.session.scalar(select(Notification))
    grant = db.session.scalar(select(SupportGrant))
    assert invitation.grant_id == grant.id and invitation.case_id is None
    assert invitation.status == NotificationStatus.PENDING
    assert invitation.invitation_code == code and invitation.supporter_email == ADDRESS
    assert code not in grant.invitation_code_hash
    sentence = page.select_one("#invitation-email").get_text(" ", strip=True)
    assert ADDRESS in sentence and "It may take a few minutes" in sentence
    assert "We have not sent it to them" not in page.text()
    assert "does not name you" in page.text()
    # Audited as by email, without the address or the code.
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sharing.invited"))
    assert event.detail == {"scope": "key_decisions", "by_email": True}
    assert ADDRESS not in str(event.detail) and code not in str(event.detail)
    # Shown once: the sharing page never shows the code or the address.
    listed = victim_client.get_page("/my/sharing/")
    assert code not in listed.html and ADDRESS not in listed.html


def test_with_no_channel_set_up_the_page_says_calmly_that_it_will_be_sent(victim_client, case):
    page, _code = _invite(victim_client)
    sentence = page.select_one("#invitation-email").get_text(" ", strip=True)
    assert "as soon as the portal can send emails" in sentence
    assert "You do not need to do anything else" in sentence
    assert db.session.scalar(select(Notification)).status == NotificationStatus.PENDING


def test_without_an_email_nothing_is_queued(victim_client, case):
    page, _code = _invite(victim_client, {**INVITE, "email": "  "})
    assert _count(Notification) == 0
    assert "We have not sent it to them" in page.text()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sharing.invited"))
    assert event.detail["by_email"] is False


def test_a_malformed_email_gets_a_clear_message_and_keeps_what_was_typed(victim_client, case):
    typed = {**INVITE, "email": "jo.isva@"}
    page = victim_client.post_page("/my/sharing/invite", typed)

    assert page.error_summary() == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert page.title.startswith("Error:")
    assert page.select_one("input[name=email]")["value"] == "jo.isva@"
    assert page.select_one("input[name=label]")["value"] == "Jo, my ISVA"
    assert page.select_one("input[name=kind][value=isva]").has_attr("checked")
    assert page.select_one("input[name=scope][value=key_decisions]").has_attr("checked")
    assert page.select_one("#invitation-code") is None
    assert _count(SupportGrant) == 0 and _count(Notification) == 0


def test_the_invitation_never_appears_on_the_officers_case_page_or_caseload(
    app, case, victim_client
):
    _invite(victim_client)
    # A failed invitation too: nothing the officer is shown for the victim's own messages.
    send_due(senders={"email": Recorder(fail_with=DeliveryError("address_refused", True))})
    _invite(victim_client)  # and one waiting for a channel (none is set up)
    assert _count(Notification) == 2

    officer = PageClient(app)
    sign_in_staff(officer, case.officer)
    page = officer.get_page(f"/staff/cases/{case.id}")
    section = page.select_one(".app-notification-status").get_text(" ", strip=True)
    assert "No notifications yet." in section
    assert page.select_one(".app-notification-status__undelivered") is None
    assert ADDRESS not in page.html and "Jo, my ISVA" not in page.html
    caseload = officer.get_page("/staff/")
    assert caseload.select(".app-notification-flag") == []
    assert ADDRESS not in caseload.html


def test_withdrawing_before_the_worker_runs_cancels_the_email(victim_client, case, email_set_up):
    _invite(victim_client)
    grant = db.session.scalar(select(SupportGrant))
    victim_client.post(f"/my/sharing/{grant.id}/withdraw", from_url="/my/sharing/")

    recorder = Recorder()
    send_due(senders={"email": recorder})
    assert recorder.sent == []
    db.session.expire_all()
    invitation = db.session.scalar(select(Notification))
    assert invitation.status == NotificationStatus.SKIPPED
    assert invitation.invitation_code is None and invitation.supporter_email is None


def test_purging_the_victims_last_case_removes_their_invitation_emails(app_context):
    from datetime import timedelta

    from portal.data.models import CaseStatus, utcnow
    from portal.data.retention import purge
    from portal.rules.support_grants import invite
    from tests import factories

    closed_at = utcnow() - timedelta(days=400)
    case = factories.make_case(status=CaseStatus.CLOSED, closed_at=closed_at)
    _grant, code = invite(case.victim, "Jo", "isva", "everything", ADDRESS)
    sensitive(code)
    factories.queue_notification(case)  # one about the case, for comparison

    report = purge(retention_days=365)
    assert report.victims == 1
    assert report.rows["notification"] == 2
    assert _count(Notification) == 0 and _count(SupportGrant) == 0


def test_an_invitation_answers_the_same_whether_the_email_is_a_victims_or_staffs_or_nobodys(
    victim_client, case, email_set_up
):
    other_victim = factories.make_victim(email="someone.else@example.org")
    officer = factories.make_staff(email="officer@force.example")
    answers = []
    with time_machine.travel(utcnow(), tick=False):
        for email in ("nobody@example.org", "someone.else@example.org", officer.email):
            page, code = _invite(victim_client, {**INVITE, "email": email})
            text = " ".join(page.soup.get_text(" ").split())
            answers.append(text.replace(code, "CODE").replace(email, "ADDRESS"))
    assert answers[0] == answers[1] == answers[2]
    assert other_victim.email_index is not None  # untouched: it is still hers alone
