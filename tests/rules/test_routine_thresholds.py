"""The dashboard finds late routine updates in SQL by comparing the last contact with one
moment per frequency and country. Those moments must agree with `next_routine_due`, the
rule itself, at every moment of contact: checked here around Christmas, Easter, a May
bank holiday, the clocks changing and the end of a short month, in both countries."""

from datetime import UTC, datetime, timedelta

import pytest

from portal.rules.compliance import routine_thresholds
from portal.rules.victims_code import next_routine_due

NOWS = (
    datetime(2026, 12, 29, 0, 0, 0, tzinfo=UTC),  # the day after the Christmas holidays
    datetime(2026, 12, 29, 23, 59, 59, 500000, tzinfo=UTC),  # its last half second
    datetime(2027, 1, 5, 9, 30, tzinfo=UTC),  # after New Year
    datetime(2026, 4, 7, 8, 0, tzinfo=UTC),  # Easter Monday was 6 April
    datetime(2026, 5, 26, 12, 0, tzinfo=UTC),  # the spring bank holiday was 25 May
    datetime(2026, 3, 30, 0, 30, tzinfo=UTC),  # the clocks went forward on 29 March
    datetime(2026, 10, 26, 23, 30, tzinfo=UTC),  # and back on 25 October
    datetime(2026, 3, 2, 23, 59, 59, tzinfo=UTC),  # after a 28-day February
)


@pytest.mark.parametrize("now", NOWS, ids=lambda now: now.isoformat())
def test_a_contact_is_late_exactly_when_before_its_threshold(now):
    thresholds = routine_thresholds(now)
    assert set(thresholds) == {
        (frequency, country)
        for frequency in ("fortnightly", "monthly")
        for country in ("england", "wales")
    }
    # Every hour (and the last second of every hour) of the 70 days before `now`.
    for hours in range(70 * 24):
        for contact in (now - timedelta(hours=hours), now - timedelta(hours=hours, seconds=1)):
            for (frequency, country), threshold in thresholds.items():
                due = next_routine_due(contact, frequency, country)
                late = now.replace(microsecond=0) > due
                assert late == (contact < threshold), (frequency, country, contact, due)


def test_christmas_moves_the_threshold_back():
    """11 December, fortnightly, is due on 29 December (25 and 28 December are bank
    holidays in England): on 28 December it is not late yet, on 30 December it is."""
    contact = datetime(2026, 12, 11, 15, 0, tzinfo=UTC)
    not_yet = routine_thresholds(datetime(2026, 12, 28, 12, 0, tzinfo=UTC))
    assert not contact < not_yet[("fortnightly", "england")]
    late = routine_thresholds(datetime(2026, 12, 30, 0, 0, 1, tzinfo=UTC))
    assert contact < late[("fortnightly", "england")]
