"""Working days in England and in Wales, for the Victims' Code's deadlines.

Code of Practice for Victims of Crime in England and Wales (2020): its time limits are given
in working days (for example Right 4's 2 working days and Right 6's 1 or 5 working days).
A working day is Monday to Friday, except a bank holiday in the country of the police
force. England and Wales share one list of bank holidays today (Banking and Financial
Dealings Act 1971, Schedule 1, paragraph 1), but the rule still takes the force's country:
a day proclaimed for one of them only (there have been calls for St David's Day in Wales)
then needs no change here.

Bank holidays come from the maintained `holidays` library (GB, subdivision ENG or WLS),
not from a hand-written list that someone must remember to update each year, and which
would miss one-off days such as a state funeral or a coronation.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

SATURDAY = 5


class Country(StrEnum):
    """The country of a police force; stored on a case as a plain string."""

    ENGLAND = "england"
    WALES = "wales"


# ISO 3166-2:GB subdivision codes used by `holidays.country_holidays("GB", subdiv=...)`.
_SUBDIVISIONS: dict[Country, str] = {Country.ENGLAND: "ENG", Country.WALES: "WLS"}


@lru_cache(maxsize=256)
def bank_holidays(country: Country | str, year: int) -> frozenset[date]:
    """The bank holidays of `country` in `year`, substitute days included.

    Cached per country and year, and frozen, so that no caller can change what another sees.
    """
    subdivision = _SUBDIVISIONS[Country(country)]
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def is_working_day(day: date, country: Country | str) -> bool:
    """Monday to Friday, and not a bank holiday in the force's country."""
    return day.weekday() < SATURDAY and day not in bank_holidays(Country(country), day.year)


def add_working_days(day: date, n: int, country: Country | str) -> date:
    """The `n`th working day after `day` (`day` itself never counts, working or not).

    One working day after a Friday is the Monday, or the Tuesday when the Monday is a bank
    holiday. Zero returns `day` unchanged.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    country = Country(country)
    current = day
    remaining = n
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, country):
            remaining -= 1
    return current
