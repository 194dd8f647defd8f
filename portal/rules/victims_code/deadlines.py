"""By when the police must tell a victim about an event, and when routine contact is due.

The rule, precisely: an event's deadline is the END (23:59:59, London time) of the Nth
working day after the calendar day, in London, on which the event happened. N is 1 for a
victim entitled to the enhanced service and 5 otherwise (Victims' Code 2020, Right 6), and
2 for everyone for a referral to a support service (Right 4). The day of the event never
counts, so an event at 09:00 on a Monday and one at 23:30 on the Sunday before are both due
at the end of Tuesday for an enhanced victim, and one on a Friday afternoon at the end of
Monday (Tuesday when Monday is a bank holiday). "Within N working days" is read, as the
Code's readers do, as "by the end of the Nth working day after".

Deadlines are returned as aware UTC datetimes, which is how the database stores them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from portal.rules.victims_code.events import DeadlineKind, EventType, event_rule
from portal.rules.victims_code.london_time import (
    add_calendar_months,
    end_of_london_day,
    london_date,
    require_aware,
)
from portal.rules.victims_code.working_days import Country, add_working_days, is_working_day

# Victims' Code 2020, Right 6: key events within 1 working day for victims entitled to
# enhanced rights (all victims of sexual offences among them) and 5 working days otherwise.
KEY_EVENT_WORKING_DAYS_ENHANCED = 1
KEY_EVENT_WORKING_DAYS_STANDARD = 5
# Victims' Code 2020, Right 4: details passed to a support service within 2 working days,
# whether or not the victim is entitled to enhanced rights.
SUPPORT_REFERRAL_WORKING_DAYS = 2

# Victims' Code 2020, Right 6: the police agree with the victim how often they will be
# updated, and the victim may change it at any time.
FORTNIGHT = timedelta(days=14)


class RoutineFrequency(StrEnum):
    """How often the victim asked to hear from the police; stored as the plain value."""

    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    KEY_DECISIONS_ONLY = "key_decisions"


def working_days_allowed(event_type: EventType | str, enhanced: bool) -> int | None:
    """How many working days the Code allows for telling the victim; None if no deadline."""
    kind = event_rule(event_type).deadline_kind
    if kind is DeadlineKind.KEY_EVENT:
        return KEY_EVENT_WORKING_DAYS_ENHANCED if enhanced else KEY_EVENT_WORKING_DAYS_STANDARD
    if kind is DeadlineKind.SUPPORT_REFERRAL:
        return SUPPORT_REFERRAL_WORKING_DAYS
    return None


def code_deadline(
    event_type: EventType | str,
    occurred_at: datetime,
    enhanced: bool,
    country: Country | str,
) -> datetime | None:
    """The moment by which the victim must have been told, or None for a routine update.

    `occurred_at` must be aware; `country` is the force's, whose bank holidays are skipped.
    """
    require_aware(occurred_at, "occurred_at")
    days = working_days_allowed(event_type, enhanced)
    if days is None:
        return None
    due_day = add_working_days(london_date(occurred_at), days, Country(country))
    return end_of_london_day(due_day)


def referral_deadline(reported_on: date, country: Country | str) -> datetime:
    """The end of the 2nd working day after the day the crime was reported (Right 4).

    The duty is to refer the victim to support within 2 working days of the report, so the
    clock starts at the report, not when the victim is told of the referral. Reported on
    Thursday 24 December 2026 in England: due at the end of Wednesday 30 December, 25 and
    28 December being bank holidays.
    """
    due_day = add_working_days(reported_on, SUPPORT_REFERRAL_WORKING_DAYS, Country(country))
    return end_of_london_day(due_day)


def on_or_after_working_day(day: date, country: Country | str) -> date:
    """`day`, or the first working day after it: a "by" date never falls on a day off."""
    while not is_working_day(day, country):
        day += timedelta(days=1)
    return day


def is_overdue(deadline: datetime | None, now: datetime) -> bool:
    """True once `now` is past the deadline; an event with no deadline is never overdue.

    Fractions of a second are ignored, so anything done during the deadline's last second
    (23:59:59.x London time) still counts as on time.
    """
    if deadline is None:
        return False
    require_aware(now, "now")
    return now.replace(microsecond=0) > require_aware(deadline, "deadline")


def next_routine_due(
    last_contact_at: datetime,
    frequency: RoutineFrequency | str,
    country: Country | str | None = None,
) -> datetime | None:
    """When the next routine update is due, as the end of that London day, in UTC.

    Fortnightly: 14 days after the day of the last contact. Monthly: the same day of the
    next calendar month, or that month's last day when it is shorter (31 January gives 28
    or 29 February). Key decisions only: None, since no routine contact was agreed.
    Like the event deadlines, the due time is the end of a London day, so a reminder does
    not turn overdue at an odd hour or move by an hour when the clocks change.
    With the case's `country`, a day that is a weekend or a bank holiday there moves on to
    the next working day: an officer is not expected to call on 25 December, so the victim
    is never promised it (11 December 2026, fortnightly: due Tuesday 29 December, not
    Christmas Day).
    """
    frequency = RoutineFrequency(frequency)
    last_day = london_date(last_contact_at)
    if frequency is RoutineFrequency.FORTNIGHTLY:
        due = last_day + FORTNIGHT
    elif frequency is RoutineFrequency.MONTHLY:
        due = add_calendar_months(last_day, 1)
    else:
        return None
    if country is not None:
        due = on_or_after_working_day(due, country)
    return end_of_london_day(due)
