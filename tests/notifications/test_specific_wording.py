"""The victim's own choice of a more specific notification text, from the choices page to
the next message sent: off by default, on only when they choose it, and even then never
naming the case, the offence, the officer or the police."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.data.models import AuditEvent, MessageKind, Victim
from portal.data.outbox import enqueue_for_case, enqueue_for_reply
from portal.extensions import db
from portal.notifications.channels import EMAIL, TEXT
from portal.notifications.worker import send_due
from portal.rules.languages import LANGUAGES
from portal.rules.victims_code import EventType, OffenceCategory
from tests.factories import make_case, make_message, make_staff, make_victim, queue_notification
from tests.notifications.conftest import BASE_URL, Recorder
from tests.sign_in import sign_in

REFERENCE = "RSO/26/4826"
OFFICER = "DC Ifeoma Harrowgate"
QUESTION = "Should a text or email say what kind of news it is?"
DISCREET = "You have a new message in Beacon."
SPECIFIC_NEWS = "There is news about your report in Beacon."
SPECIFIC_REPLY = "There is a reply to your question in Beacon."
# "Police" as each language writes it, so a translation cannot bring the word back in.
POLICE = {
    "en": r"police",
    "cy": r"heddlu",
    "pl": r"polic",
    "ro": r"poli[tțţ]i",
    "ur": r"پولیس",
    "ar": r"شرطة",
}


def _form_data(page) -> dict:
    """What a browser would send from the choices form as the page stands."""
    form = page.select_one("main form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field["value"]
        elif field.get("type") not in ("submit", "button"):
            data[name] = field.get("value", "")
    return data


def _fieldset(page):
    legend = next(tag for tag in page.select("main fieldset legend") if QUESTION in tag.get_text())
    return legend.find_parent("fieldset")


def _victim(victim_id) -> Victim:
    db.session.expire_all()
    return db.session.get(Victim, victim_id)


@pytest.fixture
def victim(app_context):
    return make_victim(preferred_name="Robin", channel="email", email="robin@example.net")


@pytest.fixture
def case(victim):
    return make_case(victim=victim, crime_reference=REFERENCE)


def _save_choices(client, **changes):
    page = client.get_page("/my/choices")
    response = client.post("/my/choices", {**_form_data(page), **changes})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return client.get_page("/my/choices")


def _send_next(case, **update_fields) -> list:
    queue_notification(case, **update_fields)
    sender = Recorder()
    send_due(senders={EMAIL: sender, TEXT: sender})
    return [message for _, message in sender.sent]


def test_the_choices_page_asks_calmly_and_says_no_until_the_victim_chooses(client, case, configure):
    sign_in(client, case.victim)
    page = client.get_page("/my/choices")
    fieldset = _fieldset(page)
    hint = " ".join(fieldset.select_one(".govuk-hint").get_text().split())
    assert "someone else who sees your phone or your emails could read it" in hint
    assert "If you are not sure, choose no." in hint
    checked = fieldset.select_one("input[type=radio][checked]")
    assert checked["value"] == "no"
    labels = [label.get_text(strip=True) for label in fieldset.select("label")]
    assert labels == ["Yes", "No"]


def test_by_default_the_next_notification_says_only_that_there_is_a_new_message(
    client, case, configure
):
    sign_in(client, case.victim)
    _save_choices(client)  # saving the plan as it stands changes nothing about this

    assert _victim(case.victim_id).specific_notifications is False
    [message] = _send_next(case, event_type=EventType.CHARGED, text="Charged today.")
    assert message.subject == "You have a new message"
    assert message.body.splitlines()[0] == DISCREET
    assert "report" not in message.body


def test_after_opting_in_the_next_notifications_say_what_kind_of_news_it_is(
    client, case, configure
):
    sign_in(client, case.victim)
    page = _save_choices(client, specific_notifications="yes")

    assert _fieldset(page).select_one("input[type=radio][checked]")["value"] == "yes"
    assert "Your choices are saved." in page.soup.get_text()
    assert _victim(case.victim_id).specific_notifications is True
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "victim.plan_changed")
    ).all()[-1]
    assert event.detail == {"fields": ["specific_notifications"]}  # the name, not the value

    [news] = _send_next(case, event_type=EventType.CHARGED, text="Charged with two counts.")
    assert news.subject == "There is news about your report"
    assert news.body.splitlines()[0] == SPECIFIC_NEWS
    assert "two counts" not in news.body and REFERENCE not in news.body
    enqueue_for_reply(
        make_message(case, body="Next week.", from_victim=False, kind=MessageKind.REPLY)
    )
    db.session.commit()
    sender = Recorder()
    send_due(senders={EMAIL: sender})
    [(_, reply)] = sender.sent
    assert reply.body.splitlines()[0] == SPECIFIC_REPLY
    assert "Next week." not in reply.body


def test_choosing_no_again_goes_straight_back_to_the_discreet_text(client, case, configure):
    sign_in(client, case.victim)
    _save_choices(client, specific_notifications="yes")
    _save_choices(client, specific_notifications="no")

    assert _victim(case.victim_id).specific_notifications is False
    [message] = _send_next(case)
    assert message.body.splitlines()[0] == DISCREET


def test_the_choice_must_be_made_one_way_or_the_other(client, case, configure):
    sign_in(client, case.victim)
    data = _form_data(client.get_page("/my/choices"))
    data.pop("specific_notifications")
    page = client.post_page("/my/choices", data)
    assert page.error_summary() == [
        "Select yes if a text or email should say what kind of news it is"
    ]
    assert _victim(case.victim_id).specific_notifications is False


def _leaks(text: str, language: str) -> list[str]:
    found = [
        word
        for word in (POLICE["en"], POLICE[language], "officer", "crime", "offence", "rape")
        if re.search(word, text, re.IGNORECASE)
    ]
    with force_locale(language):
        offences = [str(category.staff_label) for category in OffenceCategory]
    for secret in (REFERENCE, OFFICER, "Harrowgate", "Robin", *offences):
        if secret.lower() in text.lower():
            found.append(secret)
    return found


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("kind", ["email", "text"])
def test_even_the_specific_text_never_names_the_case_the_offence_the_officer_or_the_police(
    app_context, configure, language, kind
):
    officer = make_staff(display_name=OFFICER)
    victim = make_victim(
        preferred_name="Robin",
        language=language,
        channel=kind,
        email="robin@example.net",
        phone="07700 900123",
        specific_notifications=True,
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
    enqueue_for_case(case, "review_acknowledged")
    enqueue_for_case(case, "review_decided")
    db.session.commit()
    sender = Recorder()

    outcomes = send_due(senders={kind: sender})

    assert outcomes["sent"] == len(EventType) + 4
    for _, message in sender.sent:
        whole = f"{message.subject}\n{message.body}"
        assert _leaks(whole, language) == [], whole
        assert "Free text" not in whole and "Reply text" not in whole
        assert f"{BASE_URL}/sign-in" in message.body
    if language == "en":  # the wording really is the specific one, not the default
        assert any("news about your report" in message.body for _, message in sender.sent)
