"""The victim's safety through the pages: the officer records the suspect's release and the
conditions, with her views first; she reads them; her report of a breach or a worry is first
in her officer's caseload and the supervisor's view at once, due the same day; bail dates
within 3 working days warn the officer."""

from datetime import UTC, date, datetime

import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, SafetyRecord, SafetyReport
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in, sign_in_staff, staff_client, victim_client

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)  # a Wednesday
BAIL = {
    "release": "bail",
    "bail_date": ["1", "4", "2026"],
    "views": "I want him kept away from my street and my work.",
    "no_contact": "y",
    "keep_away": "Elm Road, Leeds, and the Co-op on Kirkstall Road",
    "curfew": "at home from 9pm to 7am",
    "other": "not go into Leeds city centre\nhand in his passport",
}


def _case_names(page):
    return [row.select_one("a").get_text(strip=True) for row in page.select("tbody tr")]


def test_the_officer_records_conditions_with_her_views_and_she_reads_them(app, client, case):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, case.officer)
        client.post(f"/staff/cases/{case.id}/safety", BAIL)
        staff_page = client.get_page(f"/staff/cases/{case.id}")
        audited = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "staff.safety_recorded")
        )
        victim = victim_client(app, case.victim)
        page = victim.get_page("/my/safety")
    summary = staff_page.select_one("#safety-record").get_text(" ", strip=True)
    assert "1 April 2026" in summary
    assert "I want him kept away from my street and my work." in summary
    assert audited is not None and audited.case_id == case.id
    text = page.select_one("#safety-1").get_text(" ", strip=True)
    assert "The suspect is on bail until 1 April 2026" in text
    conditions = [li.get_text(" ", strip=True) for li in page.select("#conditions-1 li")]
    assert conditions == [
        "not contact you in any way, not even through other people or online",
        "keep away from: Elm Road, Leeds, and the Co-op on Kirkstall Road",
        "stay in at these times: at home from 9pm to 7am",
        "not go into Leeds city centre",
        "hand in his passport",
    ]
    assert "These conditions end on 1 April 2026" in text
    # Her own views are for the officer: they are never read back on her page.
    assert "my street and my work" not in page.text()


def test_conditions_are_refused_without_her_views_or_a_reason_and_nothing_is_kept(client, case):
    sign_in_staff(client, case.officer)
    page = client.post_page(f"/staff/cases/{case.id}/safety", {**BAIL, "views": ""})
    assert "Enter their views on the conditions, or why they could not be asked" in (
        page.error_summary()
    )
    assert page.select_one("input[name=keep_away]")["value"] == BAIL["keep_away"]  # not lost
    assert db.session.scalar(select(SafetyRecord)) is None

    reason = {**BAIL, "views": "", "views_not_asked": "In hospital; her ISVA will ask."}
    assert client.post(f"/staff/cases/{case.id}/safety", reason).status_code == 303


def test_released_under_investigation_says_so_plainly_and_takes_no_conditions(app, client, case):
    sign_in_staff(client, case.officer)
    refused = client.post_page(
        f"/staff/cases/{case.id}/safety", {"release": "rui", "curfew": "9pm to 7am"}
    )
    assert any("no bail conditions" in error for error in refused.error_summary())
    assert db.session.scalar(select(SafetyRecord)) is None

    client.post(f"/staff/cases/{case.id}/safety", {"release": "rui"})
    page = victim_client(app, case.victim).get_page("/my/safety")
    text = page.select_one("#safety-1").get_text(" ", strip=True)
    assert "The suspect was released under investigation." in text
    assert "not on bail. There are no conditions" in text
    assert not page.select("#conditions-1")


def test_a_bail_date_without_a_date_is_refused(client, case):
    sign_in_staff(client, case.officer)
    page = client.post_page(f"/staff/cases/{case.id}/safety", {**BAIL, "bail_date": ""})
    assert "Enter the bail date, like 27 3 2026" in page.error_summary()


def test_a_breach_report_is_first_for_the_officer_and_the_supervisor_due_today(
    app, client, officer, supervisor
):
    with time_machine.travel(NOW, tick=False):
        first = factories.make_case(
            victim=factories.make_victim(preferred_name="Overdue"), officer=officer
        )
        factories.make_obligation(first, due_at=datetime(2026, 3, 17, 9, tzinfo=UTC))
        reporting = factories.make_case(
            victim=factories.make_victim(preferred_name="Reporting"), officer=officer
        )
        sign_in(client, reporting.victim)
        home = client.get_page("/my/")
        warning = home.select_one("#report-worry .govuk-warning-text").get_text(" ", strip=True)
        told = client.post_page("/my/safety/report", {}, follow_redirects=True, from_url="/my/")
        officer_page = staff_client(app, officer).get_page("/staff/")
        supervisor_view = staff_client(app, supervisor)
        dashboard = supervisor_view.get_page("/staff/dashboard")
        team_caseload = supervisor_view.get_page("/staff/")
    assert "If you are in danger now, call 999." in warning
    assert told.select_one("#who-will-call").get_text(strip=True) == (
        "Your officer or another officer will call you today."
    )
    for page in (officer_page, dashboard, team_caseload):
        banner = page.select_one("#safety-reports")
        assert banner is not None
        # The first thing in the page's content: before any other banner or table.
        assert page.select_one("main .govuk-notification-banner") is banner
        assert "Reporting" in banner.get_text(" ", strip=True)
        assert "by Wed 18 Mar 2026, 23:59" in banner.get_text(" ", strip=True)
    assert _case_names(officer_page)[0] == "Reporting"  # before an overdue Code deadline
    assert _case_names(team_caseload)[0] == "Reporting"
    report = db.session.scalar(select(SafetyReport))
    assert report.due_at == datetime(2026, 3, 18, 23, 59, 59, tzinfo=UTC)
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "victim.safety_reported")
    )


def test_the_officer_marks_the_call_made_and_the_report_leaves_the_caseload(client, case):
    factories.make_safety_report(case)
    sign_in_staff(client, case.officer)
    report = db.session.scalar(select(SafetyReport))
    client.post(
        f"/staff/cases/{case.id}/safety-reports/{report.id}/handled",
        from_url=f"/staff/cases/{case.id}",
    )
    assert client.get_page("/staff/").select_one("#safety-reports") is None
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "staff.safety_report_handled")
    )


def test_a_victim_cannot_report_on_another_victims_case(client, case):
    other = factories.make_case()
    sign_in(client, case.victim)
    response = client.post("/my/safety/report", {"case": str(other.id)}, from_url="/my/")
    assert response.status_code == 404
    response = client.post("/my/safety/report", {"case": "not-a-case"}, from_url="/my/")
    assert response.status_code == 400
    assert db.session.scalar(select(SafetyReport)) is None


def test_an_officer_cannot_record_conditions_on_a_case_not_theirs(client, case):
    stranger = factories.make_staff()
    sign_in_staff(client, stranger)
    assert client.post(f"/staff/cases/{case.id}/safety", BAIL).status_code == 404
    assert db.session.scalar(select(SafetyRecord)) is None


def test_a_bail_date_within_3_working_days_warns_the_officer(client, officer):
    # Thursday 2 April 2026: Good Friday and Easter Monday are not working days, so
    # Thursday 9 April is the 3rd working day and Friday 10 April is not.
    with time_machine.travel(datetime(2026, 4, 2, 9, tzinfo=UTC), tick=False):
        soon = factories.make_case(
            victim=factories.make_victim(preferred_name="Soon"), officer=officer
        )
        later = factories.make_case(
            victim=factories.make_victim(preferred_name="Later"), officer=officer
        )
        factories.make_safety_record(soon, bail_date=date(2026, 4, 9))
        factories.make_safety_record(later, bail_date=date(2026, 4, 10))
        sign_in_staff(client, officer)
        caseload = client.get_page("/staff/")
        soon_page = client.get_page(f"/staff/cases/{soon.id}")
        later_page = client.get_page(f"/staff/cases/{later.id}")
    rows = {
        row.select_one("a").get_text(strip=True): row.get_text(" ", strip=True)
        for row in caseload.select("tbody tr")
    }
    assert "Bail date soon: 9 April 2026" in rows["Soon"]
    assert "Bail date soon" not in rows["Later"]
    assert "within 3 working days: 9 April 2026" in soon_page.select_one("#bail-soon").text
    assert later_page.select_one("#bail-soon") is None


def test_she_sees_only_the_conditions_that_were_set(app, case):
    factories.make_safety_record(case)  # no contact and an address; no curfew, nothing else
    page = victim_client(app, case.victim).get_page("/my/safety")
    conditions = [li.get_text(" ", strip=True) for li in page.select("#conditions-1 li")]
    assert conditions == [
        "not contact you in any way, not even through other people or online",
        "keep away from: 12 Elm Road, Leeds",
    ]
