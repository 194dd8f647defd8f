"""The events API's callers: two records systems of two forces, signing with their own
keys, and an OAuth 2 issuer made here (a locally generated RSA key, its JWKS served on a
loopback port) whose access tokens the portal checks exactly as it would a real one's.

The portal's own force is "local" (PORTAL_FORCE_CODE's default), so a case opened in the
staff view is "rms-home"'s and never "rms-other"'s.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from portal.staff.api.signing import sign
from tests.local_services import free_port

HOME_KEY = secrets.token_bytes(32)
OTHER_KEY = secrets.token_bytes(32)
ISSUER = "https://idp.force.example/tenant"
AUDIENCE = "api://beacon"
EVENTS, CASES = "events:write", "cases:write"

CLIENTS = [
    {
        "id": "rms-home",
        "force": "local",
        "scopes": [EVENTS, CASES],
        "signing_key": base64.urlsafe_b64encode(HOME_KEY).decode(),
        "oauth_client_id": "home-app-id",
        "publish_at_once": ["court_date_set"],
    },
    {
        "id": "rms-other",
        "force": "other",
        "scopes": [EVENTS, CASES],
        "signing_key": base64.urlsafe_b64encode(OTHER_KEY).decode(),
        "oauth_client_id": "other-app-id",
    },
    {
        "id": "rms-cases-only",
        "force": "local",
        "scopes": [CASES],
        "signing_key": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    },
]
KEYS = {"rms-home": HOME_KEY, "rms-other": OTHER_KEY}


class Issuer:
    """A local OAuth 2 issuer: its signing key, and its JWKS on a loopback web server."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "issuer-1", "use": "sig"})
        self.fetches = 0
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                issuer.fetches += 1
                body = json.dumps(KeySet([issuer.key]).as_dict(private=False)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep the test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.jwks_url = f"http://127.0.0.1:{self.server.server_port}/keys"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def token(self, key=None, **claims) -> str:
        now = int(time.time())
        body = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + 600,
            "client_id": "home-app-id",
            "scope": f"{EVENTS} {CASES}",
        }
        body.update(claims)
        body = {name: value for name, value in body.items() if value is not None}
        return jwt.encode({"alg": "RS256", "kid": "issuer-1"}, body, key or self.key)


@pytest.fixture(scope="session")
def issuer():
    made = Issuer()
    yield made
    made.server.shutdown()
    made.server.server_close()


def use_api_settings(app, monkeypatch, request, **settings) -> None:
    """Point the app's API at these clients and this issuer for one test. What the calls
    cache (the clients, the issuer's keys) was read from these settings: it goes with them."""

    def forget() -> None:
        app.extensions.pop("portal.api_clients", None)
        app.extensions.pop("portal.api_jwks", None)

    replaced = dataclasses.replace(app.config["SETTINGS"], **settings)
    monkeypatch.setitem(app.config, "SETTINGS", replaced)
    forget()
    request.addfinalizer(forget)


@pytest.fixture
def api(app, issuer, monkeypatch, request):
    """The app, configured with the clients above and the local issuer."""
    use_api_settings(
        app,
        monkeypatch,
        request,
        api_clients=json.dumps(CLIENTS),
        api_issuer=ISSUER,
        api_audience=AUDIENCE,
        api_jwks_url=issuer.jwks_url,
    )
    return app


class ApiCaller:
    """Sends JSON to the API as one records system, signed as docs/api.md says."""

    def __init__(self, app, client_id: str = "rms-home", key: bytes | None = None):
        self.http = app.test_client(use_cookies=False)
        self.client_id = client_id
        self.key = key if key is not None else KEYS[client_id]

    def headers(self, method, path, body: bytes, timestamp=None, nonce=None) -> dict:
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        nonce = nonce or secrets.token_hex(16)
        return {
            "Content-Type": "application/json",
            "Beacon-Client": self.client_id,
            "Beacon-Timestamp": timestamp,
            "Beacon-Nonce": nonce,
            "Beacon-Signature": sign(self.key, method, path, timestamp, nonce, body),
        }

    def post(self, path: str, payload, **signing):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = self.headers("POST", path, body, **signing)
        return self.http.post(path, data=body, headers=headers)

    def event(self, reference: str, **fields):
        payload = {
            "event_id": "evt-1",
            "event_type": "suspect_arrested",
            "occurred_at": "2026-03-02T10:15:00Z",
        }
        payload.update(fields)
        payload = {name: value for name, value in payload.items() if value is not None}
        return self.post(f"/api/v1/cases/{reference}/events", payload)


@pytest.fixture
def home(api):
    return ApiCaller(api, "rms-home")


@pytest.fixture
def other(api):
    return ApiCaller(api, "rms-other")
