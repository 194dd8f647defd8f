"""Calm error pages with a reference number; the reference, not a stack trace, is shown."""

from __future__ import annotations

import logging
import secrets

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.data import audit
from portal.data.errors import NotFound
from portal.extensions import db

log = logging.getLogger("portal.web.errors")

MESSAGES = {
    400: (_l("Something went wrong with that request"), _l("Go back and try again.")),
    403: (_l("You cannot see this page"), _l("You may need to sign in again.")),
    404: (_l("Page not found"), _l("Check the address, or go back to the start.")),
    405: (_l("Something went wrong with that request"), _l("Go back and try again.")),
    413: (_l("That was too long"), _l("Go back, make it shorter and try again.")),
    429: (
        _l("Please wait before trying again"),
        _l("There have been too many tries. Wait 15 minutes, then try again."),
    ),
    500: (_l("Sorry, something went wrong"), _l("Nothing you did caused this. Try again later.")),
}


def reference() -> str:
    return secrets.token_hex(4).upper()


# A signed-in person who meets a 404 keeps her own menu: she is still signed in.
LAYOUT_FOR_ROLE = {
    "victim": "victim/_layout.html",
    "supporter": "supporter/_layout.html",
    "officer": "staff/_layout.html",
    "supervisor": "staff/_layout.html",
    "admin": "staff/_layout.html",
}


def _layout(status: int) -> str:
    # A 500 may come from the database itself: asking who is signed in could fail again.
    if status >= 500 or not current_user or not current_user.is_authenticated:
        return "base.html"
    return LAYOUT_FOR_ROLE.get(getattr(current_user, "role", ""), "base.html")


# Paths answered to machines, not people: their errors are JSON (docs/api.md), never a page.
JSON_PREFIXES = ("/api/",)
JSON_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def render_error(status: int, ref: str | None = None):
    if request.path.startswith(JSON_PREFIXES):
        body = {"error": JSON_CODES.get(status, "server_error" if status >= 500 else "refused")}
        if ref:
            body["reference"] = ref
        return body, status
    title, body = MESSAGES.get(status, MESSAGES[500])
    page = render_template(
        "errors/error.html", layout=_layout(status), title=title, body=body, ref=ref
    )
    return page, status


def handle_http_error(error: HTTPException):
    code = error.code or 500
    if code >= 500:
        return handle_unexpected_error(error)
    body, status = render_error(code)
    # A 405 names the methods that are allowed (RFC 9110), on a page or in JSON alike.
    allowed = getattr(error, "valid_methods", None)
    return body, status, {"Allow": ", ".join(allowed)} if allowed else {}


def handle_not_found(error: NotFound):
    # A record that is missing and one the person may not see get the same page, and
    # both are audited: someone asking for records that are not theirs leaves a trail.
    record_refusal("record")
    return render_error(404)


def record_refusal(what: str) -> None:
    """Audit a refused request (what: "record" or "role"), by whoever is signed in."""
    _rollback()
    detail = {"refused": what, "endpoint": request.endpoint, "method": request.method}
    try:
        audit.record("access.refused", detail=detail)
        db.session.commit()
    except Exception:  # the refusal stands even if the log cannot be written just now
        log.warning("could not audit a refusal", exc_info=True)
        _rollback()


def handle_csrf_error(error: CSRFError):
    # Usually an expired page: say so plainly, the person has done nothing wrong.
    log.info("CSRF refusal: %s", error.description)
    return render_error(400)


def handle_unexpected_error(error: Exception):
    ref = reference()
    _rollback()
    original = getattr(error, "original_exception", None) or error
    log.error("error reference %s", ref, exc_info=original)
    return render_error(500, ref)


def _rollback() -> None:
    # The failed request's transaction must not leak into the error page's queries.
    try:
        db.session.rollback()
    except Exception:  # the database itself may be what failed
        log.warning("rollback after error failed", exc_info=True)


def init_app(app: Flask) -> None:
    app.register_error_handler(NotFound, handle_not_found)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected_error)
    app.register_error_handler(Exception, handle_unexpected_error)
