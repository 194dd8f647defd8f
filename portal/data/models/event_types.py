"""The kinds of event an update records, as stored on updates and obligations.

What each kind means and which Code deadline it carries is in
`portal.rules.victims_code.events`. Which kinds are key decisions is kept here, beside the
stored values, because access is scoped by it in SQL: a supporter who was shared "key
decisions only" sees just these (`portal.data.scoping`), and so does a victim who chose to
hear about key decisions only. They cover what a victim must know to act or stay safe.
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """Stored on updates and obligations as the plain string value."""

    DECISION_NOT_TO_INVESTIGATE = "decision_not_to_investigate"
    SUSPECT_ARRESTED = "suspect_arrested"
    INTERVIEWED_UNDER_CAUTION = "interviewed_under_caution"
    RELEASED_ON_BAIL = "released_on_bail"
    RELEASED_UNDER_INVESTIGATION = "released_under_investigation"
    BAIL_CONDITIONS_CHANGED = "bail_conditions_changed"
    FILE_PASSED_TO_CPS = "file_passed_to_cps"
    CHARGED = "charged"
    NO_FURTHER_ACTION = "no_further_action"
    OUT_OF_COURT_DISPOSAL = "out_of_court_disposal"
    COURT_DATE_SET = "court_date_set"
    CPS_NO_CHARGE = "cps_no_charge"
    CPS_DISCONTINUANCE = "cps_discontinuance"
    PASSED_TO_WITNESS_CARE = "passed_to_witness_care"
    TRIAL_DATE_FIXED = "trial_date_fixed"
    TRIAL_DATE_MOVED = "trial_date_moved"
    VERDICT = "verdict"
    SENTENCE = "sentence"
    APPEAL = "appeal"
    OFFICER_CHANGED = "officer_changed"
    SUPPORT_REFERRAL = "support_referral"
    ROUTINE_UPDATE = "routine_update"
    OTHER = "other"


KEY_DECISION_TYPES: frozenset[EventType] = frozenset(
    {
        EventType.DECISION_NOT_TO_INVESTIGATE,
        EventType.SUSPECT_ARRESTED,
        EventType.INTERVIEWED_UNDER_CAUTION,
        EventType.RELEASED_ON_BAIL,
        EventType.RELEASED_UNDER_INVESTIGATION,
        EventType.BAIL_CONDITIONS_CHANGED,
        EventType.FILE_PASSED_TO_CPS,
        EventType.CHARGED,
        EventType.NO_FURTHER_ACTION,
        EventType.OUT_OF_COURT_DISPOSAL,
        EventType.COURT_DATE_SET,
        EventType.CPS_NO_CHARGE,
        EventType.CPS_DISCONTINUANCE,
        EventType.PASSED_TO_WITNESS_CARE,
        EventType.TRIAL_DATE_FIXED,
        EventType.TRIAL_DATE_MOVED,
        EventType.VERDICT,
        EventType.SENTENCE,
        EventType.APPEAL,
        EventType.OFFICER_CHANGED,
        EventType.SUPPORT_REFERRAL,
    }
)
