"""Every route, against every role: a data table of who may reach what.

The test fails on any route missing from the table, so a new view cannot ship without
someone deciding, here, who may see it. Each route is requested as each role with real
records that the allowed roles may see; a refusal is the same 404 as for something that
does not exist (or, for someone not signed in, a redirect to sign in).
"""

from __future__ import annotations

import pytest

from portal.data.models import ChangeKind, MessageKind, StaffRole
from portal.staff.approvals import request_change
from tests import factories
from tests.sessions import sign_in_directly

ANYONE = {"anonymous", "victim", "supporter", "officer", "supervisor", "admin"}
VICTIM = {"victim"}
SUPPORTER = {"supporter"}
CASEWORK = {"officer", "supervisor"}
SUPERVISOR = {"supervisor"}
ADMIN = {"admin"}
# The records system's API: no person reaches it, signed in or not (their session is not
# even read there); only a signed request or an access token does (tests/staff/api/).
NO_PERSON: set[str] = set()

WHO_MAY_REACH = {
    "static": ANYONE,
    "public.start": ANYONE,
    "public.healthz": ANYONE,
    "public.readyz": ANYONE,
    # From the addresses in PORTAL_METRICS_ALLOWED (the test client's is one), whoever is
    # signed in; from any other, no one (tests/notifications/test_operations.py).
    "public.metrics_page": ANYONE,
    "public.rights": ANYONE,
    "public.exit_now": ANYONE,
    "public.switch_language": ANYONE,
    "public.accessibility": ANYONE,
    "public.privacy": ANYONE,
    "public.cookies": ANYONE,
    "public.feedback": ANYONE,
    "public.feedback_sent": ANYONE,
    "guides.library": ANYONE,
    "guides.guide_page": ANYONE,
    "guides.guide_pdf": ANYONE,
    "guides.language_zip": ANYONE,
    "guides.picture": ANYONE,
    "guides.stylesheet": ANYONE,
    "victim_auth.activate": ANYONE,
    "victim_auth.about": ANYONE,
    "victim_auth.choose_passphrase": ANYONE,
    "victim_auth.sign_in": ANYONE,
    "victim_auth.sign_out": ANYONE,
    "victim_auth.signed_out": ANYONE,
    "victim_auth.forgotten_passphrase": ANYONE,
    "staff_auth.sign_in": ANYONE,
    "staff_auth.enter_code": ANYONE,
    "staff_auth.enrol": ANYONE,
    "staff_auth.choose_password": ANYONE,
    "staff_auth.sign_out": ANYONE,
    "staff_auth.force_sign_in": ANYONE,
    "staff_auth.force_return": ANYONE,
    "victim.home": VICTIM,
    "victim.update": VICTIM,
    "victim.update_choice": VICTIM,
    "victim.rights": VICTIM,
    "victim.choices": VICTIM,
    "victim.questions": VICTIM,
    "victim.records_request": VICTIM,
    "victim.answer_records_request": VICTIM,
    "victim.stay_signed_in": VICTIM,
    "victim.not_me": VICTIM,
    "victim.safety_page": VICTIM,
    "victim.report_worry": VICTIM,
    "victim.safety_reported": VICTIM,
    "victim_sharing.sharing": VICTIM,
    "victim_sharing.invite": VICTIM,
    "victim_sharing.withdraw": VICTIM,
    "victim_sharing.code_word": VICTIM,
    "victim_sharing.remove_code_word": VICTIM,
    "victim_copy.copy": VICTIM,
    "victim_copy.pdf": VICTIM,
    "victim_copy.data": VICTIM,
    "victim_review.review": VICTIM,
    "victim_pause.pause": VICTIM,
    "victim_pause.come_back": VICTIM,
    "staff_pause.pause_seen": CASEWORK,
    "victim_belongings.index": VICTIM,
    "victim_belongings.ask": VICTIM,
    "victim_review.complain": VICTIM,
    "victim_feedback.clarity": VICTIM,
    "victim_feedback.check": VICTIM,
    "supporters.accept": ANYONE,
    "supporters.choose_passphrase": ANYONE,
    "supporters.sign_in": ANYONE,
    "supporters.sign_out": ANYONE,
    "supporters.home": SUPPORTER,
    "supporters.shared_with_me": SUPPORTER,
    "supporters.update": SUPPORTER,
    "supporters.stay_signed_in": SUPPORTER,
    "staff.caseload": CASEWORK,
    "staff.new_case": CASEWORK,
    "staff.case_page": CASEWORK,
    "staff.issue_code": CASEWORK,
    "staff.request_reissue": CASEWORK,
    "staff.reissue_page": SUPERVISOR,
    "staff.decide_reissue": SUPERVISOR,
    "staff.close_reissue_dispute": SUPERVISOR,
    "staff.new_update": CASEWORK,
    "staff.preview_update": CASEWORK,
    "staff.publish_update": CASEWORK,
    "staff.published_update": CASEWORK,
    "staff.record_rights": CASEWORK,
    "staff.reply": CASEWORK,
    "staff_belongings.index": CASEWORK,
    "staff_belongings.record": CASEWORK,
    "staff_belongings.change_status": CASEWORK,
    "staff.call_done": CASEWORK,
    "staff.record_safety": CASEWORK,
    "staff.safety_report_handled": CASEWORK,
    "staff.new_records_request": CASEWORK,
    "staff.records_answer_dealt_with": CASEWORK,
    "staff.questions_answered": CASEWORK,
    "staff.record_event": CASEWORK,
    "staff.close_form": CASEWORK,
    "staff.close_case": CASEWORK,
    "staff.reopen_case": CASEWORK,
    "staff.dashboard": SUPERVISOR,
    "staff.compliance_csv": SUPERVISOR,
    "staff.pcc_export": SUPERVISOR,
    "staff.reassign_form": SUPERVISOR,
    "staff.reassign": SUPERVISOR,
    "staff.case_audit": SUPERVISOR,
    "staff.decide_change": SUPERVISOR,
    "staff_review.queue": SUPERVISOR,
    "staff_review.review_page": SUPERVISOR,
    "staff_review.acknowledged": SUPERVISOR,
    "staff_review.decision": SUPERVISOR,
    "staff_review.complaint_page": SUPERVISOR,
    "staff_review.complaint_passed_on": SUPERVISOR,
    "staff_feedback.figures": SUPERVISOR,
    "admin.index": ADMIN,
    "admin.service_feedback": ADMIN,
    "admin.new_staff": ADMIN,
    "admin.staff_member": ADMIN,
    "admin.account_action": ADMIN,
    "admin.change_role": ADMIN,
    "admin.reset_password": ADMIN,
    "admin.officer_details": ADMIN,
    "admin.create_team": ADMIN,
    "admin.decide_change": ADMIN,
    "api.openapi": ANYONE,
    "api.post_event": NO_PERSON,
    "api.post_case": NO_PERSON,
}
ROLES = sorted(ANYONE)
# Public steps of signing in that, by their own logic, send anyone not part-way through
# signing in back to the start: their access rule is checked as declared instead.
SIGN_IN_STEPS = {
    "staff_auth.enter_code",
    "staff_auth.enrol",
    "staff_auth.choose_password",
    "staff_auth.sign_out",
    "staff_auth.force_sign_in",  # 404 without an identity provider, as in this suite
    "staff_auth.force_return",
    "supporters.sign_out",
}
SIGN_IN_PAGES = ("/sign-in", "/staff/sign-in", "/support/sign-in")


def test_every_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(WHO_MAY_REACH) == set(), "decide who may reach these routes"
    assert set(WHO_MAY_REACH) - endpoints == set(), "these routes no longer exist"


def _world():
    """A team with a supervisor and an officer, a victim's case with a decision not to
    charge (and a review request and a complaint), a call request, a supporter the victim
    shares everything with, and an admin: every record a route may ask for."""
    team = factories.make_team()
    supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
    officer = factories.make_staff(StaffRole.OFFICER, team=team)
    admin = factories.make_staff(StaffRole.ADMIN)
    victim = factories.make_victim()
    case = factories.make_case(victim=victim, officer=officer)
    update = factories.make_update(case, event_type="no_further_action")
    grant = factories.share_with(victim)
    message = factories.make_message(case, kind=MessageKind.CALL_REQUEST)
    colleague = factories.make_staff(StaffRole.OFFICER, team=team)  # admin routes act on them
    # A change to the colleague's account, asked for by another admin: the admin and the
    # team's supervisor may each decide it.
    change = request_change(ChangeKind.TOTP_RESET, colleague, factories.make_staff(StaffRole.ADMIN))
    people = {
        "victim": victim,
        "supporter": grant.supporter,
        "officer": officer,
        "supervisor": supervisor,
        "admin": admin,
    }
    values = {
        "case_id": case.id,
        "update_id": update.id,
        "message_id": message.id,
        "request_id": factories.make_review_request(update).id,
        "complaint_id": factories.make_complaint(case).id,
        "records_request_id": factories.make_records_request(case, answer="object").id,
        "grant_id": grant.id,
        "reissue_id": factories.make_reissue_request(case).id,
        "report_id": factories.make_safety_report(case).id,
        "item_id": factories.make_property_item(case).id,
        "user_id": colleague.id,
        "lang": "en",
        "slug": "after-you-report",
        "name": "heart",
        "action": "disable",
        "change_id": change.id,
        "decision": "refuse",
        "code": "cy",
        "reference": "RSO/26/0001",
    }
    return people, values


def _url(app, rule, values) -> str:
    from portal.web.assets import asset_url

    if rule.endpoint == "static":
        return asset_url("portal.css")
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


def _refused(response) -> bool:
    location = response.headers.get("Location", "")
    sent_to_sign_in = response.status_code in (302, 303) and location.startswith(SIGN_IN_PAGES)
    unauthenticated = response.status_code == 401  # the API: no signature, no token
    return response.status_code == 404 or sent_to_sign_in or unauthenticated


@pytest.mark.parametrize("endpoint", sorted(WHO_MAY_REACH))
def test_each_role_reaches_exactly_what_the_table_says(app, client, app_context, endpoint):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint]
    assert rules, f"no route {endpoint}"
    rule = rules[0]
    if endpoint in SIGN_IN_STEPS:
        from portal.web.access import PUBLIC, roles_for

        with app.test_request_context():
            assert roles_for(endpoint) == {PUBLIC}
        return
    people, values = _world()
    url = _url(app, rule, values)
    outcomes = {}
    for role in ROLES:
        client.http.delete_cookie(app.config["SESSION_COOKIE_NAME"])
        if role != "anonymous":
            sign_in_directly(client, people[role])
        get = "GET" in rule.methods
        response = client.get(url) if get else client.post(url, {}, from_url="/")
        response.close()
        outcomes[role] = not _refused(response)
    allowed = {role for role, reached in outcomes.items() if reached}
    assert allowed == WHO_MAY_REACH[endpoint], f"{endpoint} ({url}): reached by {allowed}"
