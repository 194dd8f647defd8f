"""A page's database queries must not grow with the number of updates or cases.

Not timed: the count of statements sent is exact, so this fails on the first N+1 query
(one query per update, per case or per message) and never on a slow machine.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from sqlalchemy import event

from portal.data.models import StaffRole, utcnow
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in, sign_in_staff

EVENTS = ("routine_update", "suspect_arrested", "released_under_investigation", "charged")


@contextlib.contextmanager
def _counting():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _queries_for(client, url: str) -> list[str]:
    client.get_page(url)  # once first: a once-a-minute session write must not count
    with _counting() as statements:
        client.get_page(url)
    return statements


def _add_updates(case, count: int) -> list:
    now = utcnow()
    return [
        factories.make_update(
            case,
            text=f"Update number {n} about the next steps.",
            event_type=EVENTS[n % len(EVENTS)],
            occurred_at=now - timedelta(hours=n + 1),
            published_at=now - timedelta(hours=n),
        )
        for n in range(count)
    ]


def _a_busy_case(officer, updates: int = 3):
    case = factories.make_case(officer=officer)
    _add_updates(case, updates)
    factories.make_obligation(case)
    factories.make_message(case, "When will I hear about the interview?")
    return case


def _explain(one: list[str], more: list[str]) -> str:
    extra = "\n  ".join(more[len(one) :][:5])
    return f"{len(one)} queries became {len(more)}; the first extra ones:\n  {extra}"


@pytest.fixture
def victim_case(app_context):
    case = factories.make_case(victim=factories.make_victim(preferred_name="Sam"))
    _add_updates(case, 1)
    return case


def test_the_victim_home_page_makes_as_many_queries_with_20_updates_as_with_1(client, victim_case):
    sign_in(client, victim_case.victim)
    with_one = _queries_for(client, "/my/")
    _add_updates(victim_case, 19)
    with_twenty = _queries_for(client, "/my/")
    assert len(with_twenty) == len(with_one), _explain(with_one, with_twenty)


def test_an_update_page_makes_as_many_queries_with_20_updates_as_with_1(client, victim_case):
    sign_in(client, victim_case.victim)
    (first,) = _add_updates(victim_case, 1)
    url = f"/my/updates/{first.id}"
    with_one_other = _queries_for(client, url)
    _add_updates(victim_case, 18)
    with_many_others = _queries_for(client, url)
    assert len(with_many_others) == len(with_one_other), _explain(with_one_other, with_many_others)


def test_the_caseload_makes_as_many_queries_for_10_busy_cases_as_for_1(client, app_context):
    team = factories.make_team("Team North")
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    first = _a_busy_case(officer, updates=1)
    sign_in_staff(client, officer)
    with_one = _queries_for(client, "/staff/")
    _add_updates(first, 19)
    for _ in range(9):
        _a_busy_case(officer)
    with_ten = _queries_for(client, "/staff/")
    assert len(with_ten) == len(with_one), _explain(with_one, with_ten)


def test_the_supervisor_dashboard_makes_as_many_queries_for_a_busy_team_as_for_a_quiet_one(
    client, app_context
):
    team = factories.make_team("Team North")
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    _a_busy_case(officer, updates=1)
    sign_in_staff(client, supervisor)
    quiet = _queries_for(client, "/staff/dashboard")
    for _ in range(3):
        colleague = factories.make_staff(StaffRole.OFFICER, team=team)
        for _ in range(3):
            late = _a_busy_case(colleague, updates=20)
            late.last_contact_at = utcnow() - timedelta(days=60)  # a routine update is late
    db.session.commit()
    busy = _queries_for(client, "/staff/dashboard")
    assert len(busy) == len(quiet), _explain(quiet, busy)


def test_the_team_caseload_makes_as_many_queries_for_two_pages_of_cases_as_for_one_case(
    client, app_context
):
    team = factories.make_team("Team North")
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    _a_busy_case(officer, updates=1)
    sign_in_staff(client, supervisor)
    with_one = _queries_for(client, "/staff/")
    for _ in range(60):  # more than a page of 50
        _a_busy_case(factories.make_staff(StaffRole.OFFICER, team=team), updates=1)
    with_sixty = _queries_for(client, "/staff/")
    assert len(with_sixty) == len(with_one), _explain(with_one, with_sixty)


def test_the_dashboard_makes_as_many_queries_when_its_lists_are_cut_short(client, app_context):
    """More than 20 overdue deadlines, late routine updates, questions and officers."""
    team = factories.make_team("Team North")
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    _a_busy_case(officer, updates=1)
    sign_in_staff(client, supervisor)
    quiet = _queries_for(client, "/staff/dashboard")
    for n in range(25):
        case = _a_busy_case(factories.make_staff(StaffRole.OFFICER, team=team), updates=1)
        case.last_contact_at = utcnow() - timedelta(days=60 + n)
        factories.make_obligation(case, due_at=utcnow() - timedelta(days=n + 1))
    db.session.commit()
    busy = _queries_for(client, "/staff/dashboard")
    assert "And 5 more." in client.get("/staff/dashboard").get_data(as_text=True)
    assert len(busy) == len(quiet), _explain(quiet, busy)
