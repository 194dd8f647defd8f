"""A supervisor moves a case to another officer: the victim is told who and why, by an
update and a discreet notification, in her own language; nothing changes without a reason."""

from sqlalchemy import select

from portal.data.models import Case, Notification, OfficerChange, StaffRole, Update
from portal.extensions import db
from portal.notifications.texts import for_victim
from tests import factories
from tests.sign_in import sign_in, sign_in_staff, staff_client


def _new_officer(team):
    return factories.make_staff(
        StaffRole.OFFICER,
        team=team,
        display_name="Priya Shah",
        rank="detective_constable",
        collar_number="4321",
        contact_phone="0300 123 4567",
        contact_hours="Monday to Friday, 9am to 5pm",
    )


def test_the_victim_reads_who_her_new_officer_is_and_why(app, client, team, supervisor, case):
    priya = _new_officer(team)
    boss = staff_client(app, supervisor)
    form = boss.get_page(f"/staff/cases/{case.id}/reassign")
    reasons = [label.get_text(strip=True) for label in form.select("input[name=reason] + label")]
    assert "The officer is on leave or away from work for a while" in reasons
    response = boss.post(
        f"/staff/cases/{case.id}/reassign",
        {"officer_id": str(priya.id), "reason": "leave"},
        from_url=f"/staff/cases/{case.id}/reassign",
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Case, case.id).officer_id == priya.id
    update = db.session.scalar(select(Update).where(Update.event_type == "officer_changed"))
    change = db.session.scalar(select(OfficerChange))
    assert change.update_id == update.id and change.reason == "leave"
    # The notification goes through the outbox like any update: her channel, her quiet
    # hours, and by default words that name neither the police nor the case.
    notification = db.session.scalar(
        select(Notification).where(Notification.update_id == update.id)
    )
    assert notification is not None
    text = for_victim(case.victim, notification.reason, "email")
    assert "officer" not in text.body.lower() and "police" not in text.body.lower()

    sign_in(client, case.victim)
    page = client.get_page(f"/my/updates/{update.id}")
    assert page.select_one("h1").get_text(strip=True) == "You have a new officer"
    assert page.select_one("#officer-change-reason").get_text(strip=True) == (
        "Your previous officer is away from work for a while."
    )
    card = page.select_one("#new-officer").get_text(" ", strip=True)
    assert "Priya Shah" in card
    assert "Rank: Detective Constable" in card
    assert "Collar number: 4321" in card
    assert "0300 123 4567" in card
    home = client.get_page("/my/").text()
    assert "Priya Shah" in home
    assert "Collar number: 4321" in home


def test_the_reason_reads_in_the_victims_language(app, client, team, supervisor, officer):
    victim = factories.make_victim(language="cy")
    case = factories.make_case(victim=victim, officer=officer)
    priya = _new_officer(team)
    staff_client(app, supervisor).post(
        f"/staff/cases/{case.id}/reassign",
        {"officer_id": str(priya.id), "reason": "moved_team"},
        from_url=f"/staff/cases/{case.id}/reassign",
    )
    update = db.session.scalar(select(Update).where(Update.event_type == "officer_changed"))
    sign_in(client, victim)
    page = client.get_page(f"/my/updates/{update.id}")
    reason = page.select_one("#officer-change-reason").get_text(strip=True)
    assert reason == "Mae eich swyddog blaenorol wedi symud i dîm arall."


def test_without_a_reason_nothing_changes_and_the_form_says_why(client, team, supervisor, case):
    priya = _new_officer(team)
    sign_in_staff(client, supervisor)
    page = client.post_page(
        f"/staff/cases/{case.id}/reassign",
        {"officer_id": str(priya.id)},
        status=400,
        from_url=f"/staff/cases/{case.id}/reassign",
    )
    assert page.error_summary() == ["Select why the case is moving"]
    db.session.expire_all()
    assert db.session.get(Case, case.id).officer_id == case.officer_id
    assert db.session.scalar(select(Update)) is None
    assert db.session.scalar(select(Notification)) is None


def test_moving_a_case_to_its_own_officer_tells_no_one(client, supervisor, case, officer):
    sign_in_staff(client, supervisor)
    page = client.post_page(
        f"/staff/cases/{case.id}/reassign",
        {"officer_id": str(officer.id), "reason": "other"},
        status=400,
        from_url=f"/staff/cases/{case.id}/reassign",
    )
    assert page.error_summary() == ["The case is already with this officer"]
    assert db.session.scalar(select(Update)) is None
