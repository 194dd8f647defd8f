"""The Victims' Right to Review (VRR) of a police decision not to charge.

Victims' Code 2020, Right 6: a victim told of a decision not to charge is told how to ask
for a review. The police scheme's time limits are in the National Police Chiefs' Council
"National Policing Guidelines on Police Victims' Right to Review" (2015): the victim may
ask within 3 months of being told of the decision (the period for seeking judicial review);
the force acknowledges the request within 10 working days; and it normally completes the
review and tells the victim the result within 30 working days (about 6 weeks) of receiving
the request, telling the victim if a complex case needs longer.

Each deadline is the end of a London day, returned in UTC, as in `deadlines.py`.
"""

from __future__ import annotations

from datetime import datetime

from portal.rules.victims_code.london_time import (
    add_calendar_months,
    end_of_london_day,
    london_date,
)
from portal.rules.victims_code.working_days import Country, add_working_days

# NPCC Police VRR guidelines: request within 3 months of being told of the decision.
VRR_REQUEST_MONTHS = 3
# NPCC Police VRR guidelines: acknowledge a request within 10 working days.
VRR_ACKNOWLEDGE_WORKING_DAYS = 10
# NPCC Police VRR guidelines: decide and tell the victim within 30 working days, normally.
VRR_DECISION_WORKING_DAYS = 30


def vrr_request_deadline(told_at: datetime) -> datetime:
    """The last moment to ask for a review: the end of the same day 3 months later.

    Told on 15 January, the victim may ask until the end of 15 April; told on 30 November,
    until the end of 28 February (29 in a leap year). A force may still accept a later
    request at its discretion, so this is the date to show, not a reason to refuse.
    """
    return end_of_london_day(add_calendar_months(london_date(told_at), VRR_REQUEST_MONTHS))


def vrr_acknowledge_by(requested_at: datetime, country: Country | str) -> datetime:
    """The end of the 10th working day after the request was received."""
    day = add_working_days(london_date(requested_at), VRR_ACKNOWLEDGE_WORKING_DAYS, country)
    return end_of_london_day(day)


def vrr_decision_by(requested_at: datetime, country: Country | str) -> datetime:
    """The end of the 30th working day after the request: when the result is normally due."""
    day = add_working_days(london_date(requested_at), VRR_DECISION_WORKING_DAYS, country)
    return end_of_london_day(day)
