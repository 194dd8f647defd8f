"""What a notification says: nothing that gives the case away, unless the victim chose it."""

from __future__ import annotations

import re

import pytest

from portal.data.models import MessageKind
from portal.data.outbox import enqueue_for_reply
from portal.extensions import db
from portal.notifications.channels import EMAIL, TEXT
from portal.notifications.worker import send_due
from portal.rules.languages import LANGUAGES
from portal.rules.victims_code import EventType, OffenceCategory
from tests.factories import make_case, make_message, make_staff, make_victim, queue_notification
from tests.notifications.conftest import BASE_URL, Recorder

REFERENCE = "RSO/26/7391"
OFFICER = "DC Alexandra Whitcombe"
FORBIDDEN_WORDS = ("police", "crime", "case", "rape", "victim", "offence", "officer")


def _leaks(text: str) -> list[str]:
    found = [word for word in FORBIDDEN_WORDS if re.search(rf"\b{word}", text, re.IGNORECASE)]
    for secret in (REFERENCE, OFFICER, "Whitcombe", "Robin Example"):
        if secret.lower() in text.lower():
            found.append(secret)
    return found


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("kind", ["email", "text"])
def test_no_default_notification_names_the_case_the_offence_the_officer_or_the_police(
    app_context, configure, language, kind
):
    officer = make_staff(display_name=OFFICER)
    victim = make_victim(
        preferred_name="Robin Example",
        language=language,
        channel=kind,
        email="robin@example.net",
        phone="07700 900123",
    )
    case = make_case(
        victim=victim,
        officer=officer,
        crime_reference=REFERENCE,
        offence_category=OffenceCategory.RAPE,
    )
    for event_type in EventType:
        queue_notification(case, event_type=event_type, text=f"Free text about {event_type}.")
    queue_notification(case, reason="correction")
    enqueue_for_reply(
        make_message(
            case,
            body="Reply text.",
            from_victim=False,
            kind=MessageKind.REPLY,
            staff_author=officer,
        )
    )
    db.session.commit()
    sender = Recorder()

    outcomes = send_due(senders={kind: sender})

    assert outcomes["sent"] == len(EventType) + 2
    for _, message in sender.sent:
        whole = f"{message.subject}\n{message.body}"
        assert _leaks(whole) == [], whole
        assert "Free text" not in whole and "Reply text" not in whole
        assert f"{BASE_URL}/sign-in" in message.body


def test_every_offence_category_is_left_out_of_every_text(app_context, configure):
    sender = Recorder()
    for category in OffenceCategory:
        victim = make_victim(channel="email", email=f"{category}@example.net")
        queue_notification(make_case(victim=victim, offence_category=category))

    send_due(senders={EMAIL: sender})

    assert len(sender.sent) == len(OffenceCategory)
    for _, message in sender.sent:
        for category in OffenceCategory:
            assert category.replace("_", " ") not in message.body.lower()


def test_the_default_text_says_only_that_there_is_a_new_message_and_where_to_sign_in(
    app_context, configure
):
    victim = make_victim(channel="email", email="robin@example.net")
    queue_notification(make_case(victim=victim))
    sender = Recorder()

    send_due(senders={EMAIL: sender})

    [(_, message)] = sender.sent
    assert message.subject == "You have a new message"
    assert "You have a new message in Beacon." in message.body
    assert "Sign in to read it when it is safe for you: https://beacon.example.org/sign-in" in (
        message.body
    )
    assert "report" not in message.body


def test_a_victim_who_opted_in_is_told_the_kind_of_news_but_never_its_words(app_context, configure):
    victim = make_victim(channel="email", email="robin@example.net", specific_notifications=True)
    case = make_case(victim=victim, crime_reference=REFERENCE)
    queue_notification(case, event_type=EventType.CHARGED, text="Charged with three counts.")
    enqueue_for_reply(
        make_message(case, body="Yes, next week.", from_victim=False, kind=MessageKind.REPLY)
    )
    db.session.commit()
    sender = Recorder()

    send_due(senders={EMAIL: sender})

    first_lines = sorted(message.body.splitlines()[0] for _, message in sender.sent)
    assert first_lines == [
        "There is a reply to your question in Beacon.",
        "There is news about your report in Beacon.",
    ]
    bodies = [message.body for _, message in sender.sent]
    for body in bodies:
        assert "three counts" not in body and "next week" not in body
        assert REFERENCE not in body


def test_the_code_word_is_in_every_notification_so_a_message_without_it_can_be_doubted(
    app_context, configure
):
    by_email = make_victim(channel="email", email="a@example.net", code_word="kingfisher")
    by_text = make_victim(channel="text", phone="07700 900456", code_word="kingfisher")
    via_isva = make_victim(
        contact_via_isva=True, isva_email="isva@support.example", code_word="kingfisher"
    )
    for victim in (by_email, by_text, via_isva):
        queue_notification(make_case(victim=victim))
    sender = Recorder()

    send_due(senders={EMAIL: sender, TEXT: sender})

    assert len(sender.sent) == 3
    for _, message in sender.sent:
        assert "code word: kingfisher" in message.body


def test_a_welsh_speaker_is_written_to_in_welsh_when_the_welsh_text_exists(app_context, configure):
    """The text is chosen in the victim's language; with no Welsh catalogue yet, English
    stands in, and nothing is left half-translated."""
    victim = make_victim(channel="email", email="a@example.net", language="cy")
    queue_notification(make_case(victim=victim))
    sender = Recorder()

    send_due(senders={EMAIL: sender})

    [(_, message)] = sender.sent
    assert "Beacon" in message.body
    assert "%(" not in message.body and "{{" not in message.body
