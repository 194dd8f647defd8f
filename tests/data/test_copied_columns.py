"""The copies the dashboard reads (migration 0025) are kept by the database, whatever writes.

Each deadline, message, request to pause contact and request for records carries its
case's officer; deadlines and messages carry the officer's team too, as does the case;
each case carries its victim's routine frequency. If a copy were ever wrong, a late duty
could drop off every supervisor's dashboard. So these tests write the
way the portal does and the way someone at a database prompt would (plain SQL), and check
the copy each time on both databases.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from portal.data.models import StaffRole
from portal.extensions import db
from portal.rules import reassignment
from tests import factories

# (table, factory): every kind of row that carries its case's officer.
CARRIERS = (
    ("obligation", factories.make_obligation),
    ("message", factories.make_message),
    ("contact_pause", factories.make_contact_pause),
    ("records_request", factories.make_records_request),
)


# (table, factory): every kind of row that carries its case's team as well.
TEAM_CARRIERS = CARRIERS[:2]


def _copied_officer(table: str, row_id) -> str:
    return _copied(table, "case_officer_id", row_id)


def _copied_team(table: str, row_id) -> str:
    return _copied(table, "case_team_id", row_id)


def _copied(table: str, column: str, row_id):
    return db.session.scalar(
        text(f'SELECT {column} FROM "{table}" WHERE id = :id'), {"id": _key(row_id)}
    )


def _key(value) -> str:
    """An id as the database holds it: hex on SQLite, a uuid on PostgreSQL."""
    return value.hex if db.engine.dialect.name == "sqlite" else str(value)


def _same(stored, expected) -> bool:
    return str(stored).replace("-", "") == expected.hex


def _run(sql: str, **params) -> None:
    db.session.execute(text(sql), {k: _key(v) for k, v in params.items()})
    db.session.commit()


@pytest.mark.parametrize(("table", "make"), CARRIERS)
def test_a_new_row_carries_the_officer_of_its_case(app_context, case, table, make):
    row = make(case)
    assert _same(_copied_officer(table, row.id), case.officer_id)
    # The portal reads it back too, without ever setting it.
    db.session.expire_all()
    assert row.case_officer_id == case.officer_id


@pytest.mark.parametrize(("table", "make"), CARRIERS)
def test_reassigning_the_case_in_the_portal_moves_the_row_with_it(
    app_context, case, team, supervisor, table, make
):
    row = make(case)
    new_officer = factories.make_staff(team=team)
    reassignment.reassign(case, new_officer, "leave", supervisor)
    assert _same(_copied_officer(table, row.id), new_officer.id)


@pytest.mark.parametrize(("table", "make"), CARRIERS)
def test_a_case_moved_by_hand_in_sql_still_takes_the_row_with_it(
    app_context, case, team, table, make
):
    row = make(case)
    other = factories.make_staff(team=team)
    _run('UPDATE "case" SET officer_id = :officer WHERE id = :case', officer=other.id, case=case.id)
    assert _same(_copied_officer(table, row.id), other.id)


@pytest.mark.parametrize(("table", "make"), CARRIERS)
def test_a_wrong_officer_written_into_the_copy_is_replaced_by_the_cases(
    app_context, case, table, make
):
    row = make(case)
    stranger = factories.make_staff(team=factories.make_team("Another team"))
    _run(
        f"UPDATE {table} SET case_officer_id = :officer WHERE id = :row",
        officer=stranger.id,
        row=row.id,
    )
    assert _same(_copied_officer(table, row.id), case.officer_id)


def test_a_rows_officer_follows_only_its_own_case(app_context, team):
    officer = factories.make_staff(team=team)
    mine, other = factories.make_case(officer=officer), factories.make_case(officer=officer)
    duty_on_mine, duty_on_other = factories.make_obligation(mine), factories.make_obligation(other)
    reassignment.reassign(
        mine,
        factories.make_staff(team=team),
        "leave",
        factories.make_staff(StaffRole.SUPERVISOR, team=team),
    )
    assert not _same(_copied_officer("obligation", duty_on_mine.id), officer.id)
    assert _same(_copied_officer("obligation", duty_on_other.id), officer.id)


@pytest.mark.parametrize(("table", "make"), TEAM_CARRIERS)
def test_a_new_row_and_its_case_carry_the_team_of_the_cases_officer(
    app_context, case, team, table, make
):
    row = make(case)
    assert _same(_copied(table, "case_team_id", row.id), team.id)
    assert _same(_copied("case", "officer_team_id", case.id), team.id)


@pytest.mark.parametrize(("table", "make"), TEAM_CARRIERS)
def test_an_officer_who_moves_team_takes_their_cases_and_every_row_on_them(
    app_context, case, table, make
):
    row = make(case)
    elsewhere = factories.make_team("Team South")
    case.officer.team_id = elsewhere.id  # as an approved change of team does
    db.session.commit()
    assert _same(_copied("case", "officer_team_id", case.id), elsewhere.id)
    assert _same(_copied_team(table, row.id), elsewhere.id)
    # And by hand in SQL, back again.
    _run("UPDATE staff_user SET team_id = NULL WHERE id = :id", id=case.officer_id)
    assert _copied("case", "officer_team_id", case.id) is None
    assert _copied_team(table, row.id) is None


@pytest.mark.parametrize(("table", "make"), TEAM_CARRIERS)
def test_a_case_moved_by_hand_to_an_officer_in_another_team_moves_team_too(
    app_context, case, table, make
):
    row = make(case)
    elsewhere = factories.make_team("Team South")
    other = factories.make_staff(team=elsewhere)
    _run('UPDATE "case" SET officer_id = :officer WHERE id = :case', officer=other.id, case=case.id)
    assert _same(_copied("case", "officer_team_id", case.id), elsewhere.id)
    assert _same(_copied_team(table, row.id), elsewhere.id)
    assert _same(_copied_officer(table, row.id), other.id)


@pytest.mark.parametrize(("table", "make"), TEAM_CARRIERS)
def test_a_wrong_team_written_into_a_copy_is_replaced_by_the_true_one(
    app_context, case, team, table, make
):
    row = make(case)
    stranger = factories.make_team("Another team")
    _run('UPDATE "case" SET officer_team_id = :team WHERE id = :id', team=stranger.id, id=case.id)
    _run(f"UPDATE {table} SET case_team_id = :team WHERE id = :id", team=stranger.id, id=row.id)
    assert _same(_copied("case", "officer_team_id", case.id), team.id)
    assert _same(_copied_team(table, row.id), team.id)


def _copied_frequency(case) -> str:
    return db.session.scalar(
        text('SELECT routine_frequency FROM "case" WHERE id = :id'), {"id": _key(case.id)}
    )


def test_a_new_case_carries_the_victims_frequency(app_context):
    victim = factories.make_victim(routine_frequency="fortnightly")
    assert _copied_frequency(factories.make_case(victim=victim)) == "fortnightly"


def test_a_victims_new_frequency_reaches_every_one_of_her_cases_and_no_one_elses(app_context):
    victim = factories.make_victim(routine_frequency="monthly")
    first, second = factories.make_case(victim=victim), factories.make_case(victim=victim)
    someone_else = factories.make_case()
    victim.routine_frequency = "fortnightly"  # as her contact page saves it
    db.session.commit()
    assert [_copied_frequency(c) for c in (first, second)] == ["fortnightly", "fortnightly"]
    assert _copied_frequency(someone_else) == "monthly"
    _run("UPDATE victim SET routine_frequency = 'key_decisions' WHERE id = :id", id=victim.id)
    assert [_copied_frequency(c) for c in (first, second)] == ["key_decisions"] * 2


def test_a_frequency_written_into_a_case_is_replaced_by_the_victims(app_context, case):
    _run("UPDATE \"case\" SET routine_frequency = 'key_decisions' WHERE id = :id", id=case.id)
    assert _copied_frequency(case) == case.victim.routine_frequency == "monthly"
