"""Where a case is: the stage tracker moves forward only, by the events that belong to it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from portal.rules.stages import (
    DEFAULT_TIMES,
    STAGE_OF_EVENT,
    Duration,
    Stage,
    parse_duration,
    tracker,
)
from portal.rules.victims_code import EVENTS, EventType

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _updates(*event_types, sensitive=(), unread=()):
    """Published updates in order, a day apart; `sensitive`/`unread` name indexes."""
    return [
        SimpleNamespace(
            id=uuid.uuid4(),
            event_type=event_type,
            published_at=START + timedelta(days=n),
            corrects_id=None,
            sensitive=n in sensitive,
            read_at=None if n in unread else START + timedelta(days=n, hours=1),
        )
        for n, event_type in enumerate(event_types)
    ]


def _statuses(result):
    return {view.stage: view.status for view in result.stages}


def test_a_new_case_is_at_reported_with_everything_to_come():
    result = tracker([])
    assert result.current is Stage.REPORTED
    assert [view.stage for view in result.stages] == list(Stage)
    assert _statuses(result)[Stage.INVESTIGATION] == "to_come"


def test_each_stage_is_reached_by_its_own_events():
    assert tracker(_updates("suspect_arrested")).current is Stage.INVESTIGATION
    assert tracker(_updates("file_passed_to_cps")).current is Stage.WITH_CPS
    assert tracker(_updates("charged")).current is Stage.DECISION
    assert tracker(_updates("trial_date_fixed")).current is Stage.COURT
    assert tracker(_updates("passed_to_witness_care")).current is Stage.COURT
    assert tracker(_updates("verdict")).current is Stage.OUTCOME
    assert tracker(_updates("appeal")).current is Stage.AFTER


def test_an_earlier_stages_event_never_moves_the_tracker_back():
    result = tracker(_updates("charged", "trial_date_fixed", "bail_conditions_changed"))
    assert result.current is Stage.COURT
    statuses = _statuses(result)
    assert statuses[Stage.INVESTIGATION] == "done"
    assert statuses[Stage.DECISION] == "done"


def test_routine_and_referral_updates_do_not_move_the_stage():
    result = tracker(_updates("file_passed_to_cps", "routine_update", "support_referral"))
    assert result.current is Stage.WITH_CPS


def test_after_no_further_action_the_court_stages_do_not_apply():
    statuses = _statuses(tracker(_updates("file_passed_to_cps", "cps_no_charge")))
    assert statuses[Stage.DECISION] == "current"
    assert statuses[Stage.COURT] == "not_applicable"
    assert statuses[Stage.OUTCOME] == "not_applicable"
    assert statuses[Stage.AFTER] == "to_come"


def test_a_charge_after_a_review_brings_the_court_stages_back():
    statuses = _statuses(tracker(_updates("no_further_action", "charged")))
    assert statuses[Stage.COURT] == "to_come"


def test_a_sensitive_update_moves_the_stage_only_once_read():
    unread = _updates("file_passed_to_cps", "no_further_action", sensitive={1}, unread={1})
    assert tracker(unread).current is Stage.WITH_CPS
    read = _updates("file_passed_to_cps", "no_further_action", sensitive={1})
    assert tracker(read).current is Stage.DECISION


def test_a_correction_never_moves_the_stage():
    updates = _updates("suspect_arrested", "verdict")
    updates[1].corrects_id = updates[0].id
    assert tracker(updates).current is Stage.INVESTIGATION


def test_every_new_court_event_has_a_stage_and_a_code_source():
    for event_type in (
        EventType.CPS_NO_CHARGE,
        EventType.CPS_DISCONTINUANCE,
        EventType.TRIAL_DATE_FIXED,
        EventType.TRIAL_DATE_MOVED,
        EventType.VERDICT,
        EventType.SENTENCE,
        EventType.APPEAL,
        EventType.PASSED_TO_WITNESS_CARE,
    ):
        assert event_type in STAGE_OF_EVENT
        assert EVENTS[event_type].code_source.startswith("Victims' Code 2020, Right")


def test_the_force_sets_its_own_ranges_and_the_rest_keep_their_defaults():
    result = tracker(_updates("suspect_arrested"), {Stage.INVESTIGATION: Duration(3, 9, "months")})
    durations = {view.stage: view.duration for view in result.stages}
    assert durations[Stage.INVESTIGATION] == Duration(3, 9, "months")
    assert durations[Stage.COURT] == DEFAULT_TIMES[Stage.COURT]
    assert durations[Stage.AFTER] is None


@pytest.mark.parametrize("value", ["6-12 months", " 2-8 weeks "])
def test_a_range_reads_like_the_docs_say(value):
    assert parse_duration(value).unit in {"weeks", "months"}


@pytest.mark.parametrize("value", ["12 months", "12-6 months", "0-3 weeks", "1-3 years", "x"])
def test_a_range_that_makes_no_sense_is_refused(value):
    with pytest.raises(ValueError):
        parse_duration(value)
