from datetime import time

import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, Message, MessageKind, Victim, utcnow
from portal.extensions import db
from portal.security.crypto import blind_index
from tests import factories
from tests.sign_in import sign_in

PLAN = {
    "preferred_name": "Sammy",
    "terminology": "survivor",
    "language": "en",
    "channel": "text",
    "phone": "07700 900982",
    "email": "",
    "voicemail_safe": "no",
    "specific_notifications": "no",
    "routine_frequency": "monthly",
    "quiet_hours_start": "21:00",
    "quiet_hours_end": "08:00",
    "contact_via_isva": "no",
    "isva_name": "",
    "isva_email": "",
}


def _victim():
    db.session.expire_all()
    return db.session.scalar(select(Victim))


def test_the_communication_plan_is_saved_shown_and_audited_without_values(signed_in):
    response = signed_in.post("/my/choices", PLAN)
    assert response.headers["Location"] == "/my/choices"
    page = signed_in.get_page("/my/choices")
    assert "Your choices are saved." in page.soup.get_text()
    assert page.select_one("#phone")["value"] == "07700 900982"
    assert page.select_one("input[name=channel][value=text]").has_attr("checked")
    victim = _victim()
    assert victim.phone == "07700 900982"
    assert victim.preferred_name == "Sammy"
    assert victim.quiet_hours_start == time(21, 0)
    assert victim.terminology == "survivor"
    assert victim.plan_updated_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "victim.plan_changed"))
    assert "phone" in event.detail["fields"]
    assert "07700" not in str(event.detail)
    assert "Sammy" not in str(event.detail)


def test_text_messages_need_a_phone_number(signed_in):
    page = signed_in.post_page("/my/choices", {**PLAN, "phone": ""})
    assert page.error_summary() == ["Enter a mobile phone number for text messages"]
    assert page.title.startswith("Error:")
    assert _victim().plan_updated_at is None


def test_email_needs_an_address_and_is_stored_for_sign_in(signed_in):
    page = signed_in.post_page("/my/choices", {**PLAN, "channel": "email", "phone": ""})
    assert page.error_summary() == ["Enter an email address for emails"]
    signed_in.post("/my/choices", {**PLAN, "channel": "email", "email": "me@example.com"})
    victim = _victim()
    assert victim.email == "me@example.com"
    assert victim.email_index == blind_index("me@example.com")


def test_quiet_hours_need_both_times_in_a_clear_format(signed_in):
    page = signed_in.post_page("/my/choices", {**PLAN, "quiet_hours_end": ""})
    assert page.error_summary() == ["Enter both times, or leave both empty if any time is fine"]
    page = signed_in.post_page("/my/choices", {**PLAN, "quiet_hours_start": "late"})
    assert page.error_summary() == ["Enter a time like 21:00"]


def test_contact_through_an_isva_needs_their_name_and_email(signed_in):
    page = signed_in.post_page("/my/choices", {**PLAN, "contact_via_isva": "yes"})
    assert page.error_summary() == ["Enter your ISVA’s name", "Enter your ISVA’s email address"]
    signed_in.post(
        "/my/choices",
        {
            **PLAN,
            "contact_via_isva": "yes",
            "isva_name": "Jo Adviser",
            "isva_email": "jo@isva.example",
        },
    )
    victim = _victim()
    assert victim.contact_via_isva is True
    assert victim.isva_email == "jo@isva.example"


def test_choosing_a_language_changes_the_pages_language(signed_in):
    signed_in.post("/my/choices", {**PLAN, "language": "cy"})
    assert signed_in.get_page("/my/").soup.html["lang"] == "cy"


def test_choices_answer_the_same_whether_an_email_is_taken_or_not(signed_in):
    factories.make_victim(email="taken@example.com")
    pages = []
    with time_machine.travel(utcnow(), tick=False):
        for email in ("free@example.com", "taken@example.com"):
            response = signed_in.post("/my/choices", {**PLAN, "channel": "email", "email": email})
            assert response.headers["Location"] == "/my/choices"
            pages.append(signed_in.get_page("/my/choices"))
    free, taken = (" ".join(page.soup.get_text(" ").split()) for page in pages)
    assert taken == free
    assert "Your choices are saved." in taken
    assert pages[1].error_summary() == []
    assert _victim_with_name("Sammy").email == "taken@example.com"  # kept, to write to her


def test_two_victims_never_share_a_sign_in_email(signed_in):
    other = factories.make_victim(email="taken@example.com", preferred_name="Alex")
    signed_in.post("/my/choices", {**PLAN, "channel": "email", "email": "taken@example.com"})
    me = _victim_with_name("Sammy")
    assert me.email_index is None  # a contact email only
    assert db.session.get(Victim, other.id).email_index == blind_index("taken@example.com")
    signed_in.post("/sign-out", from_url="/my/")
    response = signed_in.post(
        "/sign-in",
        {"identifier": "taken@example.com", "passphrase": factories.PASSPHRASE},
        from_url="/sign-in",
    )
    assert response.headers["Location"] == "/my/"
    assert signed_in.get_page("/my/").h1 == "Hello, Alex"  # still the one it was


def _victim_with_name(name: str) -> Victim:
    db.session.expire_all()
    return next(v for v in db.session.scalars(select(Victim)) if v.preferred_name == name)


def test_a_question_is_sent_and_the_officers_reply_is_shown(signed_in, case):
    response = signed_in.post("/my/questions", {"body": "Will I need to go to court?"})
    assert response.headers["Location"] == "/my/questions"
    question = db.session.scalar(select(Message))
    assert question.kind == MessageKind.QUESTION
    assert question.from_victim is True
    assert question.case_id == case.id
    reply = factories.make_message(
        case,
        "Not yet. I will tell you if that changes.",
        from_victim=False,
        kind=MessageKind.REPLY,
        staff_author=case.officer,
    )
    page = signed_in.get_page("/my/questions")
    items = [li.get_text(" ", strip=True) for li in page.select(".portal-conversation li")]
    assert "Will I need to go to court?" in items[0]
    assert "Not yet. I will tell you if that changes." in items[1]
    assert case.officer.display_name in items[1]
    db.session.expire_all()
    assert db.session.get(Message, reply.id).read_at is not None


def test_the_conversation_runs_oldest_to_newest(signed_in, case):
    from datetime import timedelta

    factories.make_message(case, "Second.", created_at=utcnow() - timedelta(hours=1))
    factories.make_message(case, "First.", created_at=utcnow() - timedelta(hours=2))
    page = signed_in.get_page("/my/questions")
    texts = [li.get_text(" ", strip=True) for li in page.select(".portal-conversation li")]
    assert ["First." in texts[0], "Second." in texts[1]] == [True, True]


def test_a_question_must_be_written_and_not_too_long(signed_in):
    assert signed_in.post_page("/my/questions", {"body": ""}).error_summary() == [
        "Enter your question"
    ]
    page = signed_in.post_page("/my/questions", {"body": "x" * 2001})
    assert page.error_summary() == ["Your question must be 2000 characters or fewer"]
    assert page.select_one(".govuk-character-count") is not None
    assert db.session.scalar(select(Message)) is None


def test_a_victim_with_two_reports_chooses_which_one_a_question_is_about(client, app_context):
    victim = factories.make_victim()
    first = factories.make_case(victim=victim)
    second = factories.make_case(victim=victim)
    sign_in(client, victim)
    page = client.post_page("/my/questions", {"body": "Which one?"})
    assert page.error_summary() == ["Select which report your question is about"]
    client.post("/my/questions", {"body": "About the second.", "case": str(second.id)})
    assert db.session.scalar(select(Message.case_id)) == second.id
    assert first.id != second.id


def test_a_question_cannot_be_sent_to_someone_elses_case(signed_in, case):
    theirs = factories.make_case()
    response = signed_in.post(
        "/my/questions", {"body": "Sneaky.", "case": str(theirs.id)}, from_url="/my/questions"
    )
    assert response.status_code == 404
    assert db.session.scalar(select(Message)) is None


def test_someone_elses_messages_never_appear_in_the_conversation(signed_in, case):
    factories.make_message(factories.make_case(), "Not for Sam.")
    assert "Not for Sam." not in signed_in.get_page("/my/questions").html
