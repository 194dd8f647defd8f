"""A big team: the dashboard's long lists show the most urgent 20 and say how many more
there are; the caseload shows 50 cases a page, the most urgent first."""

from datetime import timedelta

import pytest

from portal.data.models import StaffRole, utcnow
from portal.extensions import db
from portal.rules.capped import SHOWN
from portal.staff.queries import PER_PAGE
from tests import factories
from tests.sign_in import sign_in_staff


def _overdue_cases(officer, count: int) -> list:
    now = utcnow()
    cases = []
    for n in range(count):
        case = factories.make_case(
            officer=officer,
            victim=factories.make_victim(routine_frequency="fortnightly"),
            last_contact_at=now - timedelta(days=40 + n),
        )
        # Due n+1 days ago: the earliest deadline belongs to the last case made.
        factories.make_obligation(
            case, occurred_at=now - timedelta(days=n + 3), due_at=now - timedelta(days=n + 1)
        )
        factories.make_message(case, "When will I hear?", from_victim=True, kind="question")
        cases.append(case)
    return cases


def test_the_dashboard_shows_the_most_urgent_20_of_each_list_and_counts_the_rest(
    client, team, supervisor
):
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    cases = _overdue_cases(officer, SHOWN + 3)
    sign_in_staff(client, supervisor)
    page = client.get_page("/staff/dashboard")

    overdue = page.select("#overdue tbody tr")
    assert len(overdue) == SHOWN
    # The longest overdue first: the last case made was due the longest ago.
    assert cases[-1].crime_reference in overdue[0].get_text()
    assert cases[2].crime_reference not in page.select_one("#overdue").get_text()
    assert "And 3 more." in page.select_one("#overdue-more").get_text()
    assert page.select_one("#overdue-more a")["href"] == "/staff/"

    routine = page.select("#routine-late li")
    assert len(routine) == SHOWN
    assert cases[-1].crime_reference in routine[0].get_text()  # the oldest contact
    assert "And 3 more." in page.select_one("#routine-late-more").get_text()
    assert len(page.select("#open-questions tbody tr")) == SHOWN
    assert "And 3 more." in page.select_one("#open-questions-more").get_text()
    assert page.select_one("#due-today-more") is None


def test_a_list_of_20_or_fewer_says_nothing_more(client, team, supervisor):
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    _overdue_cases(officer, SHOWN)
    sign_in_staff(client, supervisor)
    page = client.get_page("/staff/dashboard")
    assert len(page.select("#overdue tbody tr")) == SHOWN
    assert page.select_one("#overdue-more") is None
    assert page.select_one("#routine-late-more") is None


def test_a_team_of_more_than_20_officers_shows_the_20_with_the_lowest_share(
    client, team, supervisor
):
    now = utcnow()
    for n in range(SHOWN + 2):
        officer = factories.make_staff(team=team, display_name=f"DC Officer {n:02d}")
        case = factories.make_case(officer=officer)
        # Officers 00 and 01 met their deadline late; everyone else on time.
        met = now - timedelta(days=1) + timedelta(days=2 if n < 2 else -1)
        factories.make_obligation(
            case, occurred_at=now - timedelta(days=3), due_at=now - timedelta(days=1), met_at=met
        )
    sign_in_staff(client, supervisor)
    page = client.get_page("/staff/dashboard")
    more = page.select_one("#by-officer-30-more").get_text()
    assert "And 2 more officers." in more
    tables = [t for t in page.select("table") if "Officer" in t.select_one("thead").get_text()]
    names = [row.select_one("th").get_text(strip=True) for row in tables[0].select("tbody tr")]
    assert len(names) == SHOWN
    assert names[:2] == ["DC Officer 00", "DC Officer 01"]  # the lowest share first
    # The CSV still has every officer.
    csv = client.get("/staff/dashboard/compliance.csv").get_data(as_text=True)
    assert csv.count(",officer,DC Officer") == 2 * (SHOWN + 2)


@pytest.fixture
def big_caseload(team):
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    now = utcnow()
    quiet = [
        factories.make_case(officer=officer, last_contact_at=now - timedelta(days=1))
        for _ in range(PER_PAGE + 5)
    ]
    urgent = factories.make_case(officer=officer, last_contact_at=now - timedelta(days=1))
    factories.make_obligation(urgent, due_at=now - timedelta(days=2))
    return quiet, urgent


def test_the_team_caseload_shows_50_a_page_the_most_urgent_first(client, supervisor, big_caseload):
    quiet, urgent = big_caseload
    sign_in_staff(client, supervisor)
    first = client.get_page("/staff/")
    rows = first.select("tr[data-case-id]")
    assert len(rows) == PER_PAGE
    assert rows[0]["data-case-id"] == str(urgent.id)  # made last, but overdue
    assert "Page 1 of 2: 56 open cases" in first.select_one("#caseload-page-count").get_text()
    assert first.select_one(".govuk-pagination__next a")["href"] == "/staff/?page=2"
    second = client.get_page("/staff/?page=2")
    later = second.select("tr[data-case-id]")
    assert len(later) == 6
    shown = {row["data-case-id"] for row in rows + later}
    assert shown == {str(case.id) for case in [*quiet, urgent]}
    assert second.select_one(".govuk-pagination__prev a")["href"] == "/staff/?page=1"


@pytest.mark.parametrize("page", ["abc", "0", "-3", "", "1.5"])
def test_a_page_number_that_is_not_one_shows_the_first_page(client, supervisor, big_caseload, page):
    sign_in_staff(client, supervisor)
    response = client.get(f"/staff/?page={page}")
    assert response.status_code == 200
    assert "Page 1 of 2" in response.get_data(as_text=True)


def test_a_page_past_the_last_is_not_found(client, supervisor, big_caseload):
    sign_in_staff(client, supervisor)
    assert client.get("/staff/?page=3").status_code == 404
    assert client.get("/staff/?page=99999999999999999999").status_code == 404


def test_an_officer_with_one_page_sees_no_pagination(client, officer):
    factories.make_case(officer=officer)
    db.session.commit()
    sign_in_staff(client, officer)
    page = client.get_page("/staff/")
    assert page.select_one(".govuk-pagination") is None
    assert client.get("/staff/?page=2").status_code == 404
