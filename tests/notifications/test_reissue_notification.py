"""The message that tells a victim a new activation code was made for her account: through
her own channel, discreet unless she chose otherwise, held for her quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
import time_machine

from portal.data.models import Notification
from portal.extensions import db
from portal.notifications.channels import EMAIL, TEXT
from portal.notifications.worker import send_due
from portal.rules import access_reissue
from tests import factories
from tests.notifications.conftest import BASE_URL, Recorder
from tests.notifications.test_texts import OFFICER, REFERENCE, _leaks

NOT_ME = "“This was not me”"


def _approve(victim) -> None:
    officer = factories.make_staff(display_name=OFFICER)
    supervisor = factories.make_staff("supervisor", team=officer.team)
    case = factories.make_case(victim=victim, officer=officer, crime_reference=REFERENCE)
    access_reissue.approve(factories.make_reissue_request(case), supervisor)


@pytest.mark.parametrize("kind", [EMAIL, TEXT])
def test_the_notification_is_discreet_by_default(app_context, configure, kind):
    victim = factories.make_victim(
        preferred_name="Robin Example",
        channel=kind,
        email="robin@example.net",
        phone="07700 900123",
        code_word="kingfisher",
    )
    _approve(victim)
    sender = Recorder()

    send_due(senders={kind: sender})

    [(_, message)] = sender.sent
    whole = f"{message.subject}\n{message.body}"
    assert _leaks(whole) == [], whole
    assert "101" not in whole, "the police's number would name the police"
    assert "new code to change your sign-in details" in message.body
    assert NOT_ME in message.body, "she is told what to do if it was not her"
    assert f"{BASE_URL}/sign-in" in message.body
    assert "kingfisher" in message.body, "the code word shows the message is genuine"
    if kind == EMAIL:
        assert message.subject == "A change to your sign-in details"
        assert "contact your ISVA or the person who gave you your first code" in message.body


def test_a_victim_who_chose_specific_messages_is_told_to_call_her_officer_or_101(
    app_context, configure
):
    victim = factories.make_victim(
        channel=EMAIL, email="robin@example.net", specific_notifications=True
    )
    _approve(victim)
    sender = Recorder()

    send_due(senders={EMAIL: sender})

    [(_, message)] = sender.sent
    assert "contact your officer or your ISVA, or call 101" in message.body
    assert REFERENCE not in message.body and OFFICER not in message.body


def test_it_waits_for_the_end_of_her_quiet_hours(app_context, configure):
    victim = factories.make_victim(
        channel=EMAIL,
        email="robin@example.net",
        quiet_hours_start=time(21),
        quiet_hours_end=time(8),
    )
    with time_machine.travel(datetime(2026, 3, 10, 23, 30, tzinfo=UTC), tick=False):
        _approve(victim)
        sender = Recorder()
        send_due(senders={EMAIL: sender})
    assert sender.sent == []
    notification = db.session.scalar(db.select(Notification))
    assert notification.last_error == "quiet_hours"
    assert notification.held_until is not None


def test_through_her_isva_it_says_what_happened_without_naming_anyone(app_context, configure):
    victim = factories.make_victim(
        preferred_name="Robin Example", contact_via_isva=True, isva_email="isva@support.example"
    )
    _approve(victim)
    sender = Recorder()

    send_due(senders={EMAIL: sender})

    [(_, message)] = sender.sent
    assert message.subject == "A change to the sign-in details of someone you support"
    assert NOT_ME in message.body
    assert _leaks(f"{message.subject}\n{message.body}") == []


def test_portal_only_means_she_is_told_on_her_home_page_instead(app_context, configure):
    victim = factories.make_victim(channel="portal")
    _approve(victim)

    send_due(senders={EMAIL: Recorder()})

    assert db.session.scalar(db.select(Notification.status)) == "skipped"
    assert access_reissue.notice_for(victim) is not None
