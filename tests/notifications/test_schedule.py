"""Quiet hours (UK local time, across midnight, in GMT and BST) and the back-off."""

from __future__ import annotations

from datetime import UTC, datetime, time

import time_machine

from portal.data.models import Notification, NotificationStatus
from portal.extensions import db
from portal.notifications.channels import EMAIL
from portal.notifications.schedule import MAX_ATTEMPTS, quiet_hours_end, retry_at
from portal.notifications.worker import send_due
from tests.factories import make_case, make_victim, queue_notification
from tests.notifications.conftest import Recorder

NIGHT = (time(22, 0), time(8, 0))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_quiet_hours_across_midnight_end_the_next_morning_in_winter():
    # 23:30 GMT on a January evening is 23:30 in London.
    assert quiet_hours_end(utc(2026, 1, 14, 23, 30), *NIGHT) == utc(2026, 1, 15, 8, 0)


def test_quiet_hours_after_midnight_end_the_same_morning():
    assert quiet_hours_end(utc(2026, 1, 15, 3, 0), *NIGHT) == utc(2026, 1, 15, 8, 0)


def test_quiet_hours_are_read_in_british_summer_time_in_summer():
    # 21:30 UTC in July is 22:30 BST: inside quiet hours, which end at 08:00 BST = 07:00 UTC.
    assert quiet_hours_end(utc(2026, 7, 14, 21, 30), *NIGHT) == utc(2026, 7, 15, 7, 0)
    # 21:30 UTC in January is 21:30 GMT: not yet quiet.
    assert quiet_hours_end(utc(2026, 1, 14, 21, 30), *NIGHT) is None


def test_quiet_hours_within_one_day_and_outside_them():
    lunch = (time(12, 0), time(14, 0))
    assert quiet_hours_end(utc(2026, 1, 14, 12, 30), *lunch) == utc(2026, 1, 14, 14, 0)
    assert quiet_hours_end(utc(2026, 1, 14, 14, 0), *lunch) is None
    assert quiet_hours_end(utc(2026, 1, 14, 9, 0), *NIGHT) is None
    assert quiet_hours_end(utc(2026, 1, 14, 9, 0), None, None) is None


def test_quiet_hours_ending_on_the_morning_the_clocks_go_forward():
    # 29 March 2026: clocks go forward at 01:00 GMT. 08:00 that morning is BST (07:00 UTC).
    assert quiet_hours_end(utc(2026, 3, 28, 23, 0), *NIGHT) == utc(2026, 3, 29, 7, 0)


def test_retries_back_off_and_then_stop():
    start = utc(2026, 1, 14, 12, 0)
    delays = [(retry_at(start, n) - start).total_seconds() / 60 for n in range(1, MAX_ATTEMPTS)]
    assert delays == [1, 5, 15, 60]
    assert retry_at(start, MAX_ATTEMPTS) is None


def _night_owl():
    victim = make_victim(channel="email", email="owl@example.net")
    victim.quiet_hours_start, victim.quiet_hours_end = NIGHT
    db.session.commit()
    return make_case(victim=victim)


def test_a_notification_due_in_quiet_hours_is_held_until_they_end_then_sent(app_context, configure):
    sender = Recorder()
    with time_machine.travel(utc(2026, 1, 14, 23, 30), tick=False):
        notification = queue_notification(_night_owl())
        send_due(senders={EMAIL: sender})
    assert sender.sent == []
    db.session.refresh(notification)
    assert notification.status == NotificationStatus.PENDING
    assert notification.held_until == notification.next_attempt_at == utc(2026, 1, 15, 8, 0)
    assert notification.attempts == 0

    with time_machine.travel(utc(2026, 1, 15, 7, 59), tick=False):
        send_due(senders={EMAIL: sender})
    assert sender.sent == []

    with time_machine.travel(utc(2026, 1, 15, 8, 0), tick=False):
        send_due(senders={EMAIL: sender})
    assert len(sender.sent) == 1
    assert db.session.get(Notification, notification.id).status == NotificationStatus.SENT


def test_in_summer_a_held_notification_goes_at_eight_british_summer_time(app_context, configure):
    sender = Recorder()
    with time_machine.travel(utc(2026, 7, 14, 21, 30), tick=False):  # 22:30 BST
        notification = queue_notification(_night_owl())
        send_due(senders={EMAIL: sender})
    db.session.refresh(notification)
    assert notification.next_attempt_at == utc(2026, 7, 15, 7, 0)

    with time_machine.travel(utc(2026, 7, 15, 7, 0), tick=False):
        send_due(senders={EMAIL: sender})
    assert len(sender.sent) == 1
