"""Refusals, views of a case's audit trail and compliance downloads leave a trail.

Someone asking for records that are not theirs gets the same 404 as for a record that does
not exist, and the audit log records that they asked.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import AuditEvent, StaffRole
from portal.extensions import db
from tests import factories
from tests.sessions import sign_in_directly


def _events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return list(db.session.scalars(query))


def test_a_victim_asking_for_another_victims_update_is_refused_and_audited(client, app_context):
    mine = factories.make_victim()
    factories.make_case(victim=mine)
    theirs = factories.make_update(factories.make_case(victim=factories.make_victim()))
    sign_in_directly(client, mine)

    response = client.get(f"/my/updates/{theirs.id}")

    assert response.status_code == 404
    (event,) = _events("access.refused")
    assert (event.actor_kind, event.actor_id) == ("victim", mine.id)
    assert event.detail["refused"] == "record"
    assert str(theirs.id) not in str(event.detail)  # the trail, not what was asked for


def test_an_officer_opening_a_case_not_theirs_is_refused_and_audited(client, app_context):
    officer = factories.make_staff(StaffRole.OFFICER)
    elsewhere = factories.make_case(officer=factories.make_staff(StaffRole.OFFICER))
    sign_in_directly(client, officer)

    assert client.get(f"/staff/cases/{elsewhere.id}").status_code == 404

    (event,) = _events("access.refused")
    assert event.actor_id == officer.id and event.detail["endpoint"] == "staff.case_page"


def test_a_victim_trying_a_staff_page_is_refused_and_audited(client, app_context):
    victim = factories.make_victim()
    sign_in_directly(client, victim)
    assert client.get("/staff/").status_code == 404
    (event,) = _events("access.refused")
    assert event.actor_id == victim.id and event.detail["refused"] == "role"


def test_a_page_that_does_not_exist_is_not_a_refusal(client, app_context):
    assert client.get("/no-such-page").status_code == 404
    assert _events("access.refused") == []


def test_opening_a_cases_audit_page_is_itself_audited(client, app_context):
    team = factories.make_team()
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    case = factories.make_case(officer=factories.make_staff(StaffRole.OFFICER, team=team))
    sign_in_directly(client, supervisor)

    assert client.get_page(f"/staff/cases/{case.id}/audit").status == 200

    (event,) = _events("case.audit_viewed")
    assert (event.actor_id, event.case_id) == (supervisor.id, case.id)


def test_downloading_the_compliance_csv_is_audited(client, app_context):
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=factories.make_team())
    sign_in_directly(client, supervisor)

    response = client.get("/staff/dashboard/compliance.csv")

    assert response.status_code == 200
    (event,) = _events("compliance.csv_downloaded")
    assert event.actor_id == supervisor.id
