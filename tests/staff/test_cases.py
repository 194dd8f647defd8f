from datetime import time

import time_machine
from sqlalchemy import func, select

from portal.auth.codes import hash_code
from portal.data.models import (
    AccessReissue,
    AuditEvent,
    Case,
    Message,
    MessageKind,
    Notification,
    RightsRecord,
    Victim,
    utcnow,
)
from portal.extensions import db
from portal.security.crypto import blind_index
from tests import factories
from tests.pages import Page, PageClient
from tests.sign_in import sign_in_staff

NEW_CASE = {
    "crime_reference": "RSO/26/5150",
    "offence_category": "sexual_assault",
    "force_country": "wales",
    "reported_on": ["2", "3", "2026"],
    "preferred_name": "Morgan",
    "language": "cy",
    "channel": "email",
    "email": "morgan@example.com",
    "phone": "",
    "routine_frequency": "fortnightly",
}


def _actions():
    return db.session.scalars(select(AuditEvent.action)).all()


def test_an_officer_records_a_case_and_sees_the_activation_code_once(client, officer):
    sign_in_staff(client, officer)
    response = client.post("/staff/cases/new", NEW_CASE)
    page = Page(response)
    page.check_well_formed()
    code = page.select_one("#activation-code").get_text(strip=True)
    assert "shown only once" in page.text()
    case = db.session.scalar(select(Case))
    assert case.crime_reference == "RSO/26/5150"
    assert case.crime_reference_index == blind_index("RSO/26/5150")
    assert b"5150" not in case._crime_reference
    assert case.enhanced_service is True
    assert case.force_country == "wales"
    assert case.officer_id == officer.id
    victim = case.victim
    assert victim.preferred_name == "Morgan"
    assert victim.language == "cy"
    assert victim.email == "morgan@example.com"
    assert victim.activation_code_hash == hash_code(code)
    assert code not in client.get_page(f"/staff/cases/{case.id}").html
    assert {"case.created", "case.activation_code_issued"} <= set(_actions())


def test_a_duplicate_crime_reference_gets_a_clear_error(client, officer):
    factories.make_case(crime_reference="RSO/26/5150")
    sign_in_staff(client, officer)
    page = Page(client.post("/staff/cases/new", NEW_CASE))
    assert "A case with this crime reference number already exists" in page.error_summary()
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def _answer(client, reference: str, email: str) -> str:
    """The page an officer sees after recording a case, without what differs by right
    (the reference typed and the random code)."""
    page = Page(
        client.post("/staff/cases/new", {**NEW_CASE, "crime_reference": reference, "email": email})
    )
    code = page.select_one("#activation-code").get_text(strip=True)
    return " ".join(page.soup.get_text(" ").split()).replace(code, "CODE").replace(reference, "REF")


def test_an_officer_is_told_nothing_about_an_email_already_in_use(client, officer):
    factories.make_victim(email="taken@example.com")
    sign_in_staff(client, officer)
    with time_machine.travel(utcnow(), tick=False):
        free = _answer(client, "RSO/26/0101", "free@example.com")
        taken = _answer(client, "RSO/26/0102", "taken@example.com")
    assert taken == free
    assert "already exists" not in taken


def test_a_new_case_is_never_attached_to_the_account_an_email_belongs_to(client, officer):
    existing = factories.make_victim(email="taken@example.com")
    factories.make_case(victim=existing)
    sign_in_staff(client, officer)
    client.post("/staff/cases/new", {**NEW_CASE, "email": "taken@example.com"})
    case = db.session.scalar(
        select(Case).where(Case.crime_reference_index == blind_index("RSO/26/5150"))
    )
    assert case.victim_id != existing.id  # a new invitation, not her account
    assert case.victim.email == "taken@example.com"  # still written to, if she chooses email
    assert case.victim.email_index is None  # but never a second way in by that email
    db.session.expire_all()
    assert db.session.get(Victim, existing.id).email_index == blind_index("taken@example.com")
    assert len(db.session.get(Victim, existing.id).cases) == 1


def test_one_person_can_have_two_cases(client, officer, app):
    sign_in_staff(client, officer)
    first = Page(client.post("/staff/cases/new", NEW_CASE))
    second = Page(client.post("/staff/cases/new", {**NEW_CASE, "crime_reference": "RSO/26/5151"}))
    assert second.error_summary() == []
    assert db.session.scalar(select(func.count()).select_from(Case)) == 2
    for page in (first, second):  # each code starts its own account
        code = page.select_one("#activation-code").get_text(strip=True)
        person = PageClient(app)
        response = person.post("/activate", {"code": code}, from_url="/activate")
        assert response.headers["Location"] == "/activate/about"


def test_email_is_needed_when_email_is_the_chosen_channel(client, officer):
    sign_in_staff(client, officer)
    page = Page(client.post("/staff/cases/new", {**NEW_CASE, "email": ""}))
    assert page.title.startswith("Error:")
    assert "Enter an email address, or choose another way to tell them" in page.error_summary()


def test_issuing_a_new_code_stops_the_old_one_and_is_audited(client, officer):
    victim = factories.invite_victim("K7PQW-3MXRT-9ACHE-UV4DY")
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    response = client.post(
        f"/staff/cases/{case.id}/activation-code", from_url=f"/staff/cases/{case.id}"
    )
    page = Page(response)
    new = page.select_one("#activation-code").get_text(strip=True)
    db.session.expire_all()
    stored = db.session.get(Victim, victim.id).activation_code_hash
    assert stored == hash_code(new)
    assert stored != hash_code("K7PQW-3MXRT-9ACHE-UV4DY")
    assert "case.activation_code_reissued" in _actions()


def test_the_case_page_lists_questions_marks_them_read_and_audits_the_opening(client, officer):
    case = factories.make_case(officer=officer)
    question = factories.make_message(case, "Will I have to go to court?")
    sign_in_staff(client, officer)
    page = client.get_page(f"/staff/cases/{case.id}")
    assert "Will I have to go to court?" in page.text()
    db.session.expire_all()
    assert db.session.get(Message, question.id).read_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case.opened"))
    assert event.case_id == case.id
    assert event.actor_id == officer.id


def test_the_case_page_shows_the_choices_in_words_never_as_stored_codes(client, officer):
    victim = factories.make_victim(
        channel="email",
        routine_frequency="key_decisions",
        terminology="survivor",
        quiet_hours_start=time(21, 0),
        quiet_hours_end=time(8, 0),
    )
    case = factories.make_case(
        victim=victim, officer=officer, offence_category="sexual_assault", force_country="wales"
    )
    sign_in_staff(client, officer)
    rows = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
        for row in client.get_page(f"/staff/cases/{case.id}").select(".govuk-summary-list__row")
    }
    assert rows["Force country"] == "Wales"
    assert rows["Told about news by"] == "Email"
    assert rows["Routine updates"] == "Only when something important happens"
    assert rows["Words to use for them"] == "Survivor"
    assert rows["Quiet hours"] == "No messages from 21:00 to 08:00"
    assert rows["Contact through their ISVA"] == "No"
    assert "_" not in rows["Offence"] and rows["Offence"] != "sexual_assault"


def test_an_officer_replies_and_the_victim_is_notified_in_the_same_transaction(client, officer):
    case = factories.make_case(officer=officer)
    factories.make_message(case, "When is court?")
    sign_in_staff(client, officer)
    response = client.post(
        f"/staff/cases/{case.id}/reply",
        {"body": "I will find out and tell you."},
        from_url=f"/staff/cases/{case.id}",
    )
    assert response.status_code == 303
    reply = db.session.scalar(select(Message).where(Message.from_victim.is_(False)))
    assert reply.kind == MessageKind.REPLY
    assert reply.staff_author_id == officer.id
    assert reply.body == "I will find out and tell you."
    notification = db.session.scalar(select(Notification))
    assert notification.message_id == reply.id
    assert notification.reason == "reply"


def test_an_empty_reply_is_refused_in_govuk_style(client, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    page = Page(
        client.post(
            f"/staff/cases/{case.id}/reply", {"body": ""}, from_url=f"/staff/cases/{case.id}"
        )
    )
    assert "Enter your reply" in page.error_summary()


def test_a_call_request_is_an_action_at_the_top_until_done(client, officer):
    case = factories.make_case(officer=officer)
    call = factories.make_message(case, "", kind=MessageKind.CALL_REQUEST)
    sign_in_staff(client, officer)
    page = client.get_page(f"/staff/cases/{case.id}")
    banner = page.select_one("main .govuk-notification-banner")
    assert "asked you to call them" in banner.text
    assert "Asked for a call" in client.get_page("/staff/").text()
    client.post(f"/staff/cases/{case.id}/calls/{call.id}/done", from_url=f"/staff/cases/{case.id}")
    page = client.get_page(f"/staff/cases/{case.id}")
    assert "asked you to call them" not in page.text()


def test_the_code_word_is_shown_to_the_officer(client, officer):
    victim = factories.make_victim()
    victim.code_word = "bluebell"
    db.session.commit()
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    page = client.get_page(f"/staff/cases/{case.id}")
    assert "Code word to give when you call" in page.text()
    assert page.select_one("#code-word").get_text(strip=True) == "bluebell"


def test_an_officer_records_that_a_vps_was_offered_and_the_answer(client, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    response = client.post(
        f"/staff/cases/{case.id}/rights",
        {
            "offer": "victim_personal_statement",
            "offered_on": ["10", "3", "2026"],
            "response": "accepted",
        },
        from_url=f"/staff/cases/{case.id}",
    )
    assert response.status_code == 303
    record = db.session.scalar(select(RightsRecord))
    assert (record.offer, record.response) == ("victim_personal_statement", "accepted")
    assert record.recorded_by_id == officer.id
    page = client.get_page(f"/staff/cases/{case.id}")
    recorded = page.select_one("#rights").text
    assert "Victim Personal Statement" in recorded
    assert "Accepted" in recorded and "accepted" not in recorded  # words, not the stored code
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "rights.offer_recorded")
    )
    assert event.detail == {"offer": "victim_personal_statement", "response": "accepted"}


def test_a_victim_who_forgot_their_details_gets_a_new_code_once_a_supervisor_approves(
    app, officer, supervisor
):
    """The forgotten-passphrase page sends them to their officer; this is the staff side
    (an officer asks, a supervisor approves) and the victim's way back in."""
    from tests.pages import PageClient
    from tests.sign_in import sign_in
    from tests.victim.auth.test_activation import GOOD_PASSPHRASE, _activate

    victim = factories.make_victim()
    case = factories.make_case(victim=victim, officer=officer)
    old_access_id = victim.access_id
    old_device = PageClient(app)
    sign_in(old_device, victim)  # a device they (or someone else) are still signed in on

    staff = PageClient(app)
    sign_in_staff(staff, officer)
    case_page = staff.get_page(f"/staff/cases/{case.id}")
    assert "If they have forgotten their passphrase or access ID" in case_page.text()
    response = staff.post(
        f"/staff/cases/{case.id}/new-code-request",
        {"reason": "forgot"},
        from_url=f"/staff/cases/{case.id}/new-code-request",
    )
    assert response.status_code == 303
    reissue = db.session.scalar(select(AccessReissue))

    boss = PageClient(app)
    sign_in_staff(boss, supervisor)
    response = boss.post(
        f"/staff/new-code-requests/{reissue.id}/decision",
        {"decision": "approve"},
        from_url=f"/staff/new-code-requests/{reissue.id}",
    )
    page = Page(response)
    code = page.select_one("#activation-code").get_text(strip=True)
    assert page.select_one("#reactivation-note") is not None
    assert old_device.get_page("/my/").status == 200, "old details work until the code is used"

    _activate(PageClient(app), code=code, passphrase=GOOD_PASSPHRASE)
    db.session.expire_all()
    renewed = db.session.get(Victim, victim.id)
    assert renewed.access_id != old_access_id
    assert old_device.get("/my/").headers["Location"].startswith("/sign-in")
    fresh = PageClient(app)
    sign_in(fresh, renewed, passphrase=GOOD_PASSPHRASE)
    assert fresh.get_page("/my/").status == 200
