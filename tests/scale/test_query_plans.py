"""Every query the busiest pages run must be able to use an index, however big the tables.

The victim's home and update pages, the officer's caseload and the supervisor's dashboard
are requested as the signed-in people would request them; every statement they send is
captured with its parameters and explained by PostgreSQL with sequential scans switched
off. The planner then takes any index it can, so a sequential scan left in the plan (or a
whole index read with no condition on it, which is the same walk in another order) means
no index fits the query: fine on a test's few rows, seconds on a force's 200,000 cases
(bench/national.py). Not timed, and independent of how many rows the test made, so it
fails on a missing index and never on a slow machine.

PostgreSQL only: SQLite's planner answers a different question.
"""

from __future__ import annotations

import contextlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import event

from portal.data.models import StaffRole, utcnow
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in, sign_in_staff

HOW_TO_RUN = (
    "query plans are PostgreSQL's: createdb -h 127.0.0.1 -U postgres portal_test, then "
    "PORTAL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_test .venv/bin/python "
    "-m pytest tests/scale/test_query_plans.py (CI's PostgreSQL half runs it)"
)

# Tables that may be read whole: each holds one row, or one per deployment setting, and
# does not grow with cases, people or time. Every other table grows with a force's cases,
# victims, staff or days (cases, updates, victims, duties, messages, the audit log,
# sessions, notifications, staff, teams, every record about a case...), so a new table is
# checked until someone argues here that it stays small.
SMALL_TABLES = frozenset({"alembic_version", "audit_chain_head"})
EXPLAINED = ("select", "with", "insert", "update", "delete")
# With sequential scans off the planner takes any index it can. With hash and merge joins
# off too, a join is a nested loop, whose inner side looks rows up by an index on the join
# column when there is one; otherwise a planner that sees a test's few rows may read a whole
# table (or a whole index, in key order) on the inner side even where an index would do, and
# this test would blame the index for a choice only made on tiny tables.
PLANNER_OFF = ("seqscan", "hashjoin", "mergejoin")
WHOLE_INDEX = ("Index Scan", "Index Only Scan")


@contextlib.contextmanager
def _capturing():
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if executemany and parameters:
            parameters = parameters[0]  # one set shows the plan for all of them
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)


def _statements_for(client, url: str) -> list[tuple[str, object]]:
    client.get_page(url)  # once first: a once-a-minute session write is not the page's
    with _capturing() as statements:
        client.get_page(url)
    return [s for s in statements if s[0].lstrip().lower().startswith(EXPLAINED)]


def _plan(statement: str, parameters) -> dict:
    with db.engine.connect() as connection:
        for method in PLANNER_OFF:
            connection.exec_driver_sql(f"SET LOCAL enable_{method} = off")
        (row,) = connection.exec_driver_sql(
            "EXPLAIN (FORMAT JSON) " + statement, parameters or None
        ).one()
        connection.rollback()
    plan = row if isinstance(row, list) else json.loads(row)
    return plan[0]["Plan"]


def _full_scans(node: dict, limited: bool = False) -> list[str]:
    found = []
    table = node.get("Relation Name")
    if table and table not in SMALL_TABLES:
        if node["Node Type"] == "Seq Scan":
            found.append(f"a sequential scan of {table}")
        # A whole index read in its order is a sequential scan too, unless a LIMIT above it
        # stops it after a few rows (the newest ten, say).
        elif node["Node Type"] in WHOLE_INDEX and "Index Cond" not in node and not limited:
            found.append(f"a whole-index read of {table} ({node['Index Name']}, no condition)")
    limited = limited or node["Node Type"] == "Limit"
    for child in node.get("Plans", ()):
        found += _full_scans(child, limited)
    return found


def _problems(url: str, statements) -> list[str]:
    problems = []
    for statement, parameters in statements:
        for scan in _full_scans(_plan(statement, parameters)):
            one_line = " ".join(statement.split())
            # From FROM on: the columns selected say nothing about which index is missing.
            problems.append(f"{url}: {scan} in\n    ...{one_line[one_line.find(' FROM ') :]}")
    return problems


@pytest.fixture
def people(app_context):
    """A team with an officer and a supervisor, a victim whose case has what a case has by
    a few months in (updates read and unread, a duty, a question, safety details), and a
    second team's case beside it, so every query has rows to tell apart."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip(HOW_TO_RUN)
    now = utcnow()
    team = factories.make_team("Team North")
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    case = factories.make_case(victim=factories.make_victim(preferred_name="Sam"), officer=officer)
    updates = [
        factories.make_update(
            case,
            text=f"Update number {n} about the next steps.",
            event_type=("routine_update", "suspect_arrested", "charged")[n % 3],
            occurred_at=now - timedelta(days=n, hours=3),
            published_at=now - timedelta(days=n),
            read_at=now - timedelta(days=n) + timedelta(hours=1) if n else None,
        )
        for n in range(4)
    ]
    factories.make_obligation(case)
    factories.make_message(case, "When will I hear about the interview?")
    factories.make_safety_record(case)
    factories.make_clarity_answer(updates[1])
    elsewhere = factories.make_team("Team South")
    other = factories.make_case(officer=factories.make_staff(StaffRole.OFFICER, team=elsewhere))
    factories.make_update(other, text="Another team's update.")
    factories.make_obligation(other)
    return {"victim": case.victim, "update": updates[1], "officer": officer, "boss": supervisor}


def _assert_indexed(url: str, statements) -> None:
    assert statements, f"{url} sent no query: is the capture listening to the right engine?"
    problems = _problems(url, statements)
    assert not problems, "No index fits:\n  " + "\n  ".join(problems)


def test_every_query_of_the_victims_home_and_update_pages_can_use_an_index(client, people):
    sign_in(client, people["victim"])
    for url in ("/my/", f"/my/updates/{people['update'].id}"):
        _assert_indexed(url, _statements_for(client, url))


def test_every_query_of_the_caseload_can_use_an_index(client, people):
    sign_in_staff(client, people["officer"])
    _assert_indexed("/staff/", _statements_for(client, "/staff/"))


def test_every_query_of_the_dashboard_can_use_an_index(client, people):
    sign_in_staff(client, people["boss"])
    _assert_indexed("/staff/dashboard", _statements_for(client, "/staff/dashboard"))
