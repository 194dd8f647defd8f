import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import event, select

from portal.data.models import AuditEvent, Case, StaffRole
from portal.extensions import db
from portal.rules import compliance, questions
from portal.rules.compliance import CSV_COLUMNS
from tests import factories
from tests.security.test_victim_pages_read_no_staff_secrets import SECRETS
from tests.sign_in import sign_in_staff

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)  # Wednesday


def at(day, month, hour=12, minute=0, second=0):
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def known_team(team, supervisor):
    """A team with known deadlines: the figures below are worked out by hand."""
    with time_machine.travel(NOW, tick=False):
        ada = factories.make_staff(team=team, display_name="DC Ada Jones")
        ben = factories.make_staff(team=team, display_name="DC Ben Hughes")
        ada_case = factories.make_case(officer=ada, crime_reference="RSO/26/0101")
        ben_case = factories.make_case(officer=ben, crime_reference="RSO/26/0202")
        late_routine = factories.make_case(
            officer=ben,
            crime_reference="RSO/26/0303",
            victim=factories.make_victim(routine_frequency="fortnightly"),
            last_contact_at=at(1, 3),
        )
        # Ada: one on time, one late (both in the last 30 days).
        factories.make_obligation(
            ada_case, "suspect_arrested", due_at=at(10, 3, 23, 59, 59), met_at=at(10, 3, 9)
        )
        factories.make_obligation(
            ada_case, "charged", due_at=at(5, 3, 23, 59, 59), met_at=at(7, 3, 9)
        )
        # Ben: overdue and never met (30 days), on time 67 days ago (90 days only), due today.
        factories.make_obligation(ben_case, "suspect_arrested", due_at=at(17, 3, 23, 59, 59))
        factories.make_obligation(
            ben_case, "support_referral", due_at=at(10, 1, 23, 59, 59), met_at=at(9, 1, 15)
        )
        factories.make_obligation(ben_case, "charged", due_at=at(18, 3, 23, 59, 59))
        # Another team's deadline: never counted here.
        other = factories.make_case(officer=factories.make_staff(team=factories.make_team()))
        factories.make_obligation(other, due_at=at(12, 3, 23, 59, 59), met_at=at(12, 3, 8))
    return {"ada": ada, "ben": ben, "late_routine": late_routine, "ben_case": ben_case}


def test_the_dashboard_shows_the_share_of_deadlines_met_in_30_and_90_days(
    client, supervisor, known_team
):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        page = client.get_page("/staff/dashboard")
    assert "33.3%" in page.select_one("#share-30").text
    assert "1 of 3 Victims' Code deadlines met on time" in page.select_one("#share-30").text
    assert "50.0%" in page.select_one("#share-90").text
    assert "2 of 4" in page.select_one("#share-90").text


def test_the_dashboard_lists_overdue_due_today_and_routine_updates_missed(
    client, supervisor, known_team
):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        page = client.get_page("/staff/dashboard")
    overdue = page.select_one("#overdue").get_text(" ", strip=True)
    assert "RSO/26/0202" in overdue
    assert "Suspect arrested" in overdue
    assert "DC Ben Hughes" in overdue
    due_today = page.select_one("#due-today").get_text(" ", strip=True)
    assert "Suspect charged" in due_today
    assert "RSO/26/0101" not in due_today
    routine = page.select_one("#routine-late").get_text(" ", strip=True)
    assert "RSO/26/0303" in routine
    assert "RSO/26/0101" not in routine


def test_the_compliance_csv_has_the_documented_columns_and_figures(client, supervisor, known_team):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        response = client.get("/staff/dashboard/compliance.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(rows[0]) == CSV_COLUMNS
    table = {(r[0], r[3], r[4]): r for r in rows[1:]}
    assert len(rows) == 1 + 5 + 6
    assert table[("30", "team", "Team North")][5:] == ["3", "1", "1", "1", "33.3"]
    assert table[("30", "officer", "DC Ada Jones")][5:] == ["2", "1", "1", "0", "50.0"]
    assert table[("30", "officer", "DC Ben Hughes")][5:] == ["1", "0", "0", "1", "0.0"]
    assert table[("30", "event_type", "suspect_arrested")][5:] == ["2", "1", "0", "1", "50.0"]
    assert table[("90", "team", "Team North")][5:] == ["4", "2", "1", "1", "50.0"]
    assert table[("90", "event_type", "support_referral")][5:] == ["1", "1", "0", "0", "100.0"]
    assert table[("30", "team", "Team North")][1:3] == ["2026-02-16", "2026-03-18"]


def test_a_supervisor_reassigns_a_case_within_the_team_and_it_is_audited(
    client, supervisor, known_team
):
    case, ada = known_team["ben_case"], known_team["ada"]
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        form = client.get_page(f"/staff/cases/{case.id}/reassign")
        options = [o.get_text(strip=True) for o in form.select("select[name=officer_id] option")]
        assert "DC Ada Jones" in options
        response = client.post(
            f"/staff/cases/{case.id}/reassign",
            {"officer_id": str(ada.id), "reason": "moved_team"},
            from_url=f"/staff/cases/{case.id}/reassign",
        )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Case, case.id).officer_id == ada.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case.reassigned"))
    assert event.detail == {
        "from": str(known_team["ben"].id),
        "to": str(ada.id),
        "reason": "moved_team",
    }


def test_a_reassigned_cases_late_duty_and_question_follow_it_to_the_new_officer(
    client, supervisor, known_team
):
    """The dashboard finds a team's duties and questions by the officer each one carries
    (migration 0025): after a reassignment they are listed, and counted, under the new
    officer at once."""
    case, ada = known_team["ben_case"], known_team["ada"]
    with time_machine.travel(NOW, tick=False):
        factories.make_message(case, "When is court?")
        sign_in_staff(client, supervisor)
        client.post(
            f"/staff/cases/{case.id}/reassign",
            {"officer_id": str(ada.id), "reason": "moved_team"},
            from_url=f"/staff/cases/{case.id}/reassign",
        )
        page = client.get_page("/staff/dashboard")
        body = client.get("/staff/dashboard/compliance.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body)))
    for listed in ("#overdue", "#open-questions"):
        text = page.select_one(listed).get_text(" ", strip=True)
        assert "RSO/26/0202" in text
        assert "DC Ada Jones" in text
        assert "DC Ben Hughes" not in text
    officers = {r[4]: r[5:] for r in rows[1:] if r[0] == "30" and r[3] == "officer"}
    # All three deadlines settled in the 30 days are now Ada's; Ben has none.
    assert officers == {"DC Ada Jones": ["3", "1", "1", "1", "33.3"]}


def test_an_officer_who_moves_team_takes_their_late_duties_to_the_new_supervisor(
    client, supervisor, known_team
):
    ben = known_team["ben"]
    elsewhere = factories.make_team("Team South")
    their_supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=elsewhere)
    ben.team_id = elsewhere.id  # as an approved change of team does (portal.staff.approvals)
    db.session.commit()
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        ours = client.get_page("/staff/dashboard").select_one("#overdue")
        client.post("/staff/sign-out", from_url="/staff/")
        sign_in_staff(client, their_supervisor)
        theirs = client.get_page("/staff/dashboard").select_one("#overdue")
    assert ours is None or "RSO/26/0202" not in ours.get_text()
    assert "RSO/26/0202" in theirs.get_text()


def test_a_victim_who_asks_for_updates_more_often_is_listed_as_late_at_once(
    client, supervisor, known_team
):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        victim = factories.make_case(
            officer=known_team["ada"],
            crime_reference="RSO/26/0404",
            last_contact_at=at(1, 3),
        ).victim
        before = client.get_page("/staff/dashboard").select_one("#routine-late").get_text()
        victim.routine_frequency = "fortnightly"  # as her contact page saves it
        db.session.commit()
        after = client.get_page("/staff/dashboard").select_one("#routine-late").get_text()
    # Monthly from 1 March is not late on 18 March; every two weeks, it is.
    assert "RSO/26/0404" not in before
    assert "RSO/26/0404" in after


def test_a_case_cannot_be_reassigned_outside_the_team(client, supervisor, known_team):
    outsider = factories.make_staff(team=factories.make_team("Elsewhere"))
    case = known_team["ben_case"]
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        response = client.post(
            f"/staff/cases/{case.id}/reassign",
            {"officer_id": str(outsider.id), "reason": "leave"},
            from_url=f"/staff/cases/{case.id}/reassign",
        )
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Case, case.id).officer_id == known_team["ben"].id


def test_the_case_audit_view_shows_who_did_what_without_any_text(client, supervisor, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    client.post(
        f"/staff/cases/{case.id}/reply",
        {"body": "A private reply that must not be logged."},
        from_url=f"/staff/cases/{case.id}",
    )
    client.post("/staff/sign-out", from_url="/staff/")
    sign_in_staff(client, supervisor)
    page = client.get_page(f"/staff/cases/{case.id}/audit")
    log = page.select_one("#audit-events").get_text(" ", strip=True)
    assert "case.opened" in log
    assert "message.reply_sent" in log
    assert "DC Ada Jones" in log
    assert "A private reply" not in page.html


def test_the_dashboard_lists_read_no_officers_password_hash_or_authenticator_secret(
    client, supervisor, known_team
):
    """Each list names the case's officer: only the name is read. The supervisor's own
    account is read once, by the session (portal.auth.sessions), and by nothing else."""
    factories.make_message(known_team["ben_case"], "When is court?")
    seen: list[str] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        event.listen(db.engine, "before_cursor_execute", keep)
        try:
            page = client.get_page("/staff/dashboard")
        finally:
            event.remove(db.engine, "before_cursor_execute", keep)
    for listed in ("#overdue", "#due-today", "#routine-late", "#open-questions"):
        assert "DC Ben Hughes" in page.select_one(listed).get_text(" ", strip=True), listed
    reading_secrets = [s for s in seen if SECRETS.search(s)]
    assert len(reading_secrets) == 1 and reading_secrets[0].startswith("SELECT auth_session")


def test_statements_built_once_give_each_person_only_their_own_scope(app_context):
    """The dashboard's statements are built once and run again with a new team's or
    officer's id (portal.data.statements): asked in turn by two supervisors and an
    officer, each answer holds only what that person may see, every time."""
    people = {}
    with time_machine.travel(NOW, tick=False):
        for name, cases in (("north", 1), ("south", 2)):
            team = factories.make_team(f"Team {name}")
            officer = factories.make_staff(team=team, display_name=f"DC {name}")
            for n in range(cases):
                case = factories.make_case(
                    officer=officer,
                    crime_reference=f"RSO/{name}/{n}",
                    victim=factories.make_victim(routine_frequency="fortnightly"),
                    last_contact_at=at(1, 2),
                )
                factories.make_obligation(case, due_at=at(10, 3, 23, 59, 59))
                factories.make_obligation(case, due_at=at(18, 3, 23, 59, 59))
                factories.make_message(case, "When is the interview?")
            people[name] = factories.make_staff(StaffRole.SUPERVISOR, team=team)
            people[f"{name} officer"] = officer

        def seen(principal) -> dict:
            overdue, today = compliance.open_items(principal, NOW)
            return {
                "overdue": sorted(item.line.reference for item in overdue),
                "today": sorted(item.line.reference for item in today),
                "routine": sorted(
                    line.reference for line, _ in compliance.routine_overdue(principal, NOW)
                ),
                "questions": sorted(q.line.reference for q in questions.open_questions(principal)),
                "not met in 30 days": compliance.timeliness(principal, NOW)[0].team.not_met,
            }

        def expected(name: str, cases: int) -> dict:
            references = [f"RSO/{name}/{n}" for n in range(cases)]
            return {
                "overdue": references,
                "today": references,
                "routine": references,
                "questions": references,
                "not met in 30 days": cases,
            }

        for _ in range(2):
            assert seen(people["north"]) == expected("north", 1)
            assert seen(people["south"]) == expected("south", 2)
            assert seen(people["north officer"]) == expected("north", 1)
            assert seen(factories.make_staff(StaffRole.ADMIN)) == expected("none", 0)
