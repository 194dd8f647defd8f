"""Closing a case: it leaves the caseload and the reminders, the victim still reads it,
the retention clock starts, and reopening undoes it. Both are audited."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.data.models import AuditEvent, Case, CaseStatus, StaffRole, utcnow
from portal.data.retention import cases_due_for_purge
from portal.extensions import db
from tests import factories
from tests.pages import PageClient
from tests.sign_in import sign_in, sign_in_staff


def _actions(case) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.case_id == case.id)
    return list(db.session.scalars(query))


def test_the_officer_is_told_what_closing_means_before_closing(client, officer):
    case = factories.make_case(officer=officer, victim=factories.make_victim(preferred_name="Ali"))
    sign_in_staff(client, officer)
    page = client.get_page(f"/staff/cases/{case.id}")
    link = page.select_one("a#close-case")
    confirm = client.get_page(link["href"])
    assert confirm.h1 == "Close this case"
    assert "publish an update that tells Ali what happens now" in confirm.text()
    assert "deleted 730 days after it closes" in confirm.text()
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == CaseStatus.OPEN, "a GET changes nothing"


def test_a_closed_case_leaves_the_caseload_and_stays_readable_by_the_victim(app, officer):
    victim = factories.make_victim(preferred_name="Ali")
    case = factories.make_case(officer=officer, victim=victim, crime_reference="RSO/26/3100")
    factories.make_update(case, "The case is now closed. Support is still there for you.")
    staff = PageClient(app)
    sign_in_staff(staff, officer)
    response = staff.post(f"/staff/cases/{case.id}/close", from_url=f"/staff/cases/{case.id}")
    assert response.status_code == 303
    case_page = staff.get_page(response.headers["Location"])
    assert case_page.select_one("#case-closed") is not None
    caseload = staff.get_page("/staff/")
    assert caseload.select("tbody tr[data-case-id]") == []
    assert "RSO/26/3100" in caseload.select_one("#closed-cases").get_text()
    assert "case.closed" in _actions(case)

    reader = PageClient(app)
    sign_in(reader, victim)
    home = reader.get_page("/my/")
    assert (
        "Support is still there for you."
        in reader.get_page(home.select_one("a[href^='/my/updates/']")["href"]).text()
    )


def test_closing_starts_the_retention_clock_and_reopening_stops_it(client, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    client.post(f"/staff/cases/{case.id}/close", from_url=f"/staff/cases/{case.id}")
    db.session.expire_all()
    closed = db.session.get(Case, case.id)
    assert closed.closed_at is not None
    closed.closed_at = utcnow() - timedelta(days=800)
    db.session.commit()
    assert [c.id for c in cases_due_for_purge(730)] == [case.id]

    client.post(f"/staff/cases/{case.id}/reopen", from_url=f"/staff/cases/{case.id}")
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == CaseStatus.OPEN
    assert cases_due_for_purge(730) == []
    assert {"case.closed", "case.reopened"} <= set(_actions(case))


def test_nobody_closes_a_case_that_is_not_theirs(client, officer):
    other = factories.make_staff(StaffRole.OFFICER)
    case = factories.make_case(officer=other)
    sign_in_staff(client, officer)
    response = client.post(f"/staff/cases/{case.id}/close", from_url="/staff/")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == CaseStatus.OPEN
