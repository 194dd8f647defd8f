"""Separation of duties: a change that could open a path to case content waits for a second
person, the person affected is told, and an admin never sees a reset code."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
import time_machine
from sqlalchemy import select

from portal.data.models import (
    AuditEvent,
    ChangeKind,
    Notification,
    StaffChange,
    StaffRole,
    StaffUser,
    utcnow,
)
from portal.extensions import db
from portal.notifications import texts
from portal.notifications.channels import EMAIL
from portal.notifications.worker import send_due
from portal.staff import approvals
from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in_staff, staff_client
from tests.staff_outbox import reset_code_for, staff_messages

GOOD_PASSWORD = "copper lantern seven orchards"


class Recorder:
    name = "recorder"

    def __init__(self):
        self.sent = []

    def send(self, outgoing):
        self.sent.append(outgoing)


@pytest.fixture
def second_admin(app_context):
    return factories.make_staff(StaffRole.ADMIN, display_name="Kim Second")


def _later(seconds=30):
    """A TOTP code is accepted once: a second sign-in with the test secret needs a new step."""
    return time_machine.travel(utcnow() + timedelta(seconds=seconds), tick=False)


def _actions():
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.occurred_at)).all()


def _only_change() -> StaffChange:
    db.session.expire_all()
    return db.session.scalars(select(StaffChange)).one()


def _fresh(user) -> StaffUser:
    db.session.expire_all()
    return db.session.get(StaffUser, user.id)


def test_an_admin_never_sees_a_reset_code(client, admin, officer, team):
    sign_in_staff(client, admin)
    seen = []
    response = client.post(
        f"/admin/staff/{officer.id}/reset-password", from_url=f"/admin/staff/{officer.id}"
    )
    assert response.status_code == 303
    seen.append(client.get(response.headers["Location"]).get_data(as_text=True))
    response = client.post(
        "/admin/staff/new",
        {
            "email": "dc.new@force.example",
            "display_name": "DC New",
            "role": "officer",
            "team": str(team.id),
        },
    )
    seen.append(client.get(response.headers["Location"]).get_data(as_text=True))
    seen.append(client.get("/admin/").get_data(as_text=True))
    seen.append(client.get(f"/admin/staff/{officer.id}").get_data(as_text=True))
    new = db.session.scalar(select(StaffUser).where(StaffUser.email == "dc.new@force.example"))
    codes = [reset_code_for(officer), reset_code_for(new)]
    details = " ".join(str(e.detail) for e in db.session.scalars(select(AuditEvent)))
    for code in codes:
        bare = code.replace("-", "")
        for page in seen:
            assert code not in page and bare not in page
        assert code not in details and bare not in details
    # Only a hash is kept on the account.
    assert _fresh(officer).reset_token_hash not in codes


def test_a_reset_code_travels_in_a_post_body_never_a_url(app, client, admin, officer):
    # No staff sign-in route has a part of its path that could carry a code.
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("staff_auth."):
            assert not rule.arguments, f"{rule.rule} takes a value in its URL"
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/reset-password", from_url=f"/admin/staff/{officer.id}")
    code = reset_code_for(officer)
    client.post("/staff/sign-out", from_url="/admin/")

    # The email names the page and the code apart: the address carries no code.
    with app.test_request_context():
        email = texts.for_staff("password_reset", code)
    assert code in email.body
    [url] = [word for word in email.body.split() if "/staff/password" in word]
    assert url.endswith("/staff/password")

    # The form posts to a bare address; a code put in a URL does nothing.
    page = client.get_page("/staff/password")
    form = page.select_one("main form")
    assert form["method"] == "post"
    assert form["action"] == "/staff/password"
    assert client.get(f"/staff/password/{code}").status_code == 404
    client.get(f"/staff/password?reset_code={code}")
    assert _fresh(officer).reset_token_hash is not None

    response = client.post(
        "/staff/password",
        {
            "reset_code": code,
            "password": GOOD_PASSWORD,
            "confirm": GOOD_PASSWORD,
            "code": pyotp.TOTP(officer.totp_secret).now(),
        },
    )
    assert response.status_code == 303
    assert code not in response.headers["Location"]
    assert _fresh(officer).reset_token_hash is None


def test_a_totp_reset_waits_for_a_second_admin(app, client, admin, second_admin, officer):
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/reset-totp", from_url=f"/admin/staff/{officer.id}")
    assert _fresh(officer).totp_enrolled_at is not None, "nothing changes on the request alone"
    assert staff_messages(officer) == ["totp_reset_asked"]
    change = _only_change()
    assert change.kind == ChangeKind.TOTP_RESET and change.requested_by_id == admin.id

    with _later():
        other = staff_client(app, second_admin)
        page = other.get_page("/admin/")
        assert page.select_one(f"#change-{change.id}") is not None
        response = other.post(f"/admin/changes/{change.id}/approve", from_url="/admin/")
    assert response.status_code == 303
    assert _fresh(officer).totp_enrolled_at is None
    assert _fresh(officer).totp_secret is None
    assert staff_messages(officer) == ["totp_reset_asked", "totp_reset_done"]
    change = _only_change()
    assert change.outcome == "approved" and change.decided_by_id == second_admin.id
    actions = _actions()
    for action in ("staff_change.requested", "staff_change.approved", "admin.totp_reset"):
        assert action in actions
    approved = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "staff_change.approved")
    )
    assert approved.actor_id == second_admin.id
    assert approved.detail["requested_by"] == str(admin.id)


def test_an_admin_cannot_approve_their_own_request(client, admin, officer):
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/reset-totp", from_url=f"/admin/staff/{officer.id}")
    change = _only_change()
    # Not offered to them...
    page = client.get_page("/admin/")
    assert page.select_one(f"#change-{change.id}") is None
    assert approvals.waiting_for(admin) == []
    # ...and refused if they try, by the page and by the rules.
    response = client.post(f"/admin/changes/{change.id}/approve", from_url="/admin/")
    assert "You cannot approve or refuse a change you asked for" in Page(
        client.get(response.headers["Location"])
    ).soup.get_text(" ")
    with pytest.raises(approvals.ApprovalError) as refused:
        approvals.approve(_only_change(), _fresh(admin))
    assert refused.value.code == "own_request"
    with pytest.raises(approvals.ApprovalError) as refused:
        approvals.refuse(_only_change(), _fresh(admin))
    assert refused.value.code == "own_request"
    # Nor may the person the change is about approve it.
    with pytest.raises(approvals.ApprovalError) as refused:
        approvals.approve(_only_change(), _fresh(officer))
    assert refused.value.code == "own_account"
    assert _only_change().outcome is None
    assert _fresh(officer).totp_enrolled_at is not None


def test_a_new_supervisor_account_cannot_sign_in_until_approved(
    app, client, admin, second_admin, team
):
    sign_in_staff(client, admin)
    client.post(
        "/admin/staff/new",
        {
            "email": "ds.new@force.example",
            "display_name": "DS New",
            "role": "supervisor",
            "team": str(team.id),
        },
    )
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "ds.new@force.example"))
    assert user.awaiting_approval
    assert user.staff_role == StaffRole.OFFICER and user.team_id is None, "no role until approved"
    assert staff_messages(user) == ["new_account_asked"], "no code before approval"
    # Even with a password and an authenticator (say, set in the database), and even when
    # "re-enabled" by the same admin, it cannot sign in.
    user.password_hash = factories._hashed(factories.STAFF_PASSWORD)
    db.session.commit()
    client.post(f"/admin/staff/{user.id}/enable", from_url=f"/admin/staff/{user.id}")
    client.post(f"/admin/staff/{user.id}/reset-password", from_url=f"/admin/staff/{user.id}")
    assert staff_messages(user) == ["new_account_asked"]
    client.post("/staff/sign-out", from_url="/admin/")
    response = client.post(
        "/staff/sign-in",
        {"email": user.email, "password": factories.STAFF_PASSWORD},
        from_url="/staff/sign-in",
    )
    assert "Enter a correct email address and password" in response.get_data(as_text=True)

    with _later():
        other = staff_client(app, second_admin)
        other.post(f"/admin/changes/{_only_change().id}/approve", from_url="/admin/")
    user = _fresh(user)
    assert not user.awaiting_approval
    assert user.staff_role == StaffRole.SUPERVISOR and user.team_id == team.id
    assert staff_messages(user) == ["new_account_asked", "account_ready"]
    code = reset_code_for(user)
    response = client.post(
        "/staff/password",
        {"reset_code": code, "password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD},
    )
    assert response.status_code == 303
    response = client.post(
        "/staff/sign-in",
        {"email": user.email, "password": GOOD_PASSWORD},
        from_url="/staff/sign-in",
    )
    assert response.headers["Location"].startswith("/staff/enrol")


def test_a_refused_account_stays_out_even_when_re_enabled(app, client, admin, second_admin, team):
    sign_in_staff(client, admin)
    client.post(
        "/admin/staff/new",
        {
            "email": "new.admin@force.example",
            "display_name": "New Admin",
            "role": "admin",
            "team": "",
        },
    )
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "new.admin@force.example"))
    with _later():
        other = staff_client(app, second_admin)
        other.post(f"/admin/changes/{_only_change().id}/refuse", from_url="/admin/")
    assert _only_change().outcome == "refused"
    assert "staff_change.refused" in _actions()
    assert staff_messages(user) == ["new_account_asked", "change_refused"]
    client.post(f"/admin/staff/{user.id}/enable", from_url=f"/admin/staff/{user.id}")
    user = _fresh(user)
    assert user.awaiting_approval and not user.is_active
    assert user.staff_role == StaffRole.OFFICER


def test_raising_a_role_needs_approval_and_tells_the_person(
    app, client, admin, officer, supervisor
):
    sign_in_staff(client, admin)
    response = client.post(
        f"/admin/staff/{officer.id}/role",
        {"role": "supervisor", "team": str(officer.team_id)},
        from_url=f"/admin/staff/{officer.id}",
    )
    assert response.status_code == 303
    assert _fresh(officer).staff_role == StaffRole.OFFICER
    assert staff_messages(officer) == ["role_raise_asked"]
    page = client.get_page(f"/admin/staff/{officer.id}")
    assert "Make DC Ada Jones a supervisor of Team North" in page.text()

    # The supervisor of the officer's team sees it on their dashboard and approves it.
    with _later():
        boss = staff_client(app, supervisor)
        dashboard = boss.get_page("/staff/dashboard")
        change = _only_change()
        assert dashboard.select_one(f"#change-{change.id}") is not None
        response = boss.post(f"/staff/changes/{change.id}/approve", from_url="/staff/dashboard")
    assert response.status_code == 303
    assert _fresh(officer).staff_role == StaffRole.SUPERVISOR
    assert staff_messages(officer) == ["role_raise_asked", "role_raise_done"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "admin.role_changed"))
    assert event.actor_id == supervisor.id
    assert event.detail["change_id"] == str(change.id)


def test_making_an_admin_needs_a_second_admin_not_a_supervisor(admin, officer, supervisor):
    change = approvals.request_change(
        ChangeKind.ROLE_RAISE, officer, admin, role=StaffRole.ADMIN, team=None
    )
    assert approvals.waiting_for(supervisor) == []
    with pytest.raises(approvals.ApprovalError) as refused:
        approvals.approve(change, supervisor)
    assert refused.value.code == "not_allowed"


def test_a_supervisor_of_another_team_cannot_decide_and_gets_a_404(app, admin, officer):
    approvals.request_change(ChangeKind.TOTP_RESET, officer, admin)
    stranger = factories.make_staff(StaffRole.SUPERVISOR, team=factories.make_team())
    client = staff_client(app, stranger)
    assert client.get_page("/staff/dashboard").select_one(".portal-change") is None
    response = client.post(
        f"/staff/changes/{_only_change().id}/approve", from_url="/staff/dashboard"
    )
    assert response.status_code == 404
    assert _only_change().outcome is None


def test_lowering_a_role_or_disabling_happens_at_once(client, admin, supervisor):
    sign_in_staff(client, admin)
    client.post(
        f"/admin/staff/{supervisor.id}/role",
        {"role": "officer", "team": str(supervisor.team_id)},
        from_url=f"/admin/staff/{supervisor.id}",
    )
    assert _fresh(supervisor).staff_role == StaffRole.OFFICER
    assert db.session.scalars(select(StaffChange)).all() == []


def test_moving_a_supervisor_to_another_team_needs_approval(client, admin, supervisor):
    other_team = factories.make_team("Team South")
    sign_in_staff(client, admin)
    client.post(
        f"/admin/staff/{supervisor.id}/role",
        {"role": "supervisor", "team": str(other_team.id)},
        from_url=f"/admin/staff/{supervisor.id}",
    )
    assert _fresh(supervisor).team_id != other_team.id
    change = _only_change()
    assert change.kind == ChangeKind.ROLE_RAISE and change.new_team_id == other_team.id


def test_an_unanswered_change_expires(admin, second_admin, officer):
    change = approvals.request_change(ChangeKind.TOTP_RESET, officer, admin)
    with time_machine.travel(utcnow() + approvals.CHANGE_LIFETIME + timedelta(minutes=1)):
        assert approvals.waiting_for(second_admin) == []
        with pytest.raises(approvals.ApprovalError) as refused:
            approvals.approve(change, second_admin)
    assert refused.value.code == "expired"
    assert _fresh(officer).totp_enrolled_at is not None


def test_a_second_request_of_the_same_kind_waits_for_the_first(admin, officer):
    approvals.request_change(ChangeKind.TOTP_RESET, officer, admin)
    with pytest.raises(approvals.ApprovalError) as refused:
        approvals.request_change(ChangeKind.TOTP_RESET, officer, admin)
    assert refused.value.code == "already_waiting"


def test_staff_emails_go_to_the_work_address_in_fixed_words_and_the_code_is_forgotten(
    app, admin, officer
):
    case = factories.make_case(officer=officer, crime_reference="RSO/26/5150")
    approvals.request_change(ChangeKind.TOTP_RESET, officer, admin)
    from portal.staff.auth.passwords import send_reset

    send_reset(officer)
    db.session.commit()
    code = reset_code_for(officer)
    with app.test_request_context():
        # With no email set up, they wait in the outbox.
        assert send_due(senders={}) == {"wait": 2}
        waiting = db.session.scalars(
            select(Notification).where(Notification.staff_user_id == officer.id)
        ).all()
        for notification in waiting:
            notification.next_attempt_at = utcnow()
        db.session.commit()
        emails = Recorder()
        assert send_due(senders={EMAIL: emails}) == {"sent": 2}
    assert {outgoing.to for outgoing in emails.sent} == {officer.email}
    bodies = " ".join(outgoing.subject + " " + outgoing.body for outgoing in emails.sent)
    assert code in bodies
    for secret in ("RSO/26/5150", case.victim.preferred_name, admin.display_name):
        assert secret not in bodies
    db.session.expire_all()
    for notification in db.session.scalars(
        select(Notification).where(Notification.staff_user_id == officer.id)
    ):
        assert notification._invitation_code is None, "the code is forgotten once sent"


def test_a_newer_reset_replaces_the_older_code(client, admin, officer):
    sign_in_staff(client, admin)
    client.post(f"/admin/staff/{officer.id}/reset-password", from_url=f"/admin/staff/{officer.id}")
    first = reset_code_for(officer)
    client.post(f"/admin/staff/{officer.id}/reset-password", from_url=f"/admin/staff/{officer.id}")
    second = reset_code_for(officer)
    assert first != second
    client.post("/staff/sign-out", from_url="/admin/")
    response = client.post(
        "/staff/password",
        {"reset_code": first, "password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD},
    )
    assert "Enter the code from your email exactly" in response.get_data(as_text=True)
    assert "staff.password_code_refused" in _actions()


def test_moving_an_officer_into_another_team_needs_approval(client, admin, officer):
    # Its supervisors would then see the officer's cases.
    other_team = factories.make_team("Team South")
    sign_in_staff(client, admin)
    client.post(
        f"/admin/staff/{officer.id}/role",
        {"role": "officer", "team": str(other_team.id)},
        from_url=f"/admin/staff/{officer.id}",
    )
    assert _fresh(officer).team_id != other_team.id
    assert _only_change().new_team_id == other_team.id
    page = client.get_page(f"/admin/staff/{officer.id}")
    assert "Move DC Ada Jones to Team South, as an officer" in page.text()
