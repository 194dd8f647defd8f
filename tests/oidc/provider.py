"""A real OpenID provider for the tests: `node tests/oidc/provider.mjs` (the npm package
`oidc-provider`) on a free loopback port, started once per test session.

The `oidc_provider` fixture (made available to every test by tests/conftest.py) starts it
and waits for its discovery document. Without Node.js or the package it skips, saying how
to run the tests; where PORTAL_REQUIRE_OIDC_TESTS=1 (CI sets it) it fails instead.

`sign_in_at_provider` walks a browser's redirects through the provider, signing in one of
the test users named in provider.mjs, and returns the portal address the provider sends
the browser back to. For the events API: `records_system_token` gets a client-credentials
access token (a JWT for API_RESOURCE) for one of the two records-system clients.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.local_services import free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
PORTAL_BASE_URL = "http://127.0.0.1:5000"  # the test settings' PORTAL_BASE_URL
HOW_TO_RUN = (
    "the OpenID provider tests need Node.js and the npm package oidc-provider: run "
    "`make test` (or `npm ci`), then `.venv/bin/python -m pytest tests/staff/auth`"
)
API_RESOURCE = "urn:beacon:api"
API_SCOPES = ("cases:write", "events:write")


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    portal_client_id: str = "beacon-portal"
    portal_client_secret: str = "beacon-portal-test-secret"
    # One records-system client per force, for client-credentials access tokens.
    records_clients: tuple[tuple[str, str], ...] = (
        ("records-north", "records-north-test-secret"),
        ("records-south", "records-south-test-secret"),
    )

    @property
    def jwks_uri(self) -> str:
        return f"{self.issuer}/jwks"

    def portal_env(self, **more: str) -> dict[str, str]:
        """Settings that point the portal at this provider (for `another_app`)."""
        return {
            "PORTAL_OIDC_ISSUER": self.issuer,
            "PORTAL_OIDC_CLIENT_ID": self.portal_client_id,
            "PORTAL_OIDC_CLIENT_SECRET": self.portal_client_secret,
            "PORTAL_OIDC_SCOPES": "openid email beacon",
            "PORTAL_OIDC_ROLE_CLAIM": "beacon_role",
            "PORTAL_OIDC_TEAM_CLAIM": "beacon_team",
            **more,
        }


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed"
    if not (ROOT / "node_modules" / "oidc-provider" / "package.json").exists():
        return "the npm package oidc-provider is not installed"
    return None


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    missing = _missing()
    if missing:
        if os.environ.get("PORTAL_REQUIRE_OIDC_TESTS") == "1":
            pytest.fail(f"{missing}; PORTAL_REQUIRE_OIDC_TESTS=1 requires them")
        # Why a skip is right here: a developer's machine may lack Node.js or `npm ci`, and
        # the message says how to run these tests. CI never skips them: .ci/run sets
        # PORTAL_REQUIRE_OIDC_TESTS=1, which turns a missing provider into the failure above.
        pytest.skip(f"{missing}: {HOW_TO_RUN}")
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    env = {**os.environ, "OIDC_PORT": str(port), "BEACON_PORTAL_BASE_URL": PORTAL_BASE_URL}
    with log.open("w") as output:
        process = subprocess.Popen(
            ["node", str(SCRIPT)], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_for_discovery(issuer, process, log)
        yield RunningProvider(issuer=issuer)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_discovery(issuer: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the OpenID provider stopped at start:\n{log.read_text()}")
        try:
            found = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
            if found.ok and found.json().get("issuer") == issuer:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    pytest.fail(f"the OpenID provider did not answer within 30 seconds:\n{log.read_text()}")


def sign_in_at_provider(authorization_url: str, user: str) -> str:
    """Follow the provider's redirects as a browser would, signing `user` in on its
    interaction page; the portal address it finally sends the browser to (path and query)."""
    browser = requests.Session()
    location = authorization_url
    for _ in range(10):
        if location.startswith(PORTAL_BASE_URL):
            parts = urlsplit(location)
            return f"{parts.path}?{parts.query}"
        if "/interaction/" in urlsplit(location).path:
            location += f"?user={user}"
        answer = browser.get(location, allow_redirects=False, timeout=10)
        assert answer.status_code in (302, 303), (
            f"the provider said {answer.status_code}: {answer.text[:500]}"
        )
        location = urljoin(location, answer.headers["Location"])
    raise AssertionError("the provider never sent the browser back to the portal")


def records_system_token(
    provider: RunningProvider, client: str = "records-north", scope: str = "events:write"
) -> str:
    """A client-credentials access token (a JWT, audience API_RESOURCE) for `client`."""
    secret = dict(provider.records_clients)[client]
    answer = requests.post(
        f"{provider.issuer}/token",
        data={"grant_type": "client_credentials", "scope": scope, "resource": API_RESOURCE},
        auth=(client, secret),
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["access_token"]
