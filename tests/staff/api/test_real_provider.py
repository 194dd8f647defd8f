"""A records system authenticates with OAuth 2 client credentials from the force's real
identity provider: `oidc-provider` (tests/oidc/provider.mjs), started on a loopback port by
the suite, issues JWT access tokens for the API's resource; the portal checks them against
the provider's own JWKS. Each client reaches only its force's cases.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from portal.data.models import RecordsEvent
from portal.extensions import db
from tests.oidc.provider import API_RESOURCE, records_system_token
from tests.staff.api.conftest import use_api_settings

# The provider's two records-system clients, one per force: the portal's own ("local",
# whose cases the staff view opens) and another force's.
CLIENTS = [
    {
        "id": "rms-north",
        "force": "local",
        "scopes": ["events:write"],
        "oauth_client_id": "records-north",
    },
    {
        "id": "rms-south",
        "force": "other",
        "scopes": ["events:write"],
        "oauth_client_id": "records-south",
    },
]
EVENT = {
    "event_id": "RMS-1",
    "event_type": "suspect_arrested",
    "occurred_at": "2026-03-02T10:15:00Z",
}


@pytest.fixture
def api(app, oidc_provider, monkeypatch, request):
    use_api_settings(
        app,
        monkeypatch,
        request,
        api_clients=json.dumps(CLIENTS),
        api_issuer=oidc_provider.issuer,
        api_audience=API_RESOURCE,
        api_jwks_url=oidc_provider.jwks_uri,
    )
    return app


def _post(api, reference: str, token: str):
    http = api.test_client(use_cookies=False)
    path = f"/api/v1/cases/{reference}/events"
    return http.post(path, json=EVENT, headers={"Authorization": f"Bearer {token}"})


def _recorded() -> int:
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(RecordsEvent))


def test_a_client_credentials_token_from_the_provider_records_an_event(api, oidc_provider, case):
    token = records_system_token(oidc_provider, "records-north")
    answer = _post(api, "RSO/26/0707", token)
    assert answer.status_code == 201, answer.json
    assert answer.json["outcome"] == "draft" and answer.json["due_at"]
    assert _recorded() == 1


def test_another_forces_client_cannot_post_to_this_forces_case(api, oidc_provider, case):
    token = records_system_token(oidc_provider, "records-south")
    answer = _post(api, "RSO/26/0707", token)
    assert answer.status_code == 404 and answer.json["error"] == "not_found"
    assert _recorded() == 0


def test_a_token_without_the_events_scope_is_refused(api, oidc_provider, case):
    token = records_system_token(oidc_provider, "records-north", scope="cases:write")
    answer = _post(api, "RSO/26/0707", token)
    assert answer.status_code == 403, answer.json
    assert _recorded() == 0
