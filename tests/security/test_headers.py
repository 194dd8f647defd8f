"""The exact security header set, on a page, a 404, a 500 (and, with the guides, a PDF)."""

from __future__ import annotations

import re

import pytest

from portal.web.access import PUBLIC, only

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'nonce-NONCE'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def assert_security_headers(response, cache_control: str = "no-store") -> None:
    headers = dict(response.headers)
    nonce = re.search(r"'nonce-([^']+)'", headers.get("Content-Security-Policy", ""))
    assert nonce, "no nonce in the CSP"
    expected = {**EXPECTED, "Cache-Control": cache_control}
    expected["Content-Security-Policy"] = expected["Content-Security-Policy"].replace(
        "NONCE", nonce.group(1)
    )
    for name, value in expected.items():
        assert headers.get(name) == value, f"{name}: {headers.get(name)!r}"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_a_page_has_every_security_header(client):
    assert_security_headers(client.get("/sign-in"))


def test_a_public_page_has_every_security_header_and_may_be_cached(client):
    assert_security_headers(client.get("/"), cache_control="public, max-age=3600")


def test_a_404_has_every_security_header(client):
    response = client.get("/not-here")
    assert response.status_code == 404
    assert_security_headers(response)


def test_json_has_every_security_header(client):
    assert_security_headers(client.get("/healthz"))


@pytest.fixture
def failing_app(another_app):
    failing = another_app()

    @failing.get("/boom")
    @only(PUBLIC)
    def boom():
        raise RuntimeError("something broke with secret detail sk_live_123")

    return failing


def test_a_500_is_calm_has_a_reference_and_every_header(failing_app, caplog):
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    assert_security_headers(response)
    body = response.get_data(as_text=True)
    assert "Sorry, something went wrong" in body
    assert "Traceback" not in body and "sk_live_123" not in body
    reference = re.search(r"<strong[^>]*>([0-9A-F]{8})</strong>", body).group(1)
    assert any(reference in record.getMessage() for record in caplog.records)


def test_every_response_gets_a_different_nonce(client):
    nonces = {
        re.search(r"'nonce-([^']+)'", client.get("/").headers["Content-Security-Policy"]).group(1)
        for _ in range(5)
    }
    assert len(nonces) == 5
