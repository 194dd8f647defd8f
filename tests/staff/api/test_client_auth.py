"""Who may call the API: a signed request (its key, a fresh timestamp, a nonce used once)
or an OAuth 2 access token from the configured issuer (its keys, iss, aud, exp, scope)."""

from __future__ import annotations

import json
import time

import pytest
from joserfc.jwk import RSAKey
from sqlalchemy import func, select

from portal.data.models import RecordsEvent
from portal.extensions import db
from tests.staff.api.conftest import AUDIENCE, ApiCaller

PATH = "/api/v1/cases/RSO/26/0707/events"
EVENT = {"event_id": "evt-9", "event_type": "charged", "occurred_at": "2026-03-02T10:15:00Z"}
BODY = json.dumps(EVENT).encode()


def _recorded() -> int:
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(RecordsEvent))


def test_a_replayed_signed_request_is_refused(home, case):
    headers = home.headers("POST", PATH, BODY)
    first = home.http.post(PATH, data=BODY, headers=headers)
    replay = home.http.post(PATH, data=BODY, headers=headers)

    assert first.status_code == 201
    assert replay.status_code == 401
    assert "replay" in replay.json["message"]
    assert replay.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("seconds_off", [-301, 301])
def test_a_timestamp_outside_five_minutes_is_refused(home, case, seconds_off):
    answer = home.post(PATH, EVENT, timestamp=int(time.time()) + seconds_off)
    assert answer.status_code == 401 and answer.json["error"] == "invalid_signature"
    assert _recorded() == 0


def test_a_changed_body_breaks_the_signature(home, case):
    headers = home.headers("POST", PATH, BODY)
    tampered = BODY.replace(b"charged", b"no_further_action")
    answer = home.http.post(PATH, data=tampered, headers=headers)
    assert answer.status_code == 401
    assert _recorded() == 0


def test_another_clients_key_or_an_unknown_client_is_refused(api, case):
    from tests.staff.api.conftest import OTHER_KEY

    assert ApiCaller(api, "rms-home", key=OTHER_KEY).post(PATH, EVENT).status_code == 401
    assert ApiCaller(api, "rms-nobody", key=OTHER_KEY).post(PATH, EVENT).status_code == 401
    assert _recorded() == 0


def test_a_request_signed_for_another_path_is_refused(home, case):
    headers = home.headers("POST", "/api/v1/cases/RSO/26/0001/events", BODY)
    assert home.http.post(PATH, data=BODY, headers=headers).status_code == 401


def _bearer(api, token):
    http = api.test_client(use_cookies=False)
    return http.post(PATH, json=EVENT, headers={"Authorization": f"Bearer {token}"})


def test_a_valid_access_token_from_the_issuer_is_accepted(api, issuer, case):
    answer = _bearer(api, issuer.token())
    assert answer.status_code == 201, answer.json
    assert _recorded() == 1


def test_an_entra_style_token_with_appid_and_roles_is_accepted(api, issuer, case):
    token = issuer.token(client_id=None, appid="home-app-id", scope=None, roles=["events:write"])
    assert _bearer(api, token).status_code == 201


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "api://someone-else"},
        {"iss": "https://idp.elsewhere.example/"},
        {"exp": int(time.time()) - 3600},
        {"exp": None},
        {"client_id": "an-app-we-do-not-know"},
        {"client_id": None},
    ],
    ids=["wrong audience", "wrong issuer", "expired", "no expiry", "unknown client", "no client"],
)
def test_a_token_with_a_bad_claim_is_refused(api, issuer, case, claims):
    answer = _bearer(api, issuer.token(**claims))
    assert answer.status_code == 401 and answer.json["error"] == "invalid_token"
    assert _recorded() == 0


def test_a_token_signed_by_another_key_is_refused(api, issuer, case):
    stranger = RSAKey.generate_key(2048, parameters={"kid": "issuer-1"})
    assert _bearer(api, issuer.token(key=stranger)).status_code == 401
    assert _bearer(api, "not.a.token").status_code == 401
    assert _recorded() == 0


def test_a_token_without_the_scope_is_refused(api, issuer, case):
    answer = _bearer(api, issuer.token(scope="cases:write"))
    assert answer.status_code == 403 and answer.json["error"] == "insufficient_scope"


def test_a_token_for_another_forces_client_cannot_reach_this_forces_case(api, issuer, case):
    answer = _bearer(api, issuer.token(client_id="other-app-id"))
    assert answer.status_code == 404


def test_the_issuers_keys_are_fetched_once_and_kept(api, issuer, case):
    before = issuer.fetches
    for n in range(3):
        _bearer(api, issuer.token(jti=str(n)))
    assert issuer.fetches - before == 1


def test_audience_is_checked_even_in_a_list(api, issuer, case):
    assert _bearer(api, issuer.token(aud=[AUDIENCE, "other"])).status_code == 201
    assert _bearer(api, issuer.token(aud=["other"])).status_code == 401


@pytest.mark.parametrize(
    "clients",
    [
        "not json",
        '[{"id": "rms", "force": "f", "scopes": ["events:write"]}]',
        '[{"id": "rms", "force": "f", "signing_key": "c2hvcnQ="}]',
        '[{"id": "rms", "force": "f", "oauth_client_id": "x", "scopes": ["everything"]}]',
        '[{"id": "rms", "force": "f", "oauth_client_id": "x", "scopes": ["events:write"], '
        '"publish_at_once": ["no_further_action"]}]',
    ],
    ids=[
        "not JSON",
        "no key and no OAuth id",
        "a short key",
        "an unknown scope",
        "a decision published without the officer's reasons",
    ],
)
def test_a_mistake_in_the_clients_stops_the_start_without_repeating_a_key(another_app, clients):
    from portal.config import ConfigError

    with pytest.raises(ConfigError) as refused:
        another_app(PORTAL_API_CLIENTS=clients)
    assert "PORTAL_API_CLIENTS" in str(refused.value)
    assert "c2hvcnQ" not in str(refused.value)
