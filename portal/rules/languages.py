"""The languages the portal speaks, in the order a person sees them.

Welsh is listed straight after English: the Welsh Language Standards ask that it is
treated no less favourably. Which of them are complete (interface, update templates and
every guide) is worked out in `portal.easyread.language_support`.
"""

from __future__ import annotations

from dataclasses import dataclass


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
