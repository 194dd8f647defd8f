"""The rules of a pause on known dates: when held messages may go, which last days are
refused, and that only "no messages about updates" holds anything."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.data.models import CaseStatus
from portal.rules import pauses
from tests import factories

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("last_day", "held_until"),
    [
        # Winter: London is on GMT, so midnight after the last day is midnight UTC.
        (date(2026, 3, 12), datetime(2026, 3, 13, 0, 0, tzinfo=UTC)),
        # Summer: the clocks went forward on 29 March 2026, so midnight is 23:00 UTC.
        (date(2026, 6, 10), datetime(2026, 6, 10, 23, 0, tzinfo=UTC)),
    ],
)
def test_a_pause_to_a_date_holds_until_midnight_in_london_after_its_last_day(
    case, last_day, held_until
):
    factories.make_contact_pause(case, until=last_day)
    assert pauses.hold_until(case, "update", NOW) == held_until


def test_an_open_ended_pause_holds_and_looks_again_later(case):
    factories.make_contact_pause(case)
    assert pauses.hold_until(case, "reply", NOW) == NOW + pauses.RECHECK_OPEN_ENDED


@pytest.mark.parametrize("choice", ["no_contact", "isva_first"])
def test_only_no_messages_about_updates_holds_anything(case, choice):
    factories.make_contact_pause(case, choice=choice)
    assert pauses.hold_until(case, "update", NOW) is None


def test_an_ended_or_past_pause_or_a_closed_case_holds_nothing(case):
    factories.make_contact_pause(case, until=date(2026, 3, 9))
    assert pauses.hold_until(case, "update", NOW) is None
    factories.make_contact_pause(case, ended_at=NOW)
    assert pauses.hold_until(case, "update", NOW) is None
    factories.make_contact_pause(case)
    case.status = CaseStatus.CLOSED
    assert pauses.hold_until(case, "update", NOW) is None


def test_the_last_day_may_be_today_up_to_a_year_ahead():
    pauses.check_until(date(2026, 3, 10), NOW)
    pauses.check_until(date(2027, 3, 11), NOW)
    with pytest.raises(pauses.BadUntil):
        pauses.check_until(date(2026, 3, 9), NOW)
    with pytest.raises(pauses.BadUntil):
        pauses.check_until(date(2027, 3, 12), NOW)
