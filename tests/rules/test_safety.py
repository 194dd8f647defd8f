"""The safety rules on known dates: the 3-working-day bail warning and the same-day report."""

from datetime import UTC, date, datetime

import pytest

from portal.rules.safety import bail_due_soon, report_due

WEDNESDAY = date(2026, 3, 18)


@pytest.mark.parametrize(
    ("bail_date", "soon"),
    [
        (date(2026, 3, 18), True),  # today
        (date(2026, 3, 23), True),  # Thu, Fri, Mon: the 3rd working day
        (date(2026, 3, 24), False),  # the 4th working day
        (date(2026, 3, 17), False),  # passed: not "soon", the officer must update it
        (None, False),
    ],
)
def test_a_bail_date_warns_up_to_the_third_working_day(bail_date, soon):
    assert bail_due_soon(bail_date, WEDNESDAY, "england") is soon


def test_easter_bank_holidays_do_not_count_as_working_days():
    # Thursday 2 April 2026: Good Friday (3) and Easter Monday (6) are skipped, so the
    # 3rd working day is Thursday 9 April.
    assert bail_due_soon(date(2026, 4, 9), date(2026, 4, 2), "england")
    assert not bail_due_soon(date(2026, 4, 10), date(2026, 4, 2), "wales")


def test_christmas_and_the_substitute_boxing_day_are_skipped():
    # Thursday 24 December 2026: Christmas (Fri 25), the weekend and Boxing Day's substitute
    # (Mon 28) are skipped: Tue 29, Wed 30, Thu 31.
    assert bail_due_soon(date(2026, 12, 31), date(2026, 12, 24), "england")


def test_a_report_is_due_by_the_end_of_the_london_day_it_was_made():
    assert report_due(datetime(2026, 3, 18, 10, tzinfo=UTC)) == datetime(
        2026, 3, 18, 23, 59, 59, tzinfo=UTC
    )
    # 00:30 on 11 June in London (BST) is 23:30 UTC on 10 June: due by the end of 11 June.
    assert report_due(datetime(2026, 6, 10, 23, 30, tzinfo=UTC)) == datetime(
        2026, 6, 11, 22, 59, 59, tzinfo=UTC
    )
