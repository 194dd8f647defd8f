"""A new activation code for a victim who is set up needs a reason and a supervisor who did
not ask for it; only then is a code made, shown once, and the victim told."""

from __future__ import annotations

from sqlalchemy import select

from portal.auth.codes import hash_code
from portal.data.models import AccessReissue, AuditEvent, Notification, StaffRole, Victim
from portal.extensions import db
from tests import factories
from tests.pages import Page, PageClient
from tests.sign_in import sign_in_staff


def _actions() -> list[str]:
    return db.session.scalars(select(AuditEvent.action)).all()


def _victim(case) -> Victim:
    db.session.expire_all()
    return db.session.get(Victim, case.victim_id)


def _ask(client, case, reason="lost_phone", note=""):
    return client.post(
        f"/staff/cases/{case.id}/new-code-request",
        {"reason": reason, "note": note},
        from_url=f"/staff/cases/{case.id}/new-code-request",
    )


def _decide(client, reissue, decision="approve"):
    return client.post(
        f"/staff/new-code-requests/{reissue.id}/decision",
        {"decision": decision},
        from_url=f"/staff/new-code-requests/{reissue.id}",
    )


def test_an_officer_cannot_reissue_an_activated_victims_code_alone(client, case):
    sign_in_staff(client, case.officer)
    response = client.post(
        f"/staff/cases/{case.id}/activation-code", from_url=f"/staff/cases/{case.id}"
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/cases/{case.id}/new-code-request"
    assert _victim(case).activation_code_hash is None, "no code was made"

    form = client.get_page(f"/staff/cases/{case.id}/new-code-request")
    assert form.h1 == "Ask for a new activation code"
    response = _ask(client, case)
    assert response.status_code == 303
    assert _victim(case).activation_code_hash is None, "asking makes no code either"
    reissue = db.session.scalar(select(AccessReissue))
    assert (reissue.status, reissue.reason, reissue.requested_by_id) == (
        "pending",
        "lost_phone",
        case.officer_id,
    )
    assert "case.access_reissue_requested" in _actions()
    page = client.get_page(f"/staff/cases/{case.id}")
    assert "waiting for a supervisor" in page.select_one("#reissue-status").get_text()
    assert page.select_one("#activation-code") is None
    # An officer cannot decide, not even their own request: the same 404 as for nothing.
    assert _decide(client, reissue).status_code == 404
    assert client.get(f"/staff/new-code-requests/{reissue.id}").status_code == 404
    assert _victim(case).activation_code_hash is None
    # A second request while one waits makes nothing new.
    _ask(client, case, reason="forgot")
    assert db.session.scalar(select(AccessReissue.id).where(AccessReissue.id != reissue.id)) is None


def test_another_reason_needs_a_few_words_for_the_supervisor(client, case):
    sign_in_staff(client, case.officer)
    page = Page(_ask(client, case, reason="other"))
    assert page.error_summary() == ["Say what happened, or choose one of the reasons"]
    _ask(client, case, reason="other", note="Her partner took her phone.")
    reissue = db.session.scalar(select(AccessReissue))
    assert reissue.note == "Her partner took her phone."
    # What the officer wrote stays out of the audit log: only the reason's code is there.
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "case.access_reissue_requested")
    )
    assert event.detail == {"reason": "other"}


def test_a_supervisor_approval_issues_the_code_and_tells_the_victim(app, case, supervisor):
    reissue = factories.make_reissue_request(case, reason="forgot")
    boss = PageClient(app)
    sign_in_staff(boss, supervisor)
    dashboard = boss.get_page("/staff/dashboard")
    assert case.crime_reference in dashboard.select_one("#reissue-requests").get_text()
    decision_page = boss.get_page(f"/staff/new-code-requests/{reissue.id}")
    assert "They forgot their passphrase and access ID" in decision_page.text()

    page = Page(_decide(boss, reissue))
    code = page.select_one("#activation-code").get_text(strip=True)
    assert page.select_one("#victim-told") is not None
    victim = _victim(case)
    assert victim.activation_code_hash == hash_code(code)
    db.session.refresh(reissue)
    assert (reissue.status, reissue.decided_by_id) == ("approved", supervisor.id)
    [notification] = db.session.scalars(select(Notification)).all()
    assert (notification.case_id, notification.reason, notification.audience) == (
        case.id,
        "access_reissued",
        "victim",
    )
    assert "case.access_reissue_approved" in _actions()
    # Shown once: never again, to anyone.
    assert code not in boss.get_page(f"/staff/new-code-requests/{reissue.id}").html
    assert code not in boss.get_page(f"/staff/cases/{case.id}").html
    assert Page(_decide(boss, reissue)).select_one("#activation-code") is None
    assert _victim(case).activation_code_hash == hash_code(code), "deciding twice changes nothing"


def test_the_requester_cannot_approve_their_own_request(app, case, supervisor, team):
    # A supervisor may ask too (for a case of the team), but then another supervisor decides.
    asker = PageClient(app)
    sign_in_staff(asker, supervisor)
    _ask(asker, case, reason="in_person")
    reissue = db.session.scalar(select(AccessReissue))
    assert reissue.requested_by_id == supervisor.id
    own_page = asker.get_page(f"/staff/new-code-requests/{reissue.id}")
    assert own_page.select_one("#own-request") is not None
    assert own_page.select_one("button[value=approve]") is None

    response = _decide(asker, reissue)
    assert response.status_code == 303
    assert "#activation-code" not in response.get_data(as_text=True)
    db.session.refresh(reissue)
    assert reissue.status == "pending"
    assert _victim(case).activation_code_hash is None
    assert db.session.scalar(select(Notification)) is None
    assert "case.access_reissue_own_decision_refused" in _actions()

    colleague = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    other = PageClient(app)
    sign_in_staff(other, colleague)
    code = Page(_decide(other, reissue)).select_one("#activation-code").get_text(strip=True)
    assert _victim(case).activation_code_hash == hash_code(code)


def test_a_refusal_makes_no_code_and_tells_no_one(app, case, supervisor):
    reissue = factories.make_reissue_request(case)
    boss = PageClient(app)
    sign_in_staff(boss, supervisor)
    response = _decide(boss, reissue, "refuse")
    assert response.headers["Location"] == "/staff/dashboard"
    db.session.refresh(reissue)
    assert reissue.status == "refused"
    assert _victim(case).activation_code_hash is None
    assert db.session.scalar(select(Notification)) is None
    assert "case.access_reissue_refused" in _actions()


def test_a_supervisor_of_another_team_cannot_see_or_decide_the_request(app, case):
    reissue = factories.make_reissue_request(case)
    stranger = factories.make_staff(StaffRole.SUPERVISOR, team=factories.make_team())
    client = PageClient(app)
    sign_in_staff(client, stranger)
    assert client.get(f"/staff/new-code-requests/{reissue.id}").status_code == 404
    response = client.post(
        f"/staff/new-code-requests/{reissue.id}/decision",
        {"decision": "approve"},
        from_url="/staff/dashboard",
    )
    assert response.status_code == 404
    assert _victim(case).activation_code_hash is None


def test_a_code_for_someone_not_set_up_yet_is_still_issued_at_once(client, officer):
    victim = factories.invite_victim("K7PQW-3MXRT-9ACHE-UV4DY")
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    page = Page(
        client.post(f"/staff/cases/{case.id}/activation-code", from_url=f"/staff/cases/{case.id}")
    )
    code = page.select_one("#activation-code").get_text(strip=True)
    assert _victim(case).activation_code_hash == hash_code(code)
    assert db.session.scalar(select(AccessReissue)) is None
