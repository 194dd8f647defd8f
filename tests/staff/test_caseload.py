from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import event

from portal.data.models import MessageKind, StaffUser, utcnow
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in_staff

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)  # a Wednesday


def _rows(page):
    return page.select("tbody tr[data-case-id]")


def test_the_caseload_shows_each_persons_name_language_channel_and_deadline(client, officer):
    with time_machine.travel(NOW, tick=False):
        victim = factories.make_victim(preferred_name="Sam", language="cy", channel="email")
        case = factories.make_case(victim=victim, officer=officer, crime_reference="RSO/26/0001")
        factories.make_obligation(case, due_at=NOW + timedelta(hours=5))
        sign_in_staff(client, officer)
        page = client.get_page("/staff/")
    row = _rows(page)[0].get_text(" ", strip=True)
    assert "Sam" in row
    assert "RSO/26/0001" in row
    assert "Welsh · Email" in row  # the channel in words, not its stored code
    assert "Due today" in row
    assert "Wed 18 Mar 2026, 15:00" in row


def test_the_caseload_puts_what_needs_doing_first_at_the_top(client, officer):
    with time_machine.travel(NOW, tick=False):
        relaxed = factories.make_case(
            victim=factories.make_victim(preferred_name="Relaxed", routine_frequency="monthly"),
            officer=officer,
            last_contact_at=NOW - timedelta(days=1),
        )
        overdue = factories.make_case(
            victim=factories.make_victim(preferred_name="Overdue"), officer=officer
        )
        factories.make_obligation(overdue, due_at=NOW - timedelta(hours=3))
        asked = factories.make_case(
            victim=factories.make_victim(preferred_name="Asked"),
            officer=officer,
            last_contact_at=NOW - timedelta(days=1),
        )
        factories.make_message(asked, "Please call me.", kind=MessageKind.CALL_REQUEST)
        questioned = factories.make_case(
            victim=factories.make_victim(preferred_name="Questioned"),
            officer=officer,
            last_contact_at=NOW - timedelta(days=1),
        )
        factories.make_message(questioned, "When is court?")
        factories.make_update(relaxed, read_at=NOW - timedelta(hours=1))
        sign_in_staff(client, officer)
        page = client.get_page("/staff/")
    names = [row.select_one("a").get_text(strip=True) for row in _rows(page)]
    assert names[:2] == ["Overdue", "Asked"] or names[:2] == ["Asked", "Overdue"]
    assert names[2] == "Questioned"
    assert names[3] == "Relaxed"
    text = page.text()
    assert "Overdue" in text
    assert "Asked for a call" in text
    assert "1 waiting for a reply" in text
    relaxed_row = _rows(page)[3].get_text(" ", strip=True)
    assert "Wed 18 Mar 2026, 09:00" in relaxed_row  # when Relaxed last read an update


def test_the_routine_update_due_date_appears_like_any_other_deadline(client, officer):
    with time_machine.travel(NOW, tick=False):
        case = factories.make_case(
            victim=factories.make_victim(routine_frequency="fortnightly"),
            officer=officer,
            last_contact_at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC),
        )
        sign_in_staff(client, officer)
        row = _rows(client.get_page("/staff/"))[0].get_text(" ", strip=True)
    assert case.victim.preferred_name in row
    assert "Routine update" in row
    assert "Mon 16 Mar 2026, 23:59" in row
    assert "Overdue" in row


def test_an_officer_sees_only_their_own_cases(client, officer, team):
    factories.make_case(
        victim=factories.make_victim(preferred_name="NotMine"),
        officer=factories.make_staff(team=team),
    )
    factories.make_case(victim=factories.make_victim(preferred_name="Mine"), officer=officer)
    sign_in_staff(client, officer)
    text = client.get_page("/staff/").text()
    assert "Mine" in text
    assert "NotMine" not in text


def _count_queries(client, url):
    statements = []

    def count(_conn, _cursor, statement, *_args):
        # The notification flags partial (another area's, included in each row) makes its
        # own queries per case; this test holds the caseload's own queries to account.
        if "FROM notification" not in statement:
            statements.append(statement)

    db.session.remove()  # as on a real server: every request starts with an empty session
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        client.get_page(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def _add_cases(officer, n):
    for _ in range(n):
        case = factories.make_case(officer=officer)
        factories.make_update(case, read_at=utcnow())
        factories.make_update(case)
        factories.make_message(case)
        factories.make_obligation(case)


def test_the_caseload_needs_no_more_queries_for_more_cases(client, officer):
    _add_cases(officer, 2)
    sign_in_staff(client, officer)
    with_two = _count_queries(client, "/staff/")
    _add_cases(db.session.get(StaffUser, officer.id), 6)
    with_eight = _count_queries(client, "/staff/")
    assert with_eight == with_two
