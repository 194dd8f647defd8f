"""A victim shares with a supporter they choose; the supporter sees exactly that, and
nothing once the victim stops sharing."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from portal.data.models import AuditEvent, AuthSession, Message, SupportGrant, Victim
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in_supporter


def _update_ids(page) -> set[str]:
    return {a["href"].rsplit("/", 1)[-1] for a in page.select("#shared-updates a")}


def test_a_supporter_sees_every_update_when_the_victim_shares_everything(
    case, supporter, supporter_client
):
    grant = factories.share_with(case.victim, supporter, scope="everything")
    routine = factories.make_update(case, "Nothing new this month, still checking phones.")
    arrest = factories.make_update(case, "We arrested a man today.", event_type="suspect_arrested")
    page = supporter_client.get_page(f"/support/shared/{grant.id}")
    assert _update_ids(page) == {str(routine.id), str(arrest.id)}
    update = supporter_client.get_page(f"/support/updates/{routine.id}")
    assert "Nothing new this month, still checking phones." in update.text()


def test_a_supporter_sees_only_key_decisions_when_only_those_are_shared(
    case, supporter, supporter_client
):
    grant = factories.share_with(case.victim, supporter, scope="key_decisions")
    routine = factories.make_update(case, "A routine word about the phones.")
    arrest = factories.make_update(case, "We arrested a man today.", event_type="suspect_arrested")
    correction = factories.make_update(
        case, "Correction: it was yesterday.", event_type="suspect_arrested", corrects=arrest
    )
    page = supporter_client.get_page(f"/support/shared/{grant.id}")
    assert _update_ids(page) == {str(arrest.id), str(correction.id)}
    assert "A routine word" not in page.html
    supporter_client.get_page(f"/support/updates/{routine.id}", status=404)
    shown = supporter_client.get_page(f"/support/updates/{arrest.id}")
    assert "We arrested a man today." in shown.text()
    assert "Correction: it was yesterday." in shown.text()


def test_guides_and_dates_shows_when_news_came_but_never_what_it_said(
    case, supporter, supporter_client
):
    grant = factories.share_with(case.victim, supporter, scope="guides_and_dates")
    arrest = factories.make_update(case, "We arrested a man today.", event_type="suspect_arrested")
    page = supporter_client.get_page(f"/support/shared/{grant.id}")
    assert len(page.select("#news-dates li")) == 1
    assert page.select_one("a[href='/guides/']") is not None
    assert "arrested" not in page.text().lower()
    supporter_client.get_page(f"/support/updates/{arrest.id}", status=404)


def test_the_supporter_sees_whose_updates_these_are_only_by_the_preferred_name(
    case, supporter, supporter_client
):
    grant = factories.share_with(case.victim, supporter)
    update = factories.make_update(case, "An update for the supporter to read.")
    pages = [
        supporter_client.get_page("/support/"),
        supporter_client.get_page(f"/support/shared/{grant.id}"),
        supporter_client.get_page(f"/support/updates/{update.id}"),
    ]
    assert pages[1].h1 == "What Sam shares with you"
    victim = case.victim
    for page in pages:
        assert "Samantha" not in page.html and "Quennell" not in page.html
        # Never the activation or sign-in details of the person who shares.
        assert victim.access_id not in page.html
        assert case.crime_reference not in page.html
        assert "Jo, my ISVA" not in page.html  # the victim's private name for the supporter


def test_a_supporter_cannot_reach_any_page_of_the_victim(case, supporter, supporter_client):
    factories.share_with(case.victim, supporter)
    update = factories.make_update(case, "Shared with the supporter.")
    for url in (
        "/my/",
        f"/my/updates/{update.id}",
        "/my/questions",
        "/my/choices",
        "/my/rights",
        "/my/sharing/",
        "/my/sharing/code-word",
        "/my/copy/",
    ):
        supporter_client.get_page(url, status=404)


def test_a_supporter_cannot_send_a_message_or_change_the_plan_as_the_victim(
    case, supporter, supporter_client
):
    factories.share_with(case.victim, supporter)
    attempts = {
        "/my/questions": {"body": "Please drop the case.", "case": str(case.id)},
        "/my/choices": {"preferred_name": "Changed", "terminology": "victim", "channel": "text"},
        "/my/sharing/code-word": {"code_word": "takeover"},
        "/my/sharing/invite": {"label": "Me again", "kind": "isva", "scope": "everything"},
        "/my/copy/data": {},
    }
    for url, data in attempts.items():
        response = supporter_client.post(url, data, from_url="/support/")
        assert response.status_code == 404, url
    db.session.expire_all()
    victim = db.session.get(Victim, case.victim_id)
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0
    assert victim.preferred_name == "Sam"
    assert victim.plan_updated_at is None
    assert victim.code_word is None
    assert db.session.scalar(select(func.count()).select_from(SupportGrant)) == 1


def test_withdrawing_ends_the_supporters_session_at_once(
    case, supporter, supporter_client, victim_client
):
    grant = factories.share_with(case.victim, supporter)
    update = factories.make_update(case, "Readable until the victim says stop.")
    supporter_client.get_page(f"/support/updates/{update.id}")

    response = victim_client.post(f"/my/sharing/{grant.id}/withdraw", from_url="/my/sharing/")
    assert response.status_code == 303
    assert "stopped sharing" in victim_client.get_page("/my/sharing/").text()

    refused = supporter_client.get(f"/support/updates/{update.id}")
    assert refused.status_code == 302
    assert "Readable until" not in refused.get_data(as_text=True)
    ended = db.session.scalars(
        select(AuthSession).where(AuthSession.principal_kind == "supporter")
    ).all()
    assert [session.end_reason for session in ended] == ["withdrawn"]


def test_after_withdrawal_a_shared_update_gets_the_same_404_as_one_that_does_not_exist(
    case, supporter, supporter_client, victim_client, app
):
    grant = factories.share_with(case.victim, supporter)
    # The same supporter also supports someone else, so they can still sign in.
    other_case = factories.make_case()
    factories.share_with(other_case.victim, supporter)
    update = factories.make_update(case, "Gone from the supporter's view.")
    victim_client.post(f"/my/sharing/{grant.id}/withdraw", from_url="/my/sharing/")

    sign_in_supporter(supporter_client, supporter)
    withdrawn = supporter_client.get_page(f"/support/updates/{update.id}", status=404)
    missing = supporter_client.get_page(f"/support/updates/{uuid.uuid4()}", status=404)
    assert withdrawn.text() == missing.text()
    supporter_client.get_page(f"/support/shared/{grant.id}", status=404)
    home = supporter_client.get_page("/support/")
    assert len(home.select("main ul.govuk-list li")) == 1


def test_a_supporter_never_sees_another_victims_updates(case, supporter, supporter_client):
    factories.share_with(case.victim, supporter)
    stranger_case = factories.make_case()
    private = factories.make_update(stranger_case, "Not shared with this supporter.")
    supporter_client.get_page(f"/support/updates/{private.id}", status=404)


def test_the_victim_sees_each_grant_view_and_withdrawal_of_their_supporter(
    case, supporter, supporter_client, victim_client
):
    grant = factories.share_with(case.victim, supporter)
    update = factories.make_update(case, "Read by the supporter.")
    supporter_client.get_page(f"/support/shared/{grant.id}")
    supporter_client.get_page(f"/support/updates/{update.id}")
    victim_client.post(f"/my/sharing/{grant.id}/withdraw", from_url="/my/sharing/")

    rows = victim_client.get_page("/my/sharing/").select("#sharing-history tbody tr")
    seen = [[cell.get_text(" ", strip=True) for cell in row.select("td")][1:] for row in rows]
    assert ["Jo, my ISVA", "You stopped sharing"] in seen
    assert ["Jo, my ISVA", "They read an update"] in seen
    assert ["Jo, my ISVA", "They looked at what you share"] in seen
    view = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "supporter.viewed_update")
    )
    assert view.actor_kind == "supporter" and view.actor_id == supporter.id
    assert view.detail == {"update": str(update.id)}
    assert view.case_id == case.id


def test_a_victim_does_not_see_another_victims_sharing_or_withdraw_it(case, victim_client):
    other = factories.share_with(factories.make_victim(), label="Someone else's friend")
    page = victim_client.get_page("/my/sharing/")
    assert "Someone else" not in page.html
    response = victim_client.post(f"/my/sharing/{other.id}/withdraw", from_url="/my/sharing/")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(SupportGrant, other.id).withdrawn_at is None


def test_purging_the_victims_last_case_removes_what_they_shared(app_context):
    from datetime import timedelta

    from portal.data.models import CaseStatus, utcnow
    from portal.data.retention import purge

    case = factories.make_case(status=CaseStatus.CLOSED, closed_at=utcnow() - timedelta(days=400))
    factories.share_with(case.victim)
    report = purge(retention_days=365)
    assert report.victims == 1
    assert report.rows["support_grant"] == 1
    assert db.session.scalar(select(func.count()).select_from(SupportGrant)) == 0
