"""Dates as people in England and Wales read them: the London day, day first."""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_date

from portal.rules.victims_code.london_time import london_date


def day(moment: datetime) -> str:
    """A date in the reader's language, as a London calendar day, day first.

    A fixed pattern, because plain "en" in Babel is American English ("March 16, 2026").
    """
    return format_date(london_date(moment), format="d MMMM y")
