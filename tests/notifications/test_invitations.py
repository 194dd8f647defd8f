"""An invitation the victim asks us to email: sent by the worker, discreet, and its code and
address forgotten as soon as it is sent, fails for good or is no longer wanted."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data.models import Notification, NotificationStatus, SupportGrant
from portal.extensions import db
from portal.notifications.channels import EMAIL, DeliveryError
from portal.notifications.worker import send_due
from portal.rules.support_grants import invite, withdraw
from tests.factories import SUPPORTER_PASSPHRASE, make_case, make_staff, make_victim
from tests.log_watch import sensitive
from tests.notifications.conftest import BASE_URL, Recorder
from tests.pages import PageClient

REFERENCE = "RSO/26/5183"
OFFICER = "DC Harriet Pennywhistle"
SUPPORTER_EMAIL = "jo.supporter@example.org"
FORBIDDEN_WORDS = ("police", "crime", "case", "rape", "victim", "offence", "officer", "report")
START = datetime(2026, 4, 14, 9, 0, tzinfo=UTC)
sensitive(SUPPORTER_EMAIL)


@pytest.fixture
def case(app_context):
    victim = make_victim(preferred_name="Tamsin", full_name="Tamsin Carew", code_word="heronsong")
    return make_case(
        victim=victim,
        officer=make_staff(display_name=OFFICER),
        crime_reference=REFERENCE,
        offence_category="rape",
    )


def _invite(case, email: str = SUPPORTER_EMAIL) -> tuple[SupportGrant, str]:
    grant, code = invite(case.victim, "Jo, my ISVA", "isva", "everything", email)
    sensitive(code)
    return grant, code


def _invitation(grant) -> Notification:
    db.session.expire_all()
    return db.session.scalar(select(Notification).where(Notification.grant_id == grant.id))


def _raw(notification) -> dict:
    """The stored columns themselves, read from the table past the model's decryption."""
    table = Notification.__table__
    row = db.session.execute(
        select(table.c.invitation_code, table.c.supporter_email).where(
            table.c.id == notification.id
        )
    ).one()
    return {"invitation_code": row[0], "supporter_email": row[1]}


def _use_smtp(configure, smtp_server):
    configure(
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_tls="none",
        mail_from="messages@beacon.example.org",
    )


def test_the_invitation_is_emailed_discreetly_then_its_code_and_address_are_forgotten(
    app, case, configure, smtp_server
):
    _use_smtp(configure, smtp_server)
    grant, code = _invite(case)
    stored = _raw(_invitation(grant))
    assert stored["invitation_code"] is not None and stored["supporter_email"] is not None
    assert code.encode() not in stored["invitation_code"]  # encrypted, not in clear
    assert SUPPORTER_EMAIL.encode() not in stored["supporter_email"]

    assert send_due() == {"sent": 1}

    [received] = smtp_server.received
    assert received["rcpt_tos"] == [SUPPORTER_EMAIL]
    message = received["message"]
    assert message["From"] == "Beacon <messages@beacon.example.org>"
    body = message.get_content()
    assert code in body
    assert f"{BASE_URL}/support/accept" in body
    assert "7 days" in body
    everything = f"{message['Subject']}\n{body}"
    for secret in ("Tamsin", "Carew", REFERENCE, OFFICER, "Pennywhistle", "heronsong", "Jo, my"):
        assert secret.lower() not in everything.lower(), secret
    for word in FORBIDDEN_WORDS:
        assert not re.search(rf"\b{word}", everything, re.IGNORECASE), word

    sent = _invitation(grant)
    assert sent.status == NotificationStatus.SENT
    assert _raw(sent) == {"invitation_code": None, "supporter_email": None}
    assert sent.case_id is None and sent.audience == "supporter"
    # The grant keeps only the hash, so the emailed code still works once.
    assert db.session.get(SupportGrant, grant.id).invitation_code_hash is not None


def test_the_supporter_accepts_with_the_code_from_the_email(app, case, configure, smtp_server):
    _use_smtp(configure, smtp_server)
    grant, _code = _invite(case)
    send_due()
    body = smtp_server.received[0]["message"].get_content()
    emailed = re.search(r"code: (\S+)", body).group(1)

    newcomer = PageClient(app)
    response = newcomer.post("/support/accept", {"code": emailed})
    assert response.headers["Location"] == "/support/accept/passphrase"
    done = newcomer.post_page(
        "/support/accept/passphrase",
        {"passphrase": SUPPORTER_PASSPHRASE, "confirm": SUPPORTER_PASSPHRASE},
    )
    assert done.select_one("#access-id") is not None
    db.session.expire_all()
    assert db.session.get(SupportGrant, grant.id).accepted_at is not None


def test_a_withdrawn_invitation_is_never_sent(app_context, case, configure, smtp_server):
    _use_smtp(configure, smtp_server)
    grant, _code = _invite(case)
    withdraw(case.victim, db.session.get(SupportGrant, grant.id))

    assert send_due() == {}  # nothing left to send
    assert smtp_server.received == []
    cancelled = _invitation(grant)
    assert cancelled.status == NotificationStatus.SKIPPED
    assert cancelled.last_error == "invitation_withdrawn"
    assert _raw(cancelled) == {"invitation_code": None, "supporter_email": None}


def test_an_invitation_already_used_is_not_sent(app, case, configure, smtp_server):
    """The victim passed the code on themselves after all, and it was used first."""
    _use_smtp(configure, smtp_server)
    grant, code = _invite(case)
    newcomer = PageClient(app)
    newcomer.post("/support/accept", {"code": code})
    newcomer.post_page(
        "/support/accept/passphrase",
        {"passphrase": SUPPORTER_PASSPHRASE, "confirm": SUPPORTER_PASSPHRASE},
    )

    send_due()
    assert smtp_server.received == []
    used = _invitation(grant)
    assert used.status == NotificationStatus.SKIPPED
    assert _raw(used) == {"invitation_code": None, "supporter_email": None}


def test_with_no_channel_the_invitation_waits_and_is_dropped_once_out_of_date(
    app_context, case, configure
):
    configure()  # no SMTP, no Notify: the demo
    with time_machine.travel(START, tick=False) as clock:
        grant, _code = _invite(case)
        assert send_due() == {"wait": 1}
        waiting = _invitation(grant)
        assert waiting.status == NotificationStatus.PENDING
        assert waiting.last_error == "no_channel"
        assert _raw(waiting)["invitation_code"] is not None  # still needed

        clock.move_to(START + timedelta(days=7, minutes=1))
        assert send_due() == {"skip": 1}
    expired = _invitation(grant)
    assert expired.status == NotificationStatus.SKIPPED
    assert expired.last_error == "invitation_expired"
    assert _raw(expired) == {"invitation_code": None, "supporter_email": None}


def test_a_failed_invitation_forgets_its_code_and_address(app_context, case, configure):
    configure()
    grant, _code = _invite(case)
    refused = Recorder(fail_with=DeliveryError("address_refused", permanent=True))

    assert send_due(senders={EMAIL: refused}) == {"failed": 1}

    failed = _invitation(grant)
    assert failed.status == NotificationStatus.FAILED
    assert _raw(failed) == {"invitation_code": None, "supporter_email": None}


def test_a_retried_invitation_keeps_its_code_until_the_last_try(app_context, case, configure):
    configure()
    grant, _code = _invite(case)
    down = Recorder(fail_with=DeliveryError("provider_unreachable"))

    assert send_due(senders={EMAIL: down}) == {"retrying": 1}

    retrying = _invitation(grant)
    assert retrying.status == NotificationStatus.PENDING
    assert _raw(retrying)["invitation_code"] is not None


def test_an_invitation_goes_by_email_only_whatever_the_victim_chose_for_themselves(
    app_context, configure
):
    configure()
    victim = make_victim(channel="text", phone="07700 900456")
    grant, _code = _invite(make_case(victim=victim))
    texts = Recorder()

    assert send_due(senders={"text": texts}) == {"wait": 1}  # no email sender: it waits
    assert texts.sent == []

    emails = Recorder()
    _invitation(grant).next_attempt_at = datetime.now(UTC)
    db.session.commit()
    assert send_due(senders={EMAIL: emails}) == {"sent": 1}
    [(_thread, outgoing)] = emails.sent
    assert outgoing.kind == EMAIL and outgoing.to == SUPPORTER_EMAIL


def test_a_notification_is_about_a_case_or_a_grant_never_neither(app_context):
    db.session.add(Notification(reason="update"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
