"""The worker honours the victim's choices, retries with back-off, tells staff what failed,
never logs what it sends, and sends each notification once however many workers run."""

from __future__ import annotations

import itertools
import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from flask import render_template

from portal.data.models import Notification, NotificationStatus
from portal.extensions import db
from portal.notifications.channels import EMAIL, TEXT, DeliveryError
from portal.notifications.delivery_status import notification_flags_for, notification_status
from portal.notifications.worker import send_due
from tests.factories import make_case, make_victim, queue_notification
from tests.notifications.conftest import Recorder
from tests.pages import fragment

START = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)


def _reload(notification: Notification) -> Notification:
    db.session.expire_all()
    return db.session.get(Notification, notification.id)


def _case_partial(app, case):
    with app.test_request_context():
        return fragment(
            render_template(
                "staff/_notification_status.html", notifications=notification_status(case)
            )
        )


def _caseload_tags(app, case) -> list[str]:
    with app.test_request_context():
        flags = notification_flags_for([case])[case.id]
        html = render_template("staff/_caseload_notification_flags.html", flags=flags)
    return [tag.get_text(strip=True) for tag in fragment(html).select(".govuk-tag")]


def test_a_failing_channel_is_retried_with_back_off_then_shown_to_the_officer_as_failed(
    app, app_context, configure
):
    victim = make_victim(channel="email", email="robin@example.net", voicemail_safe=False)
    case = make_case(victim=victim)
    broken = Recorder(fail_with=DeliveryError("provider_unreachable"))
    with time_machine.travel(START, tick=False) as clock:
        notification = queue_notification(case)
        tried_at = []
        for _ in range(10):
            send_due(senders={EMAIL: broken})
            tried_at.append(datetime.now(UTC))
            current = _reload(notification)
            if current.status != NotificationStatus.PENDING:
                break
            clock.move_to(current.next_attempt_at)

    assert broken.calls == 5
    gaps = [later - earlier for earlier, later in itertools.pairwise(tried_at)]
    assert gaps == [timedelta(minutes=m) for m in (1, 5, 15, 60)]
    failed = _reload(notification)
    assert failed.status == NotificationStatus.FAILED
    assert failed.last_error == "provider_unreachable"

    page = _case_partial(app, case)
    banner = page.select_one(".app-notification-status__undelivered")
    assert banner is not None
    assert "1 notification could not be delivered" in banner.get_text(" ", strip=True)
    assert "Call the victim instead" in banner.get_text(" ", strip=True)
    assert "Do not leave a voicemail" in banner.get_text(" ", strip=True)
    assert _caseload_tags(app, case) == ["Message not delivered"]


def test_a_retry_waiting_for_its_turn_is_shown_with_the_time_of_the_next_attempt(
    app, app_context, configure
):
    case = make_case(victim=make_victim(channel="email", email="robin@example.net"))
    with time_machine.travel(START, tick=False):
        queue_notification(case)
        send_due(senders={EMAIL: Recorder(fail_with=DeliveryError("provider_unreachable"))})
        text = _case_partial(app, case).get_text(" ", strip=True)
    assert "Trying again at 12:01 (attempt 2 of 5)" in text
    assert "The message service could not be reached" in text


def test_a_later_delivery_clears_the_not_delivered_flag(app, app_context, configure):
    case = make_case(victim=make_victim(channel="email", email="robin@example.net"))
    queue_notification(case)
    send_due(senders={EMAIL: Recorder(fail_with=DeliveryError("address_refused", True))})
    assert _caseload_tags(app, case) == ["Message not delivered"]

    queue_notification(case)
    send_due(senders={EMAIL: Recorder()})

    assert _caseload_tags(app, case) == []


def test_portal_only_sends_nothing_and_staff_can_see_that(app, app_context, configure):
    case = make_case(
        victim=make_victim(channel="portal", email="robin@example.net", phone="07700 900123")
    )
    notification = queue_notification(case)
    sender = Recorder()

    assert send_due(senders={EMAIL: sender, TEXT: sender}) == {"skip": 1}

    assert sender.calls == 0
    assert _reload(notification).status == NotificationStatus.SKIPPED
    text = _case_partial(app, case).get_text(" ", strip=True)
    assert "Not sent: the victim chose to check the portal only" in text


def test_contact_through_an_isva_goes_to_the_isva_with_the_isva_text(app_context, configure):
    victim = make_victim(
        channel="text",
        phone="07700 900123",
        email="robin@example.net",
        contact_via_isva=True,
        isva_email="sam@support.example",
        isva_name="Sam",
        preferred_name="Robin Example",
    )
    queue_notification(make_case(victim=victim, crime_reference="RSO/26/4242"))
    sender = Recorder()

    send_due(senders={EMAIL: sender, TEXT: sender})

    [(_, message)] = sender.sent
    assert message.kind == EMAIL
    assert message.to == "sam@support.example"
    assert message.subject == "A new message for someone you support"
    assert message.body.startswith("Hello Sam,")
    assert "Robin" not in message.body and "RSO/26/4242" not in message.body


def test_a_missing_phone_number_fails_at_once_with_a_reason_for_staff(app, app_context, configure):
    case = make_case(victim=make_victim(channel="text"))
    notification = queue_notification(case)

    send_due(senders={TEXT: Recorder()})

    failed = _reload(notification)
    assert (failed.status, failed.last_error) == ("failed", "no_phone")
    text = _case_partial(app, case).get_text(" ", strip=True)
    assert "The victim has no mobile number in their communication plan" in text


def test_the_staff_view_says_when_nothing_can_be_sent_because_no_channel_is_set_up(
    app, app_context, configure
):
    configure()  # the demo: no SMTP, no Notify
    case = make_case(victim=make_victim(channel="email", email="robin@example.net"))
    queue_notification(case)

    text = _case_partial(app, case).get_text(" ", strip=True)

    assert "Not sent: no channel set up" in text
    assert _caseload_tags(app, case) == ["Not sent: no channel set up"]


def test_a_held_notification_is_shown_as_held_until_the_quiet_hours_end(
    app, app_context, configure
):
    from datetime import time

    victim = make_victim(
        channel="email",
        email="robin@example.net",
        quiet_hours_start=time(21, 0),
        quiet_hours_end=time(8, 0),
    )
    case = make_case(victim=victim)
    with time_machine.travel(datetime(2026, 2, 10, 22, 0, tzinfo=UTC), tick=False):
        queue_notification(case)
        send_due(senders={EMAIL: Recorder()})
        text = _case_partial(app, case).get_text(" ", strip=True)
    assert "Held until 08:00" in text


def test_the_code_word_phone_and_email_never_reach_the_logs(app_context, configure, caplog):
    caplog.set_level(logging.DEBUG)
    victims = [
        make_victim(channel="email", email="secret.person@example.net", code_word="kingfisher"),
        make_victim(channel="text", phone="07700 900777", code_word="kingfisher"),
    ]
    for victim in victims:
        queue_notification(make_case(victim=victim))
    queue_notification(
        make_case(
            victim=make_victim(
                channel="email", email="other.person@example.net", code_word="kingfisher"
            )
        )
    )
    working = Recorder()
    # A sender that blows up with the details in its message, as a careless library might.
    leaky = Recorder(fail_with=RuntimeError("to other.person@example.net: kingfisher"))

    send_due(senders={EMAIL: working, TEXT: working})
    queue_notification(
        make_case(
            victim=make_victim(
                channel="email", email="third.person@example.net", code_word="kingfisher"
            )
        )
    )
    send_due(senders={EMAIL: leaky})

    assert len(working.sent) == 3 and leaky.calls == 1
    assert "kingfisher" in working.sent[0][1].body  # it was sent...
    logged = caplog.text
    assert "notification" in logged  # ...and the worker did log its work...
    for secret in ("kingfisher", "example.net", "07700", "new message"):
        assert secret not in logged  # ...but never what it sent, or to whom


def _run_workers(app, count: int, sender: Recorder) -> None:
    barrier = threading.Barrier(count)
    errors = []

    def work(name: str) -> None:
        try:
            with app.app_context():
                barrier.wait()
                send_due(senders={EMAIL: sender}, worker_id=name, batch_size=2)
        except Exception as error:  # surfaced below: a thread's failure must fail the test
            errors.append(error)

    threads = [
        threading.Thread(target=work, args=(f"worker-{n}",), name=f"worker-{n}")
        for n in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def _queue_many(count: int) -> list[Notification]:
    victim = make_victim(channel="email", email="robin@example.net")
    case = make_case(victim=victim)
    return [queue_notification(case) for _ in range(count)]


def _assert_each_sent_exactly_once(queued: list[Notification], sender: Recorder) -> None:
    references = [message.reference for _, message in sender.sent]
    assert sorted(references) == sorted(str(n.id) for n in queued)
    assert len(set(references)) == len(references)
    assert {thread for thread, _ in sender.sent} == {"worker-0", "worker-1"}, (
        "both workers should have taken part, or the test proves nothing"
    )
    db.session.expire_all()
    statuses = {db.session.get(Notification, n.id).status for n in queued}
    assert statuses == {NotificationStatus.SENT}


def test_two_workers_send_each_notification_exactly_once(app, app_context, configure):
    """On whichever database the suite runs (SQLite: the conditional-update claim)."""
    queued = _queue_many(16)
    sender = Recorder(delay=0.02)

    _run_workers(app, 2, sender)

    _assert_each_sent_exactly_once(queued, sender)


def test_two_workers_on_postgresql_send_each_notification_exactly_once(app, app_context, configure):
    """SELECT ... FOR UPDATE SKIP LOCKED, each worker with its own session and connection."""
    # SQLite locks the whole file, so SKIP LOCKED has nothing to prove there; the PostgreSQL
    # half of .ci/run always runs this.
    if db.engine.dialect.name != "postgresql":
        pytest.skip(
            "needs PostgreSQL: createdb -h 127.0.0.1 -U postgres portal_test, then "
            "PORTAL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_test make test"
        )
    queued = _queue_many(40)
    sender = Recorder(delay=0.01)

    _run_workers(app, 2, sender)

    _assert_each_sent_exactly_once(queued, sender)


def test_caseload_tags_need_no_more_queries_for_more_cases(app, app_context, configure):
    from sqlalchemy import event, select

    from portal.data.models import Case

    def add_cases(count: int) -> None:
        for _ in range(count):
            case = make_case(victim=make_victim(channel="text", phone="07700 900123"))
            queue_notification(case)
        send_due(senders={TEXT: Recorder(fail_with=DeliveryError("address_refused", True))})

    def queries_for_every_row() -> tuple[int, list[list[str]]]:
        statements = []
        db.session.expire_all()
        with app.test_request_context():
            cases = db.session.scalars(select(Case).order_by(Case.id)).all()
            listener = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                flags = notification_flags_for(cases)  # as the caseload view does
                tags = [
                    render_template("staff/_caseload_notification_flags.html", flags=flags[case.id])
                    for case in cases
                ]
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements), tags

    add_cases(2)
    with_two, tags = queries_for_every_row()
    add_cases(6)
    with_eight, tags = queries_for_every_row()

    assert with_eight == with_two
    assert len(tags) == 8 and all("Message not delivered" in html for html in tags)
