"""Dates as people in England and Wales read them: the London day, day first."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date as babel_format_date
from flask_babel import format_date, get_locale

from portal.rules.victims_code.london_time import london_date

# A fixed pattern, because plain "en" in Babel is American English ("March 16, 2026").
DAY_PATTERN = "d MMMM y"


def day(moment: datetime) -> str:
    """A date in the reader's language, as a London calendar day, day first."""
    locale = get_locale()
    if locale is None:  # outside a request: Flask-Babel's own default
        return format_date(london_date(moment), format=DAY_PATTERN)
    return day_in(moment, str(locale))


# A page writes the same moments on every visit (each update's): kept by moment and
# language, so a repeat costs neither the London date nor Babel.
@lru_cache(maxsize=8192)
def day_in(moment: datetime, locale: str) -> str:
    """`day` in the named language (a Babel locale name, such as "cy")."""
    return _written(london_date(moment), locale)


# A page lists many updates, most on days already written: Babel's formatting is about
# 30 µs a date, a look-up here well under one. Days and languages are few.
@lru_cache(maxsize=8192)
def _written(on: date, locale: str) -> str:
    return babel_format_date(on, format=DAY_PATTERN, locale=locale)
