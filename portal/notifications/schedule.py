"""When a notification may go: the victim's quiet hours and the back-off between retries.

Quiet hours are the victim's own clock times in the UK, so they are read in Europe/London
(GMT in winter, BST in summer) and may span midnight (22:00 to 08:00).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt. The 5th failure is final:
# by then about an hour and a half has passed, and a person should ring instead.
RETRY_DELAYS_MINUTES = (1, 5, 15, 60)
MAX_ATTEMPTS = len(RETRY_DELAYS_MINUTES) + 1


def quiet_hours_end(now: datetime, start: time | None, end: time | None) -> datetime | None:
    """If `now` falls inside the quiet hours, the UTC moment they end; otherwise None."""
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(LONDON)
    clock = local.time().replace(tzinfo=None)
    today = local.date()
    if start < end:
        inside, end_day = start <= clock < end, today
    elif clock >= start:  # spans midnight, and we are before it: they end tomorrow
        inside, end_day = True, today + timedelta(days=1)
    else:
        inside, end_day = clock < end, today
    if not inside:
        return None
    return datetime.combine(end_day, end, tzinfo=LONDON).astimezone(UTC)


def retry_at(now: datetime, attempts: int) -> datetime | None:
    """When to try again after `attempts` failed attempts, or None when it is time to stop."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + timedelta(minutes=RETRY_DELAYS_MINUTES[attempts - 1])


def london_clock(moment: datetime) -> str:
    """A moment as staff in the UK read it, e.g. "08:00"."""
    return moment.astimezone(LONDON).strftime("%H:%M")


def london_day(moment: datetime) -> str:
    """The UK day of a moment, e.g. "3 May 2026"."""
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}"


def london_day_and_clock(moment: datetime) -> str:
    """A moment as staff in the UK read it, with its day, e.g. "3 May 2026 08:00"."""
    return f"{london_day(moment)} {london_clock(moment)}"
