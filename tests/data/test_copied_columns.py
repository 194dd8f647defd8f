"""The copies the dashboard reads (migration 0025) are kept by the database, whatever writes.

Each deadline, message, request to pause contact and request for records carries its
case's officer; each case carries its victim's routine frequency. If a copy were ever
wrong, a late duty could drop off every supervisor's dashboard. So these tests write the
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


def _copied_officer(table: str, row_id) -> str:
    return db.session.scalar(
        text(f"SELECT case_officer_id FROM {table} WHERE id = :id"), {"id": _key(row_id)}
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
