"""When an event may be said to have happened: never in the future.

An event dated ahead would start its Code deadline later than the truth and could be
counted as "told on time" before it happened. A few minutes' grace allows for a clock on
the officer's device or a server that runs a little fast, without letting a date through
that is plainly ahead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.rules.victims_code.london_time import require_aware

CLOCK_SKEW_ALLOWANCE = timedelta(minutes=5)


def is_in_the_future(occurred_at: datetime, now: datetime) -> bool:
    """True when `occurred_at` is more than the allowance after `now`."""
    require_aware(occurred_at, "occurred_at")
    require_aware(now, "now")
    return occurred_at > now + CLOCK_SKEW_ALLOWANCE
