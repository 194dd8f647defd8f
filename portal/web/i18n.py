"""How the portal chooses the language of each request.

Order of choice: a signed-in victim's saved preference, then the validated cookie the
language switcher sets, then the browser's Accept-Language, then English. The languages
themselves are in `portal.rules.languages`.
"""

from __future__ import annotations

from flask import request
from flask_login import current_user

from portal.rules.languages import DEFAULT_LANGUAGE, LANGUAGES, is_known

LANGUAGE_COOKIE = "portal_lang"


def select_locale() -> str:
    preferred = getattr(current_user, "language", None) if current_user else None
    if is_known(preferred):
        return preferred
    from_cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_known(from_cookie):
        return from_cookie
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE
