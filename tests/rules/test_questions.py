"""The reply date of a victim's question, on known dates and bank holidays."""

from datetime import UTC, datetime

import pytest

from portal.config import ConfigError, Settings
from portal.rules.questions import DEFAULT_REPLY_WORKING_DAYS, reply_due


def _end_of(day: int, month: int, year: int = 2026) -> datetime:
    # The end of a London day in winter (GMT) is 23:59:59 UTC.
    return datetime(year, month, day, 23, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("asked", "country", "due"),
    [
        # Wednesday: Thursday and Friday.
        (datetime(2026, 12, 16, 9, 0, tzinfo=UTC), "england", _end_of(18, 12)),
        # Friday: the weekend is skipped.
        (datetime(2026, 12, 18, 9, 0, tzinfo=UTC), "england", _end_of(22, 12)),
        # Christmas Eve: Christmas Day and Boxing Day (moved to Monday 28) are skipped.
        (datetime(2026, 12, 24, 9, 0, tzinfo=UTC), "wales", _end_of(30, 12)),
        # Late on Friday night in London is still Friday.
        (datetime(2026, 12, 18, 23, 30, tzinfo=UTC), "england", _end_of(22, 12)),
    ],
)
def test_the_reply_is_due_two_working_days_after_the_question(asked, country, due):
    assert reply_due(asked, country, DEFAULT_REPLY_WORKING_DAYS) == due


def test_the_force_sets_the_number_of_working_days():
    asked = datetime(2026, 12, 18, 9, 0, tzinfo=UTC)
    assert reply_due(asked, "england", 5) == _end_of(25 + 3, 12) + (
        _end_of(29, 12) - _end_of(28, 12)
    )  # Mon 21, Tue 22, Wed 23, Thu 24, then Tue 29 after Christmas and Boxing Day


def test_the_setting_defaults_to_two_and_refuses_nonsense():
    assert Settings.from_env({}, environment="test").question_reply_working_days == 2
    env = {"PORTAL_QUESTION_REPLY_WORKING_DAYS": "4"}
    assert Settings.from_env(env, environment="test").question_reply_working_days == 4
    with pytest.raises(ConfigError, match="PORTAL_QUESTION_REPLY_WORKING_DAYS"):
        Settings.from_env({"PORTAL_QUESTION_REPLY_WORKING_DAYS": "0"}, environment="test")
    with pytest.raises(ConfigError, match="PORTAL_QUESTION_REPLY_WORKING_DAYS"):
        Settings.from_env({"PORTAL_QUESTION_REPLY_WORKING_DAYS": "two"}, environment="test")
