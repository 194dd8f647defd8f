"""The referral clock runs from the report; "by" dates land on working days; no event is
dated in the future."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from portal.rules.victims_code import next_routine_due
from portal.rules.victims_code.deadlines import on_or_after_working_day, referral_deadline
from portal.rules.victims_code.event_time import CLOCK_SKEW_ALLOWANCE, is_in_the_future


def test_the_referral_is_due_two_working_days_after_the_report_across_christmas():
    # Reported Thursday 24 December 2026: 25 December (Friday) and 28 December (Boxing Day's
    # substitute) are bank holidays, so the first working day after the report is Tuesday
    # 29 December and the second Wednesday 30 December.
    assert referral_deadline(date(2026, 12, 24), "england") == datetime(
        2026, 12, 30, 23, 59, 59, tzinfo=UTC
    )


def test_the_referral_deadline_in_wales_skips_easter_monday():
    # Reported Thursday 2 April 2026: Good Friday (3rd) and Easter Monday (6th) are bank
    # holidays, so the 2nd working day is Wednesday 8 April (BST: 22:59:59 UTC).
    assert referral_deadline(date(2026, 4, 2), "wales") == datetime(
        2026, 4, 8, 22, 59, 59, tzinfo=UTC
    )


def test_a_fortnightly_update_due_on_christmas_day_moves_to_the_next_working_day():
    last = datetime(2026, 12, 11, 10, 0, tzinfo=UTC)  # 14 days later is Friday 25 December
    assert next_routine_due(last, "fortnightly") == datetime(2026, 12, 25, 23, 59, 59, tzinfo=UTC)
    assert next_routine_due(last, "fortnightly", "england") == datetime(
        2026, 12, 29, 23, 59, 59, tzinfo=UTC
    )


def test_a_monthly_update_due_on_a_saturday_moves_to_monday():
    last = datetime(2026, 9, 12, 9, 0, tzinfo=UTC)  # 12 October 2026 is a Monday already
    assert next_routine_due(last, "monthly", "wales") == datetime(
        2026, 10, 12, 22, 59, 59, tzinfo=UTC
    )
    saturday_due = datetime(2026, 9, 17, 9, 0, tzinfo=UTC)  # 17 October 2026 is a Saturday
    assert next_routine_due(saturday_due, "monthly", "wales") == datetime(
        2026, 10, 19, 22, 59, 59, tzinfo=UTC
    )


def test_a_working_day_stays_where_it_is():
    assert on_or_after_working_day(date(2026, 12, 24), "england") == date(2026, 12, 24)
    assert on_or_after_working_day(date(2026, 12, 25), "england") == date(2026, 12, 29)


def test_an_event_more_than_five_minutes_ahead_is_in_the_future():
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    assert timedelta(minutes=5) == CLOCK_SKEW_ALLOWANCE
    assert not is_in_the_future(now, now)
    assert not is_in_the_future(now + timedelta(minutes=5), now)  # a fast clock: allowed
    assert is_in_the_future(now + timedelta(minutes=5, seconds=1), now)
    assert is_in_the_future(now + timedelta(weeks=6), now)
