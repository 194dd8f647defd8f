import pytest
from sqlalchemy import func, select

from portal.data.models import Update
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in_staff


@pytest.fixture
def someone_elses_case(app_context):
    other_team = factories.make_team("Team South")
    return factories.make_case(officer=factories.make_staff(team=other_team))


def _case_urls(case_id):
    return [
        f"/staff/cases/{case_id}",
        f"/staff/cases/{case_id}/updates/new",
        f"/staff/cases/{case_id}/audit",
        f"/staff/cases/{case_id}/reassign",
    ]


def test_an_officer_cannot_open_a_case_that_is_not_theirs(client, officer, team):
    colleague_case = factories.make_case(officer=factories.make_staff(team=team))
    sign_in_staff(client, officer)
    assert client.get(f"/staff/cases/{colleague_case.id}").status_code == 404
    assert client.get(f"/staff/cases/{colleague_case.id}/updates/new").status_code == 404


def test_an_officer_cannot_publish_to_a_case_that_is_not_theirs(
    client, officer, someone_elses_case
):
    sign_in_staff(client, officer)
    response = client.post(
        f"/staff/cases/{someone_elses_case.id}/updates/publish",
        {
            "event_type": "routine_update",
            "occurred_on": ["1", "3", "2026"],
            "occurred_time": "10:00",
            "sensitive": "default",
            "idempotency_key": "f" * 32,
        },
        from_url="/staff/",
    )
    assert response.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Update)) == 0


def test_an_admin_cannot_open_any_case(client, admin, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, admin)
    for url in [*_case_urls(case.id), "/staff/", "/staff/dashboard"]:
        assert client.get(url).status_code == 404, url


def test_a_supervisor_sees_their_teams_cases_but_not_other_teams(
    client, supervisor, officer, someone_elses_case
):
    own_team_case = factories.make_case(officer=officer)
    sign_in_staff(client, supervisor)
    assert client.get_page(f"/staff/cases/{own_team_case.id}").status == 200
    assert client.get(f"/staff/cases/{someone_elses_case.id}").status_code == 404
    assert client.get(f"/staff/cases/{someone_elses_case.id}/audit").status_code == 404


def test_supervisor_pages_are_closed_to_officers(client, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    for url in [
        "/staff/dashboard",
        "/staff/dashboard/compliance.csv",
        f"/staff/cases/{case.id}/audit",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_victim_cannot_reach_the_staff_view(client, app_context):
    from tests.sign_in import sign_in

    case = factories.make_case()
    sign_in(client, case.victim)
    assert client.get(f"/staff/cases/{case.id}").status_code == 404
    assert client.get("/staff/").status_code == 404


def test_signed_out_staff_are_sent_to_sign_in(client, app_context):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")
