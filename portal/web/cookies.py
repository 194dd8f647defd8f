"""Every cookie the portal sets, for the cookies page: a test compares this list with the
cookies set while it walks the portal, so the page cannot drift from what really happens.

None of them is for analytics or advertising, so none needs consent (PECR exempts cookies
that are strictly necessary for a service the person asked for).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.web.i18n import LANGUAGE_COOKIE


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


def cookies_in_use() -> list[Cookie]:
    """The session cookie's name depends on the environment (`__Host-` in production)."""
    return [
        Cookie(
            current_app.config["SESSION_COOKIE_NAME"],
            _l(
                "Keeps you signed in, and protects the forms you fill in. It is only set "
                "when you sign in or fill in a form."
            ),
            _l("When you close your browser, sign out or use “Exit this page”"),
        ),
        Cookie(
            LANGUAGE_COOKIE,
            _l("Remembers the language you chose for these pages."),
            _l("After 1 year, or when you sign out or use “Exit this page”"),
        ),
    ]
