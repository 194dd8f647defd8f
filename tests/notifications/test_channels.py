"""Real sends: email to a local SMTP server, and GOV.UK Notify's client against a local API."""

from __future__ import annotations

import uuid

import jwt

from portal.data.models import Notification, NotificationStatus
from portal.extensions import db
from portal.notifications.worker import send_due
from tests.factories import make_case, make_victim, queue_notification

SERVICE_ID = str(uuid.UUID(int=1))
SECRET = str(uuid.UUID(int=2))
API_KEY = f"beacon_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "0b9c7e35-3c65-4c6c-9d61-3d4b7e1b5a01"
SMS_TEMPLATE = "5e1f3c2a-8a3e-4b0b-a5a6-0a3bb1d9f402"


def _use_smtp(configure, smtp_server, tls="none"):
    configure(
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_tls=tls,
        mail_from="messages@beacon.example.org",
    )


def _use_notify(configure, notify_api):
    configure(
        notify_api_key=API_KEY,
        notify_base_url=notify_api.url,
        extra={
            "PORTAL_NOTIFY_TEMPLATE_EMAIL": EMAIL_TEMPLATE,
            "PORTAL_NOTIFY_TEMPLATE_SMS": SMS_TEMPLATE,
        },
    )


def test_email_goes_by_smtp_from_a_neutral_sender_with_the_discreet_text(
    app_context, configure, smtp_server
):
    _use_smtp(configure, smtp_server)
    victim = make_victim(channel="email", email="robin@example.net", code_word="kingfisher")
    notification = queue_notification(make_case(victim=victim))

    outcomes = send_due()

    assert outcomes["sent"] == 1
    [received] = smtp_server.received
    assert received["rcpt_tos"] == ["robin@example.net"]
    assert received["mail_from"] == "messages@beacon.example.org"
    message = received["message"]
    assert message["From"] == "Beacon <messages@beacon.example.org>"
    assert message["To"] == "robin@example.net"
    assert message["Subject"] == "You have a new message"
    assert message["Message-ID"].endswith("@beacon.example.org>")
    body = message.get_content()
    assert "You have a new message in Beacon." in body
    assert "https://beacon.example.org/sign-in" in body
    assert "Your code word: kingfisher" in body
    db.session.expire_all()
    sent = db.session.get(Notification, notification.id)
    assert (sent.status, sent.channel, sent.attempts) == ("sent", "smtp", 1)
    assert sent.sent_at is not None and sent.claimed_by is None


def test_smtp_that_cannot_start_tls_sends_nothing_rather_than_send_in_clear_text(
    app_context, configure, smtp_server
):
    _use_smtp(configure, smtp_server, tls="starttls")  # the test server offers no STARTTLS
    victim = make_victim(channel="email", email="robin@example.net")
    notification = queue_notification(make_case(victim=victim))

    outcomes = send_due()

    assert outcomes["retrying"] == 1
    assert smtp_server.received == []
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).last_error == "provider_unreachable"


def _bearer_claims(request) -> dict:
    scheme, _, token = request["headers"]["Authorization"].partition(" ")
    assert scheme == "Bearer"
    return jwt.decode(token, SECRET, algorithms=["HS256"])


def test_email_through_notify_posts_the_template_and_the_text_with_a_signed_token(
    app_context, configure, notify_api
):
    _use_notify(configure, notify_api)
    victim = make_victim(channel="email", email="robin@example.net", code_word="kingfisher")
    notification = queue_notification(make_case(victim=victim))

    assert send_due()["sent"] == 1

    [request] = notify_api.requests
    assert request["path"] == "/v2/notifications/email"
    assert _bearer_claims(request)["iss"] == SERVICE_ID
    body = request["json"]
    assert body["email_address"] == "robin@example.net"
    assert body["template_id"] == EMAIL_TEMPLATE
    assert body["reference"] == str(notification.id)
    assert body["personalisation"]["subject"] == "You have a new message"
    assert "You have a new message in Beacon." in body["personalisation"]["body"]
    assert "Your code word: kingfisher" in body["personalisation"]["body"]
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).channel == "notify"


def test_a_text_message_through_notify_is_short_and_goes_to_the_victims_phone(
    app_context, configure, notify_api
):
    _use_notify(configure, notify_api)
    victim = make_victim(channel="text", phone="07700 900123")
    queue_notification(make_case(victim=victim))

    assert send_due()["sent"] == 1

    [request] = notify_api.requests
    assert request["path"] == "/v2/notifications/sms"
    assert _bearer_claims(request)["iss"] == SERVICE_ID
    body = request["json"]
    assert body["phone_number"] == "07700 900123"
    assert body["template_id"] == SMS_TEMPLATE
    text = body["personalisation"]["body"]
    assert text.startswith("Beacon: you have a new message. Sign in: https://beacon.example.org/")
    assert len(text) <= 160


def test_a_message_notify_rejects_fails_at_once_with_a_reason_that_quotes_nothing(
    app_context, configure, notify_api
):
    _use_notify(configure, notify_api)
    notify_api.reply_status = 400
    victim = make_victim(channel="text", phone="07700 900999")
    notification = queue_notification(make_case(victim=victim))

    assert send_due()["failed"] == 1

    db.session.expire_all()
    failed = db.session.get(Notification, notification.id)
    assert failed.status == NotificationStatus.FAILED
    assert failed.last_error == "provider_rejected"
    assert failed.attempts == 1


def test_without_any_channel_set_up_notifications_wait_in_the_outbox(app_context, configure):
    configure()  # no SMTP, no Notify: the demo
    victim = make_victim(channel="email", email="robin@example.net")
    notification = queue_notification(make_case(victim=victim))

    outcomes = send_due()

    assert outcomes == {"wait": 1}
    db.session.expire_all()
    waiting = db.session.get(Notification, notification.id)
    assert waiting.status == NotificationStatus.PENDING
    assert waiting.attempts == 0
    assert waiting.last_error == "no_channel"
