"""Which review scheme a decision opens, and the CPS scheme's dates on known days."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.rules.victims_code import vrr_request_deadline
from portal.rules.victims_code.review_schemes import (
    CPS_DECISION_WORKING_DAYS,
    CPS_PROMPT_REQUEST_WORKING_DAYS,
    CPS_REQUEST_MONTHS,
    Scheme,
    cps_decision_by,
    cps_request_dates,
    decision_maker,
    scheme_for,
)


def _end_of(day: str) -> datetime:
    """The end of a London day in winter (GMT), as the rules return it."""
    return datetime.fromisoformat(f"{day}T23:59:59+00:00")


@pytest.mark.parametrize(
    ("event_type", "decided_by", "interviewed", "scheme"),
    [
        # A police decision not to charge a suspect interviewed under caution: the police's.
        ("no_further_action", "police", True, Scheme.POLICE),
        # ...about a suspect never interviewed under caution: no police review.
        ("no_further_action", "police", False, None),
        # The CPS decided, whatever the officer chose as the event: the CPS's scheme.
        ("no_further_action", "cps", None, Scheme.CPS),
        ("no_further_action", "cps", False, Scheme.CPS),
        ("cps_no_charge", None, None, Scheme.CPS),
        ("cps_no_charge", "police", None, Scheme.CPS),  # only the CPS makes this decision
        ("cps_discontinuance", None, None, Scheme.CPS),
        # Not reviewable under either scheme.
        ("decision_not_to_investigate", "police", None, None),
        ("charged", "cps", None, None),
        ("out_of_court_disposal", "police", None, None),
        ("suspect_arrested", None, None, None),
        # Published before the portal asked: a police decision, review still offered.
        ("no_further_action", None, None, Scheme.POLICE),
    ],
)
def test_the_scheme_follows_who_decided_and_the_interview(
    event_type, decided_by, interviewed, scheme
):
    assert scheme_for(event_type, decided_by, interviewed) == scheme


def test_a_decision_only_one_body_can_make_is_theirs_whatever_was_stored():
    assert decision_maker("cps_discontinuance", "police") == "cps"
    assert decision_maker("decision_not_to_investigate", "cps") == "police"
    assert decision_maker("routine_update", None) is None


def test_the_cps_figures_are_the_published_ones():
    # CPS Victims' Right to Review Guidance (revised 2020), Annex B.
    assert CPS_PROMPT_REQUEST_WORKING_DAYS == 10
    assert CPS_REQUEST_MONTHS == 3
    assert CPS_DECISION_WORKING_DAYS == 30


def test_a_cps_decision_told_on_the_31st_skips_new_years_day():
    # Thursday 31 December 2026: 1 January 2027 (Friday) is a bank holiday, so the 10
    # working days run 4 to 15 January; the 3 months end on 31 March 2027.
    dates = cps_request_dates(datetime(2026, 12, 31, 15, 0, tzinfo=UTC), "england")
    assert dates.prompt_by == _end_of("2027-01-15")
    assert dates.request_by == datetime(2027, 3, 31, 22, 59, 59, tzinfo=UTC)  # BST from 28 March


def test_a_cps_decision_told_on_31_january_has_until_30_april():
    dates = cps_request_dates(datetime(2027, 1, 31, 12, 0, tzinfo=UTC), "wales")
    assert dates.request_by == datetime(2027, 4, 30, 22, 59, 59, tzinfo=UTC)
    assert dates.prompt_by == _end_of("2027-02-12")


def test_the_cps_answer_is_expected_30_working_days_after_the_request():
    # Asked on Monday 4 January 2027 (the day itself never counts): the 30th working day
    # after it is Monday 15 February.
    assert cps_decision_by(datetime(2027, 1, 4, 10, 0, tzinfo=UTC), "england") == _end_of(
        "2027-02-15"
    )


def test_the_police_scheme_keeps_its_own_three_months():
    # Told on 30 November: until the end of 28 February, as before.
    assert vrr_request_deadline(datetime(2026, 11, 30, 12, 0, tzinfo=UTC)) == _end_of("2027-02-28")
