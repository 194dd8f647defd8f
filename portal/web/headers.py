"""Security headers on every response, and a fresh CSP nonce for every request."""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request, session

PUBLIC_CACHE_ENDPOINT_ATTR = "public_cache"
# An hour: public pages change only with a deploy, and a cache should notice soon after.
PUBLIC_PAGE_MAX_AGE = 3600


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        )
    )


STATIC_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # No referrer at all: following a link or leaving by "Exit this page" must not tell
    # the next site where the person came from.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def set_security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    for name, value in STATIC_HEADERS.items():
        response.headers[name] = value
    if request.endpoint == "static" and response.status_code == 200:
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        # Let Flask-Compress (which runs after this) gzip styles and scripts too: it only
        # gzips whole bodies, and built assets are small enough to hold in memory.
        response.direct_passthrough = False
        response.make_sequence()
    elif _may_be_cached(response):
        if not response.cache_control.public:
            response.cache_control.public = True
            response.cache_control.max_age = PUBLIC_PAGE_MAX_AGE
        # One address, a page in each language: a cache keeps them apart by these.
        response.vary.update(("Accept-Language", "Cookie"))
    else:
        # Personal data must not stay in the browser's cache or come back with "Back".
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
        response.headers.pop("Last-Modified", None)
    return response


def _may_be_cached(response: Response) -> bool:
    """Only static assets and views marked public-cacheable (public guides) may be cached."""
    if response.status_code >= 400:
        return False
    if request.endpoint == "static" or request.path.startswith("/assets/"):
        return True
    # A page that sets a cookie (a session begun, a language chosen) is someone's own.
    if session.modified or "Set-Cookie" in response.headers:
        return False
    return bool(g.get(PUBLIC_CACHE_ENDPOINT_ATTR))


def allow_public_caching() -> None:
    """Called by a public view whose response holds nothing personal (a guide, a PDF, the
    start page). If it sets a cookie after all, it is sent as `no-store` like any other."""
    g.public_cache = True


def init_app(app: Flask) -> None:
    app.after_request(set_security_headers)
