import re

import pyotp
from sqlalchemy import select

from portal.data.models import AuditEvent, AuthSession, StaffUser
from portal.extensions import db
from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in_staff


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


def test_an_admin_creates_an_account_and_gets_a_one_time_link_not_a_password(client, admin, team):
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
    page = Page(response)
    page.check_well_formed()
    link = page.select_one("#reset-link").get_text(strip=True)
    user = db.session.scalar(
        select(StaffUser).where(StaffUser.email == "new.officer@force.example")
    )
    assert user.password_hash is None
    assert user.team_id == team.id
    path = re.sub(r"^https?://[^/]+", "", link)
    client.post("/staff/sign-out", from_url="/admin/")
    form = client.get_page(path)
    assert form.h1 == "Choose a password"
    response = client.post(path, {"password": "short", "confirm": "short"})
    assert "at least 12 characters" in response.get_data(as_text=True)
    response = client.post(path, {"password": "password1234", "confirm": "password1234"})
    assert "harder to guess" in response.get_data(as_text=True)
    good = "copper lantern seven orchards"
    response = client.post(path, {"password": good, "confirm": good})
    assert response.status_code == 303
    # The link works once.
    assert client.get(path).status_code == 404
    db.session.expire_all()
    assert db.session.get(StaffUser, user.id).password_hash is not None


def test_a_reset_link_for_an_enrolled_account_also_needs_a_code(client, admin, officer):
    sign_in_staff(client, admin)
    response = client.post(
        f"/admin/staff/{officer.id}/reset-password", from_url=f"/admin/staff/{officer.id}"
    )
    link = Page(response).select_one("#reset-link").get_text(strip=True)
    path = re.sub(r"^https?://[^/]+", "", link)
    good = "copper lantern seven orchards"
    response = client.post(path, {"password": good, "confirm": good, "code": "000000"})
    assert "Enter the 6-digit code" in response.get_data(as_text=True)
    code = pyotp.TOTP(officer.totp_secret).now()
    response = client.post(path, {"password": good, "confirm": good, "code": code})
    assert response.status_code == 303


def test_an_admin_changes_a_role_and_it_is_audited(client, admin, officer):
    sign_in_staff(client, admin)
    response = client.post(
        f"/admin/staff/{officer.id}/role",
        {"role": "supervisor", "team": str(officer.team_id)},
        from_url=f"/admin/staff/{officer.id}",
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(StaffUser, officer.id).staff_role == "supervisor"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "admin.role_changed"))
    assert event.detail["before"]["role"] == "officer"
    assert event.detail["after"]["role"] == "supervisor"


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


def test_resetting_totp_makes_the_next_sign_in_enrol_again(client, admin, officer):
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/reset-totp", from_url=f"/admin/staff/{officer.id}")
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
