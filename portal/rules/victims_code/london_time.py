"""Calendar days as the Victims' Code counts them: in UK local time, not in UTC.

The Code's deadlines are days and working days in England and Wales, so a day starts and
ends at midnight in London, whether British Summer Time applies or not. Everything else in
the portal stores and compares aware UTC datetimes; this module is the one place that turns
between the two, so that no caller has to think about BST.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# The last whole second of a day. A deadline "by the end of Monday" is kept by anything
# done at or before this instant; `deadlines.is_overdue` ignores fractions of a second.
END_OF_DAY = time(23, 59, 59)


def require_aware(moment: datetime, name: str = "datetime") -> datetime:
    """Refuse a naive datetime: without a zone we cannot tell which London day it was."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment


def london_date(moment: datetime) -> date:
    """The calendar day in London on which an aware `moment` fell.

    23:30 on a Sunday in June is 22:30 UTC, still Sunday; 00:30 on a Monday in June is
    23:30 UTC on the Sunday, but it is Monday for the victim and the officer.
    """
    return require_aware(moment, "moment").astimezone(LONDON).date()


def end_of_london_day(day: date) -> datetime:
    """The last second of `day` in London, as an aware UTC datetime.

    That is 23:59:59 UTC in winter (GMT) and 22:59:59 UTC in summer (BST). The clocks
    change at 01:00 UTC, so 23:59:59 local time always exists and is never ambiguous.
    """
    return datetime.combine(day, END_OF_DAY, tzinfo=LONDON).astimezone(UTC)


def add_calendar_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the end of a shorter month.

    31 January plus one month is 28 February (29 in a leap year), not 3 March: people
    read "one month after the 31st" as "the end of next month".
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))
