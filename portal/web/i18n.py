"""The languages the portal speaks, and how it chooses one for each request.

Order of choice: a signed-in victim's saved preference, then the validated cookie the
language switcher sets, then the browser's Accept-Language, then English. Welsh is
listed straight after English: the Welsh Language Standards ask that it is treated no
less favourably.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import request
from flask_login import current_user

LANGUAGE_COOKIE = "portal_lang"


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English"),
        Language("cy", "Cymraeg", "Welsh"),
        Language("pl", "Polski", "Polish"),
        Language("ro", "Română", "Romanian"),
        Language("ur", "اردو", "Urdu", "rtl"),
        Language("ar", "العربية", "Arabic", "rtl"),
    )
}
DEFAULT_LANGUAGE = "en"


def is_known(code: str | None) -> bool:
    return code in LANGUAGES


def language(code: str) -> Language:
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])


def select_locale() -> str:
    preferred = getattr(current_user, "language", None) if current_user else None
    if is_known(preferred):
        return preferred
    from_cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_known(from_cookie):
        return from_cookie
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE
