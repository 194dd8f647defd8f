"""How the portal chooses the language of each request.

Order of choice: the language the person chose for the pages on this device (a validated
cookie, set by the language switcher, at activation and on the choices page), then a
signed-in person's saved language, then the browser's Accept-Language, then English.

The saved language is a victim's own: it decides her notifications and what her officer
sees, so it changes only when she says so on her choices page (or when she activates).
Switching the pages' language never touches it. The languages themselves are in
`portal.rules.languages`.
"""

from __future__ import annotations

from flask import Response, current_app, request
from flask_login import current_user

from portal.rules.languages import DEFAULT_LANGUAGE, LANGUAGES, is_known

LANGUAGE_COOKIE = "portal_lang"


def select_locale() -> str:
    from_cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_known(from_cookie):
        return from_cookie
    saved = getattr(current_user, "language", None) if current_user else None
    if is_known(saved):
        return saved
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


# A year: the cookie only says which language the pages are in.
LANGUAGE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365


def remember_page_language(response: Response, code: str) -> None:
    """The cookie that keeps the pages' language, before and after signing in."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
