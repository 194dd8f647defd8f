from datetime import timedelta

import pyotp
import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, AuthSession, StaffChange, StaffRole, StaffUser, utcnow
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in_staff, staff_client
from tests.staff_outbox import reset_code_for, staff_messages


def _actions():
    return db.session.scalars(select(AuditEvent.action)).all()


def test_disabling_an_account_ends_its_sessions_at_once(app, client, officer, admin):
    sign_in_staff(client, officer)
    assert client.get("/staff/").status_code == 200
    admin_client = type(client)(app)
    admin_client.http = type(client.http)(app, app.response_class, use_cookies=True)
    sign_in_staff(admin_client, admin)
    response = admin_client.post(
        f"/admin/staff/{officer.id}/disable", from_url=f"/admin/staff/{officer.id}"
    )
    assert response.status_code == 303
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")
    live = db.session.scalars(
        select(AuthSession).where(
            AuthSession.principal_id == officer.id, AuthSession.ended_at.is_(None)
        )
    ).all()
    assert live == []
    assert "admin.staff_disabled" in _actions()


def test_a_disabled_account_cannot_sign_in_and_can_be_re_enabled(client, officer, admin):
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/disable", from_url=f"/admin/staff/{officer.id}")
    client.post(f"/admin/staff/{officer.id}/enable", from_url=f"/admin/staff/{officer.id}")
    db.session.expire_all()
    assert db.session.get(StaffUser, officer.id).is_disabled is False
    assert "admin.staff_enabled" in _actions()


def test_an_admin_creates_an_officer_and_the_officer_is_emailed_a_code(client, admin, team):
    sign_in_staff(client, admin)
    response = client.post(
        "/admin/staff/new",
        {
            "email": "new.officer@force.example",
            "display_name": "DC New Person",
            "role": "officer",
            "team": str(team.id),
        },
    )
    assert response.status_code == 303
    page = client.get_page(response.headers["Location"])
    assert "emailed a one-time code" in page.soup.get_text()
    user = db.session.scalar(
        select(StaffUser).where(StaffUser.email == "new.officer@force.example")
    )
    assert user.password_hash is None
    assert user.team_id == team.id
    assert user.awaiting_approval is False
    assert staff_messages(user) == ["account_ready"]
    code = reset_code_for(user)
    assert code not in page.html
    client.post("/staff/sign-out", from_url="/admin/")
    form = client.get_page("/staff/password")
    assert form.h1 == "Choose a password"
    response = client.post(
        "/staff/password", {"reset_code": code, "password": "short", "confirm": "short"}
    )
    assert "at least 12 characters" in response.get_data(as_text=True)
    response = client.post(
        "/staff/password",
        {"reset_code": code, "password": "password1234", "confirm": "password1234"},
    )
    assert "harder to guess" in response.get_data(as_text=True)
    good = "copper lantern seven orchards"
    response = client.post(
        "/staff/password", {"reset_code": code, "password": good, "confirm": good}
    )
    assert response.status_code == 303
    # The code works once.
    response = client.post(
        "/staff/password", {"reset_code": code, "password": good, "confirm": good}
    )
    assert "Enter the code from your email exactly" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(StaffUser, user.id).password_hash is not None


def test_a_reset_code_for_an_enrolled_account_also_needs_a_totp_code(client, admin, officer):
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/reset-password", from_url=f"/admin/staff/{officer.id}")
    code = reset_code_for(officer)
    good = "copper lantern seven orchards"
    fields = {"reset_code": code, "password": good, "confirm": good}
    response = client.post("/staff/password", {**fields, "code": "000000"})
    assert "Enter the 6-digit code" in response.get_data(as_text=True)
    response = client.post(
        "/staff/password", {**fields, "code": pyotp.TOTP(officer.totp_secret).now()}
    )
    assert response.status_code == 303


def test_an_admin_lowers_a_role_at_once_and_it_is_audited(client, admin, supervisor):
    sign_in_staff(client, admin)
    response = client.post(
        f"/admin/staff/{supervisor.id}/role",
        {"role": "officer", "team": str(supervisor.team_id)},
        from_url=f"/admin/staff/{supervisor.id}",
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(StaffUser, supervisor.id).staff_role == "officer"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "admin.role_changed"))
    assert event.detail["before"]["role"] == "supervisor"
    assert event.detail["after"]["role"] == "officer"


def test_an_admin_unlocks_a_locked_account(client, admin, officer):
    for _ in range(5):
        client.post(
            "/staff/sign-in",
            {"email": officer.email, "password": "wrong wrong wrong"},
            from_url="/staff/sign-in",
        )
    sign_in_staff(client, admin)
    assert "Locked" in client.get_page(f"/admin/staff/{officer.id}").text()
    client.post(f"/admin/staff/{officer.id}/unlock", from_url=f"/admin/staff/{officer.id}")
    client.post("/staff/sign-out", from_url="/admin/")
    sign_in_staff(client, officer)


def test_an_approved_totp_reset_makes_the_next_sign_in_enrol_again(app, client, admin, officer):
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/reset-totp", from_url=f"/admin/staff/{officer.id}")
    second = factories.make_staff(StaffRole.ADMIN, display_name="Kim Second")
    with time_machine.travel(utcnow() + timedelta(seconds=30), tick=False):
        other = staff_client(app, second)
        change = db.session.scalar(select(StaffChange))
        other.post(f"/admin/changes/{change.id}/approve", from_url="/admin/")
    client.post("/staff/sign-out", from_url="/admin/")
    response = client.post(
        "/staff/sign-in",
        {"email": officer.email, "password": factories.STAFF_PASSWORD},
        from_url="/staff/sign-in",
    )
    assert response.headers["Location"].startswith("/staff/enrol")


def test_the_admin_pages_list_accounts_but_never_cases(client, admin, officer):
    factories.make_case(officer=officer, crime_reference="RSO/26/7777")
    sign_in_staff(client, admin)
    page = client.get_page("/admin/")
    assert officer.display_name in page.text()
    assert "RSO/26/7777" not in page.html


def test_officers_cannot_reach_the_admin_pages(client, officer):
    sign_in_staff(client, officer)
    assert client.get("/admin/").status_code == 404
