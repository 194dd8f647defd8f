"""The rules of the Victims' Code, checked against dates worked out by hand.

Every expected deadline below was counted on a calendar, not computed with the code under
test. Reminders for reading them: in 2026 British Summer Time runs from 29 March to 25
October, so the end of a London day is 22:59:59 UTC in summer and 23:59:59 UTC in winter.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.rules.victims_code import (
    EVENTS,
    JARGON,
    RIGHTS,
    Country,
    DeadlineKind,
    EventType,
    OffenceCategory,
    OfferKind,
    RoutineFrequency,
    add_working_days,
    bank_holidays,
    code_deadline,
    event_rule,
    find_jargon,
    is_overdue,
    is_working_day,
    next_routine_due,
    requires_enhanced_service,
    vrr_acknowledge_by,
    vrr_decision_by,
    vrr_request_deadline,
)

LONDON = ZoneInfo("Europe/London")
ENGLAND, WALES = Country.ENGLAND, Country.WALES


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def terms(text: str) -> list[str]:
    return [term.term for term in find_jargon(text)]


# Working days


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 6, 6), ENGLAND)  # Saturday
    assert not is_working_day(date(2026, 6, 7), WALES)  # Sunday
    assert is_working_day(date(2026, 6, 8), ENGLAND)  # Monday


@pytest.mark.parametrize("country", [ENGLAND, WALES])
def test_the_2026_bank_holidays_of_england_and_wales_are_not_working_days(country):
    # gov.uk/bank-holidays, England and Wales, 2026; Boxing Day (Saturday) moves to Monday 28.
    weekday_holidays = [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
    ]
    for day in weekday_holidays:
        assert not is_working_day(day, country), day


def test_england_and_wales_share_their_bank_holidays_in_every_year_the_portal_will_see():
    # Checked in the holidays library: ENG and WLS are identical (Banking and Financial
    # Dealings Act 1971, Sch. 1, para 1). The rule still takes the force's country.
    for year in range(2021, 2036):
        assert bank_holidays(ENGLAND, year) == bank_holidays(WALES, year), year


@pytest.mark.parametrize("country", [ENGLAND, WALES])
@pytest.mark.parametrize(
    "scottish_only_day",
    [
        date(2026, 1, 2),  # 2 January (Friday)
        date(2026, 8, 3),  # Scotland's summer bank holiday, first Monday in August
        date(2026, 11, 30),  # St Andrew's Day (Monday)
        date(2027, 1, 4),  # 2 January 2027 is a Saturday; Scotland's substitute day
    ],
)
def test_scottish_only_bank_holidays_are_working_days_in_england_and_wales(
    country, scottish_only_day
):
    assert is_working_day(scottish_only_day, country)


def test_a_country_may_be_given_as_its_stored_string():
    assert is_working_day(date(2026, 6, 8), "wales")
    with pytest.raises(ValueError):
        is_working_day(date(2026, 6, 8), "scotland")


def test_adding_working_days_never_counts_the_starting_day():
    assert add_working_days(date(2026, 6, 6), 1, ENGLAND) == date(2026, 6, 8)  # Sat -> Mon
    assert add_working_days(date(2026, 6, 8), 1, ENGLAND) == date(2026, 6, 9)  # Mon -> Tue
    assert add_working_days(date(2026, 6, 8), 0, ENGLAND) == date(2026, 6, 8)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 6, 8), -1, ENGLAND)


# Deadlines for key events


def test_a_friday_afternoon_event_in_summer_is_due_by_the_end_of_monday_for_an_enhanced_victim():
    deadline = code_deadline(EventType.SUSPECT_ARRESTED, london(2026, 6, 5, 15, 0), True, ENGLAND)
    # Monday 8 June, 23:59:59 BST.
    assert deadline == utc(2026, 6, 8, 22, 59, 59)
    assert deadline.tzinfo is UTC


def test_an_event_on_a_friday_afternoon_in_winter_is_due_by_the_end_of_monday_in_gmt():
    deadline = code_deadline(EventType.CHARGED, london(2026, 1, 16, 15, 0), True, WALES)
    assert deadline == utc(2026, 1, 19, 23, 59, 59)


@pytest.mark.parametrize("country", [ENGLAND, WALES])
@pytest.mark.parametrize(
    ("friday", "tuesday"),
    [
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday itself, then Easter Monday
        (date(2026, 5, 22), date(2026, 5, 26)),  # before the late-May bank holiday
        (date(2026, 8, 28), date(2026, 9, 1)),  # before the August bank holiday
    ],
)
def test_an_event_on_the_friday_before_a_bank_holiday_monday_is_due_on_tuesday(
    country, friday, tuesday
):
    occurred = datetime.combine(friday, datetime.min.time(), tzinfo=LONDON).replace(hour=14)
    deadline = code_deadline(EventType.RELEASED_ON_BAIL, occurred, True, country)
    # All three Tuesdays are in British Summer Time.
    assert deadline == datetime.combine(tuesday, datetime.min.time(), tzinfo=UTC).replace(
        hour=22, minute=59, second=59
    )


def test_a_victim_without_the_enhanced_service_gets_five_working_days_skipping_early_may():
    # Thursday 30 April 2026: Fri 1 May (1), Mon 4 May is a bank holiday, Tue 5 (2),
    # Wed 6 (3), Thu 7 (4), Fri 8 May (5).
    deadline = code_deadline(EventType.CHARGED, london(2026, 4, 30, 10, 0), False, ENGLAND)
    assert deadline == utc(2026, 5, 8, 22, 59, 59)


def test_christmas_2026_skips_christmas_boxing_day_substitute_and_new_year():
    christmas_eve = london(2026, 12, 24, 16, 0)
    # Fri 25 Dec, weekend, Mon 28 Dec (Boxing Day moved from Saturday): due Tuesday 29.
    assert code_deadline(EventType.NO_FURTHER_ACTION, christmas_eve, True, ENGLAND) == utc(
        2026, 12, 29, 23, 59, 59
    )
    # 29 (1), 30 (2), 31 (3), Fri 1 Jan is a holiday, Mon 4 Jan (4), Tue 5 Jan 2027 (5).
    assert code_deadline(EventType.NO_FURTHER_ACTION, christmas_eve, False, WALES) == utc(
        2027, 1, 5, 23, 59, 59
    )


def test_christmas_2027_skips_both_substitute_days():
    # Christmas Day and Boxing Day 2027 fall at the weekend; Mon 27 and Tue 28 are holidays.
    deadline = code_deadline(EventType.SUSPECT_ARRESTED, london(2027, 12, 24, 9, 0), True, WALES)
    assert deadline == utc(2027, 12, 29, 23, 59, 59)


def test_the_new_year_bank_holiday_is_skipped_but_2_january_is_not():
    # 31 Dec 2025 (Wed): 1 Jan is a bank holiday, 2 Jan (Fri) is a working day outside Scotland.
    deadline = code_deadline(EventType.CHARGED, london(2025, 12, 31, 11, 0), True, ENGLAND)
    assert deadline == utc(2026, 1, 2, 23, 59, 59)


def test_st_andrews_day_is_a_working_day_for_welsh_and_english_forces():
    for country in (ENGLAND, WALES):
        deadline = code_deadline(EventType.CHARGED, london(2026, 11, 27, 12, 0), True, country)
        assert deadline == utc(2026, 11, 30, 23, 59, 59)


def test_england_and_wales_give_the_same_deadlines_on_the_same_dates():
    for occurred in (london(2026, 4, 2, 9, 0), london(2026, 12, 23, 9, 0), london(2027, 3, 25, 9)):
        for enhanced in (True, False):
            assert code_deadline(
                EventType.SUSPECT_ARRESTED, occurred, enhanced, ENGLAND
            ) == code_deadline(EventType.SUSPECT_ARRESTED, occurred, enhanced, WALES)


def test_a_support_referral_is_due_in_two_working_days_even_without_the_enhanced_service():
    friday = london(2026, 1, 16, 15, 0)
    expected = utc(2026, 1, 20, 23, 59, 59)  # Mon 19 (1), Tue 20 (2)
    assert code_deadline(EventType.SUPPORT_REFERRAL, friday, False, ENGLAND) == expected
    assert code_deadline(EventType.SUPPORT_REFERRAL, friday, True, ENGLAND) == expected


def test_an_event_at_half_past_eleven_on_a_sunday_night_in_summer_counts_as_that_sunday():
    sunday_night = london(2026, 6, 14, 23, 30)  # 22:30 UTC, still Sunday in London
    deadline = code_deadline(EventType.SUSPECT_ARRESTED, sunday_night, True, ENGLAND)
    assert deadline == utc(2026, 6, 15, 22, 59, 59)  # end of Monday


def test_an_event_just_after_midnight_in_summer_counts_as_the_london_day_not_the_utc_day():
    monday_early = utc(2026, 6, 14, 23, 30)  # 00:30 BST on Monday 15 June
    deadline = code_deadline(EventType.SUSPECT_ARRESTED, monday_early, True, ENGLAND)
    assert deadline == utc(2026, 6, 16, 22, 59, 59)  # end of Tuesday


def test_a_deadline_after_the_clocks_go_forward_uses_summer_time():
    # Friday 27 March 2026 is GMT; BST starts Sunday 29 March; due end of Monday 30 March.
    deadline = code_deadline(EventType.CHARGED, london(2026, 3, 27, 12, 0), True, ENGLAND)
    assert deadline == utc(2026, 3, 30, 22, 59, 59)


def test_a_deadline_after_the_clocks_go_back_uses_greenwich_time():
    # Friday 23 Oct 2026 (BST); clocks go back Sunday 25; five working days: Friday 30 Oct.
    deadline = code_deadline(EventType.CHARGED, london(2026, 10, 23, 12, 0), False, ENGLAND)
    assert deadline == utc(2026, 10, 30, 23, 59, 59)


def test_routine_updates_and_other_updates_have_no_event_deadline():
    for event_type in (EventType.ROUTINE_UPDATE, EventType.OTHER, EventType.OFFICER_CHANGED):
        assert code_deadline(event_type, london(2026, 6, 5, 15, 0), True, ENGLAND) is None


def test_a_stored_event_type_string_is_accepted():
    deadline = code_deadline("suspect_arrested", london(2026, 6, 5, 15, 0), True, "england")
    assert deadline == utc(2026, 6, 8, 22, 59, 59)


def test_a_naive_event_time_is_refused():
    with pytest.raises(ValueError):
        code_deadline(EventType.CHARGED, datetime(2026, 6, 5, 15, 0), True, ENGLAND)


def test_an_update_published_during_the_last_second_of_the_day_is_on_time():
    deadline = utc(2026, 6, 8, 22, 59, 59)
    assert not is_overdue(deadline, utc(2026, 6, 8, 22, 59, 59, 999_999))
    assert is_overdue(deadline, utc(2026, 6, 8, 23, 0, 0))
    assert not is_overdue(None, utc(2030, 1, 1))


# Routine contact


def test_monthly_contact_after_31_january_is_due_on_28_february():
    due = next_routine_due(utc(2026, 1, 31, 10, 0), RoutineFrequency.MONTHLY)
    assert due == utc(2026, 2, 28, 23, 59, 59)


def test_monthly_contact_after_31_january_in_a_leap_year_is_due_on_29_february():
    due = next_routine_due(utc(2028, 1, 31, 10, 0), RoutineFrequency.MONTHLY)
    assert due == utc(2028, 2, 29, 23, 59, 59)


def test_monthly_contact_in_december_is_due_in_january_of_the_next_year():
    due = next_routine_due(utc(2026, 12, 15, 10, 0), "monthly")
    assert due == utc(2027, 1, 15, 23, 59, 59)


def test_fortnightly_contact_is_due_fourteen_days_later_in_london_time():
    # Friday 20 March 2026 (GMT) -> Friday 3 April 2026 (BST).
    due = next_routine_due(utc(2026, 3, 20, 10, 0), RoutineFrequency.FORTNIGHTLY)
    assert due == utc(2026, 4, 3, 22, 59, 59)
    # 23:30 UTC on Sunday 14 June is 00:30 on Monday 15 June in London.
    due = next_routine_due(utc(2026, 6, 14, 23, 30), RoutineFrequency.FORTNIGHTLY)
    assert due == utc(2026, 6, 29, 22, 59, 59)


def test_key_decisions_only_has_no_routine_due_date():
    assert next_routine_due(utc(2026, 1, 31, 10, 0), RoutineFrequency.KEY_DECISIONS_ONLY) is None
    assert RoutineFrequency.KEY_DECISIONS_ONLY == "key_decisions"


# Victims' Right to Review


def test_a_review_may_be_requested_until_the_same_day_three_months_later():
    # Told 15 January 2026 (GMT); 15 April 2026 is in BST.
    assert vrr_request_deadline(utc(2026, 1, 15, 14, 0)) == utc(2026, 4, 15, 22, 59, 59)


def test_the_review_request_period_ends_at_the_end_of_a_shorter_month():
    assert vrr_request_deadline(utc(2026, 11, 30, 14, 0)) == utc(2027, 2, 28, 23, 59, 59)
    assert vrr_request_deadline(utc(2027, 11, 30, 14, 0)) == utc(2028, 2, 29, 23, 59, 59)


def test_a_review_request_made_before_easter_is_acknowledged_within_ten_working_days():
    # Thu 2 April 2026; Good Friday and Easter Monday skipped: Tue 7 (1) ... Mon 20 April (10).
    requested = london(2026, 4, 2, 11, 0)
    assert vrr_acknowledge_by(requested, ENGLAND) == utc(2026, 4, 20, 22, 59, 59)
    assert vrr_acknowledge_by(requested, WALES) == utc(2026, 4, 20, 22, 59, 59)


def test_a_review_decision_is_normally_due_within_thirty_working_days_over_two_bank_holidays():
    # From Thu 2 April 2026: Mon 20 April is day 10, Fri 1 May day 19, Mon 4 May is a bank
    # holiday, Tue 5 May day 20, ... Tue 19 May day 30.
    assert vrr_decision_by(london(2026, 4, 2, 11, 0), WALES) == utc(2026, 5, 19, 22, 59, 59)


# Events and what they say


def test_every_event_type_has_a_rule_under_its_own_type():
    assert set(EVENTS) == set(EventType)
    for event_type, rule in EVENTS.items():
        assert rule.type is event_type
        assert event_rule(event_type.value) is rule


def test_event_types_are_stored_as_lower_snake_strings_that_fit_the_column():
    for event_type in EventType:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", event_type.value)
        assert len(event_type.value) <= 40


def test_an_unknown_event_type_raises_key_error():
    with pytest.raises(KeyError):
        event_rule("made_up")


def test_the_code_events_carry_the_key_event_deadline():
    key_events = {
        EventType.DECISION_NOT_TO_INVESTIGATE,
        EventType.SUSPECT_ARRESTED,
        EventType.INTERVIEWED_UNDER_CAUTION,
        EventType.RELEASED_ON_BAIL,
        EventType.RELEASED_UNDER_INVESTIGATION,
        EventType.BAIL_CONDITIONS_CHANGED,
        EventType.CHARGED,
        EventType.NO_FURTHER_ACTION,
        EventType.OUT_OF_COURT_DISPOSAL,
    }
    for event_type in key_events:
        assert event_rule(event_type).deadline_kind is DeadlineKind.KEY_EVENT
    assert event_rule(EventType.SUPPORT_REFERRAL).deadline_kind is DeadlineKind.SUPPORT_REFERRAL
    assert event_rule(EventType.ROUTINE_UPDATE).deadline_kind is DeadlineKind.NONE


def test_no_further_action_explains_the_right_to_review_and_its_three_month_limit():
    rule = event_rule(EventType.NO_FURTHER_ACTION)
    text = " ".join(str(s) for s in (rule.what_happened, rule.what_it_means, rule.what_you_can_do))
    assert rule.mentions_right_to_review
    assert rule.sensitive_by_default
    assert "Victims' Right to Review" in text
    assert "3 months" in text


def test_only_rules_that_explain_the_review_say_they_mention_it():
    for rule in EVENTS.values():
        text = str(rule.what_you_can_do)
        assert rule.mentions_right_to_review == ("Right to Review" in text), rule.type


def test_decisions_that_may_upset_carry_a_content_note_by_default():
    assert event_rule(EventType.DECISION_NOT_TO_INVESTIGATE).sensitive_by_default
    assert event_rule(EventType.NO_FURTHER_ACTION).sensitive_by_default
    assert not event_rule(EventType.ROUTINE_UPDATE).sensitive_by_default


def test_every_victim_text_is_whole_sentences_of_plain_length():
    for rule in EVENTS.values():
        assert str(rule.staff_label) and str(rule.victim_title)
        assert not str(rule.victim_title).endswith(".")
        for field in (rule.what_happened, rule.what_it_means, rule.what_you_can_do):
            text = str(field)
            assert text.endswith("."), (rule.type, text)
            for sentence in re.split(r"(?<=\.) ", text):
                assert len(sentence.split()) <= 25, (rule.type, sentence)


def test_victim_titles_use_no_police_acronyms():
    for rule in EVENTS.values():
        assert not [t for t in find_jargon(str(rule.victim_title)) if t.is_acronym], rule.type


def test_victim_text_never_calls_the_reader_a_victim_or_survivor():
    # The victim chooses "victim", "survivor" or neither; only the names of rights say it.
    for rule in EVENTS.values():
        for field in (rule.victim_title, rule.what_happened, rule.what_it_means):
            assert not re.search(r"\b(victim|survivor)s?\b", str(field), re.IGNORECASE)


# Jargon


def test_find_jargon_finds_acronyms_in_any_case_and_bail_as_a_word():
    assert terms("Suspect NFA'd last week; the other was rui and is on bail.") == [
        "suspect",
        "NFA",
        "RUI",
        "bail",
    ]


def test_find_jargon_does_not_find_charge_inside_discharged():
    assert terms("He was discharged from hospital.") == []
    assert terms("He was charged on Monday.") == ["charge"]


def test_find_jargon_prefers_the_longer_phrase_and_lists_each_term_once():
    text = "Bail conditions were varied. He was interviewed under caution. Bail again, CPS, cps."
    assert terms(text) == ["bail conditions", "interview under caution", "bail", "CPS"]


def test_find_jargon_does_not_match_inside_other_words():
    assert terms("The bailiff arrived; cautionary tale; CPSA; prefixed") == []


def test_find_jargon_matches_out_of_court_disposal_with_or_without_hyphens():
    assert terms("an out of court disposal") == ["out-of-court disposal"]


def test_abe_is_jargon_only_in_capitals():
    assert terms("Abe came with me to the ABE interview.") == ["ABE"]


def test_the_jargon_list_covers_the_words_officers_use_most():
    required = {"NFA", "RUI", "CPS", "VRR", "bail", "bail conditions", "ISVA", "SARC", "VPS"}
    required |= {"OIC", "suspect", "charge", "caution", "interview under caution"}
    required |= {"out-of-court disposal", "special measures", "CICA", "disclosure", "PNC"}
    assert required <= set(JARGON)
    for term in JARGON.values():
        assert str(term.plain_alternative) and str(term.explanation).endswith(".")


# Rights, offers and offences


def test_the_twelve_rights_are_numbered_one_to_twelve_in_order():
    assert [right.number for right in RIGHTS] == list(range(1, 13))
    assert len({right.key for right in RIGHTS}) == 12
    assert RIGHTS[3].key == "support"
    assert RIGHTS[11].key == "complain"


def test_each_offer_names_the_right_it_is_made_under():
    assert OfferKind.INTERPRETER.right.number == 1
    assert OfferKind.SUPPORT_REFERRAL.right.number == 4
    assert OfferKind.VICTIM_PERSONAL_STATEMENT.right.number == 7
    for offer in OfferKind:
        assert str(offer.label)


def test_every_sexual_offence_category_is_entitled_to_the_enhanced_service():
    for category in OffenceCategory:
        assert requires_enhanced_service(category)
        assert str(category.staff_label)
    assert requires_enhanced_service("rape")
    with pytest.raises(ValueError):
        requires_enhanced_service("burglary")


def test_lazy_text_translates_inside_a_flask_request_too():
    from flask import Flask
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        assert str(event_rule(EventType.SUSPECT_ARRESTED).victim_title) == (
            "Someone has been arrested"
        )
