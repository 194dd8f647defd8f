"""Every form needs a CSRF token from the person's own session; state changes need POST."""

from __future__ import annotations

import pytest

from portal.data.models import ChangeKind, MessageKind, StaffRole
from portal.staff.approvals import request_change
from tests import factories
from tests.pages import PageClient
from tests.sessions import sign_in_directly


def _post_rules(app, api: bool = False):
    """Every POST route of the pages (or, with api=True, of the records system's API,
    which has no forms and no CSRF token: a signature or an access token instead)."""
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if "POST" in rule.methods and rule.endpoint.startswith("api.") == api
        ),
        key=lambda rule: rule.rule,
    )


def _post_url(app, rule, values) -> str:
    from flask import url_for

    with app.test_request_context():
        return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


@pytest.fixture
def values(app_context):
    officer = factories.make_staff(StaffRole.OFFICER)
    case = factories.make_case(officer=officer)
    decision = factories.make_update(case, event_type="no_further_action")
    admin = factories.make_staff(StaffRole.ADMIN)
    change = request_change(ChangeKind.TOTP_RESET, factories.make_staff(StaffRole.OFFICER), admin)
    return {
        "case_id": case.id,
        "update_id": decision.id,
        "request_id": factories.make_review_request(decision).id,
        "complaint_id": factories.make_complaint(case).id,
        "records_request_id": factories.make_records_request(case).id,
        "grant_id": factories.share_with(case.victim).id,
        "message_id": factories.make_message(case, kind=MessageKind.CALL_REQUEST).id,
        "user_id": officer.id,
        "action": "disable",
        "token": "not-a-real-token",
        "change_id": change.id,
        "decision": "approve",
        "reissue_id": factories.make_reissue_request(case).id,
        "report_id": factories.make_safety_report(case).id,
        "item_id": factories.make_property_item(case).id,
    }


def _writes(app) -> int:
    """How many rows the database holds: a refused request must not add or remove any."""
    from sqlalchemy import func, select

    from portal.data.models import Base
    from portal.extensions import db

    return sum(
        db.session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    )


def test_every_form_refuses_a_post_without_a_token(app, client, values):
    rules = _post_rules(app)
    assert len(rules) > 10
    for rule in rules:
        before = _writes(app)
        response = client.http.post(_post_url(app, rule, values), data={"anything": "x"})
        assert response.status_code == 400, rule.rule
        assert "Something went wrong with that request" in response.get_data(as_text=True)
        assert _writes(app) == before, f"{rule.rule} wrote something without a token"


def test_every_api_call_refuses_a_post_with_no_signature_or_token(app, client, values):
    from sqlalchemy import select

    from portal.data.models import AuditEvent
    from portal.extensions import db

    rules = _post_rules(app, api=True)
    assert len(rules) >= 2
    for rule in rules:
        before = _writes(app)
        url = _post_url(app, rule, {**values, "reference": "RSO/26/0001"})
        response = client.http.post(url, json={"event_id": "x"})
        assert response.status_code == 401, rule.rule
        assert response.json["error"] == "unauthenticated"
        # Nothing is written but the audit event of the refused call, and its address.
        assert _writes(app) == before + 2, f"{rule.rule} wrote something unsigned"
        last = db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert last.action == "api.call" and last.detail["status"] == 401


def test_every_form_refuses_a_token_from_someone_elses_session(app, client, values):
    stranger = PageClient(app)
    foreign_token = stranger.csrf_token("/")
    for rule in _post_rules(app):
        client.get("/")  # our own session exists, with its own token
        before = _writes(app)
        response = client.http.post(
            _post_url(app, rule, values), data={"csrf_token": foreign_token}
        )
        assert response.status_code == 400, rule.rule
        assert _writes(app) == before, rule.rule


def test_a_signed_in_victims_form_refuses_a_missing_token_too(app, client, values):
    victim = factories.make_victim()
    sign_in_directly(client, victim)
    response = client.http.post("/my/questions", data={"body": "Forged question"})
    assert response.status_code == 400


def test_routes_that_change_state_refuse_get(app, client, values):
    readable = {rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    post_only = [rule for rule in _post_rules(app) if rule.rule not in readable]
    assert post_only, "expected POST-only routes"
    for rule in post_only:
        response = client.get(_post_url(app, rule, values))
        assert response.status_code == 405, rule.rule
