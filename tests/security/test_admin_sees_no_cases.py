"""An admin sees no case content by any path: not directly, and not after doing everything
the admin pages let an admin do (issue 14).

The admin walks every admin endpoint, doing each action on the officer who holds a case,
on that team's supervisor and on new accounts of their own making (a supervisor account
in the case's team, an officer raised to supervisor), and then asks for every case,
update, message, review, complaint, grant and audit URL in the URL map. Each must be
refused: a 404, or a redirect to sign in.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import (
    ChangeKind,
    MessageKind,
    StaffChange,
    StaffRole,
    StaffUser,
)
from portal.extensions import db
from portal.staff.approvals import request_change
from tests import factories
from tests.pages import PageClient
from tests.sign_in import sign_in_staff
from tests.staff_outbox import reset_code_for

CASE_ARGUMENTS = {
    "case_id",
    "update_id",
    "message_id",
    "request_id",
    "complaint_id",
    "grant_id",
    "report_id",
    "records_request_id",
}
CASE_BLUEPRINTS = {"staff", "staff_review", "staff_feedback"}
SIGN_IN_PAGES = ("/sign-in", "/staff/sign-in", "/support/sign-in")


def _world():
    team = factories.make_team("Team North")
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    colleague = factories.make_staff(StaffRole.OFFICER, team=team)
    admin = factories.make_staff(StaffRole.ADMIN, email="admin@force.example")
    other_admin = factories.make_staff(StaffRole.ADMIN)
    victim = factories.make_victim()
    case = factories.make_case(victim=victim, officer=officer, crime_reference="RSO/26/9191")
    update = factories.make_update(case, event_type="no_further_action")
    message = factories.make_message(case, kind=MessageKind.CALL_REQUEST)
    grant = factories.share_with(victim)
    # A change someone else asked for, so that the admin has something to approve.
    change = request_change(ChangeKind.TOTP_RESET, colleague, other_admin)
    values = {
        "change_id": change.id,
        "decision": "approve",
        "case_id": case.id,
        "update_id": update.id,
        "message_id": message.id,
        "request_id": factories.make_review_request(update).id,
        "complaint_id": factories.make_complaint(case).id,
        "records_request_id": factories.make_records_request(case, answer="object").id,
        "grant_id": grant.id,
        "reissue_id": factories.make_reissue_request(case).id,
        "report_id": factories.make_safety_report(case).id,
        "item_id": factories.make_property_item(case).id,
        "lang": "en",
    }
    return admin, {"supervisor": supervisor, "officer": officer, "team": team}, values


def _admin_does_everything(client: PageClient, admin, people) -> set[str]:
    """Every admin action, as an admin would do it; returns the endpoints it used."""
    used: set[str] = set()
    officer, supervisor, team = people["officer"], people["supervisor"], people["team"]

    def get(endpoint, url):
        used.add(endpoint)
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        return response

    def post(endpoint, url, data=None):
        used.add(endpoint)
        response = client.post(url, data or {}, from_url="/admin/")
        assert response.status_code in (200, 303), f"{url}: {response.status_code}"
        return response

    get("admin.index", "/admin/")
    get("admin.service_feedback", "/admin/feedback")
    get("admin.new_staff", "/admin/staff/new")
    # New accounts the admin controls: a supervisor of the case's team, an admin, an officer.
    for role, email in (
        ("supervisor", "my.supervisor@force.example"),
        ("admin", "my.admin@force.example"),
        ("officer", "my.officer@force.example"),
    ):
        post(
            "admin.new_staff",
            "/admin/staff/new",
            {
                "email": email,
                "display_name": f"New {role}",
                "role": role,
                "team": str(team.id) if role != "admin" else "",
            },
        )
    mine = db.session.scalar(select(StaffUser).where(StaffUser.email == "my.officer@force.example"))
    post("admin.create_team", "/admin/teams", {"name": "Team Elsewhere"})
    for user in (officer, supervisor, mine):
        get("admin.staff_member", f"/admin/staff/{user.id}")
        post("admin.reset_password", f"/admin/staff/{user.id}/reset-password")
        for action in ("disable", "enable", "unlock", "reset-totp"):
            post("admin.account_action", f"/admin/staff/{user.id}/{action}")
        post(
            "admin.officer_details",
            f"/admin/staff/{user.id}/details",
            {"details-rank": "inspector", "details-collar_number": "99"},
        )
    # Raise their own officer, and the case's officer, to supervisor of the case's team,
    # and the case's officer to admin.
    for user, role in ((mine, "supervisor"), (officer, "supervisor"), (supervisor, "admin")):
        post(
            "admin.change_role",
            f"/admin/staff/{user.id}/role",
            {"role": role, "team": str(team.id) if role != "admin" else ""},
        )
    # Approve (then try to refuse) every change there is, their own requests included.
    db.session.expire_all()
    for change in db.session.scalars(select(StaffChange)).all():
        for decision in ("approve", "refuse"):
            post("admin.decide_change", f"/admin/changes/{change.id}/{decision}")
    return used


def _case_rules(app):
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if (
            rule.arguments & CASE_ARGUMENTS
            or "audit" in rule.endpoint
            or blueprint in CASE_BLUEPRINTS
        ):
            yield rule


def test_an_admin_who_does_every_admin_action_still_reaches_no_case(app, client, app_context):
    admin, people, values = _world()
    sign_in_staff(client, admin)
    used = _admin_does_everything(client, admin, people)
    rules = app.url_map.iter_rules()
    admin_endpoints = {rule.endpoint for rule in rules if rule.endpoint.startswith("admin.")}
    assert used == admin_endpoints, "walk every admin endpoint here"

    # The admin's own approvals stopped at their own requests: nothing they asked for
    # took effect, and no reset code reached them.
    db.session.expire_all()
    officer = db.session.get(StaffUser, people["officer"].id)
    assert officer.staff_role == StaffRole.OFFICER
    assert officer.totp_enrolled_at is not None
    code = reset_code_for(officer)
    assert db.session.get(StaffUser, admin.id).staff_role == StaffRole.ADMIN

    rules = list(_case_rules(app))
    assert len(rules) > 20, "the case URLs were not found in the URL map"
    reached = []
    for rule in rules:
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
        if "GET" in rule.methods:
            response = client.get(url)
        else:
            response = client.post(url, {}, from_url="/admin/")
        location = response.headers.get("Location", "")
        refused = response.status_code == 404 or (
            response.status_code in (302, 303) and location.startswith(SIGN_IN_PAGES)
        )
        body = response.get_data(as_text=True)
        assert "RSO/26/9191" not in body and code not in body
        if not refused:
            reached.append(f"{rule.endpoint} {url}: {response.status_code}")
    assert reached == [], "an admin reached case content"

    # And the admin is still an admin: still signed in, with nothing to show for it.
    assert client.get("/admin/").status_code == 200
