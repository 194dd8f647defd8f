"""Languages an interpreter can be recorded in: any language, by its ISO 639 code, not
only the six the portal's pages are written in.

Victims' Code 2020, Right 1: a victim who does not understand or speak English can have an
interpreter, and have documents translated. The portal records the interpreter's language
with the offer (`RightsRecord.language`) as an ISO 639 code: the two-letter ISO 639-1 code
where one exists ("so" for Somali), otherwise the three-letter ISO 639-2/639-3 code ("syl"
for Sylheti), as BCP 47 language tags do.

Source of the list and of the names: the Unicode Common Locale Data Repository (CLDR), as
shipped in the Babel package the portal already uses for dates and translations. CLDR
names each language in each interface language, so a Welsh reader sees "Somaleg" and an
Arabic reader "الصومالية". Region and script variants (`en_GB`, `zh_Hant`) are left out:
an interpreter is booked by language. A few languages often needed in England and Wales
that CLDR does not name yet are added below, with their ISO 639-3 codes (SIL, the ISO
639-3 registration authority); their names are translated in the portal's catalogues.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

_CODE = re.compile(r"^[a-z]{2,3}$")

# ISO 639-3 codes missing from CLDR's names (checked against Babel 2.19's data).
EXTRA_LANGUAGES: dict[str, LazyString] = {
    "bfi": _l("British Sign Language"),
    "kmr": _l("Kurmanji Kurdish"),
    "mnk": _l("Mandinka"),
    "prs": _l("Dari"),
    "syl": _l("Sylheti"),
}

# Codes CLDR names that are not languages someone could interpret: "no linguistic
# content", "undetermined", "multiple languages".
_NOT_LANGUAGES = frozenset({"zxx", "und", "mul", "mis"})


def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (ValueError, TypeError):
        return Locale("en")


@lru_cache(maxsize=16)
def _cldr_names(locale_code: str) -> dict[str, str]:
    names = _locale(locale_code).languages
    return {
        code: name
        for code, name in names.items()
        if _CODE.fullmatch(code) and code not in _NOT_LANGUAGES
    }


def codes() -> frozenset[str]:
    """Every code that may be recorded."""
    return frozenset(_cldr_names("en")) | frozenset(EXTRA_LANGUAGES)


def is_language(code: str | None) -> bool:
    return code in codes()


def language_name(code: str | None, locale_code: str = "en") -> str:
    """The language's name in the reader's language (English where CLDR has none in it);
    the code itself for a code no longer known, so nothing recorded is ever hidden."""
    if not code:
        return ""
    if code in EXTRA_LANGUAGES:
        return str(EXTRA_LANGUAGES[code])
    name = _cldr_names(locale_code).get(code) or _cldr_names("en").get(code)
    return name[:1].upper() + name[1:] if name else code


def choices(locale_code: str = "en") -> list[tuple[str, str]]:
    """(code, name) for every language, in alphabetical order of the name as read."""
    pairs = [(code, language_name(code, locale_code)) for code in codes()]
    return sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0]))
