"""The rules of the Victims' Code as the portal uses them: data and plain functions.

Code of Practice for Victims of Crime in England and Wales (2020, in force 1 April 2021),
with the police Victims' Right to Review scheme. Views, the publishing service and the
notification worker call these functions; nothing here touches the database or a request.

- `events`: what each kind of update says to the victim and which deadline applies.
- `deadlines`: when the victim must be told, and when routine contact is due.
- `review`: the police Victims' Right to Review time limits.
- `review_schemes`: which scheme (police or CPS) covers a decision, and the CPS's limits.
- `event_time`: no event dated in the future, with a small clock allowance.
- `working_days`: weekends and the bank holidays of England or of Wales.
- `rights`, `offences`, `jargon`: the twelve rights, offence categories, plain words.
"""

from portal.rules.victims_code.deadlines import (
    KEY_EVENT_WORKING_DAYS_ENHANCED,
    KEY_EVENT_WORKING_DAYS_STANDARD,
    SUPPORT_REFERRAL_WORKING_DAYS,
    RoutineFrequency,
    code_deadline,
    is_overdue,
    next_routine_due,
    working_days_allowed,
)
from portal.rules.victims_code.events import EVENTS, DeadlineKind, EventRule, EventType, event_rule
from portal.rules.victims_code.jargon import JARGON, Term, find_jargon
from portal.rules.victims_code.london_time import LONDON, end_of_london_day, london_date
from portal.rules.victims_code.offences import OffenceCategory, requires_enhanced_service
from portal.rules.victims_code.review import (
    vrr_acknowledge_by,
    vrr_decision_by,
    vrr_request_deadline,
)
from portal.rules.victims_code.rights import RIGHTS, OfferKind, Right, right
from portal.rules.victims_code.working_days import (
    Country,
    add_working_days,
    bank_holidays,
    is_working_day,
)

__all__ = [
    "EVENTS",
    "JARGON",
    "KEY_EVENT_WORKING_DAYS_ENHANCED",
    "KEY_EVENT_WORKING_DAYS_STANDARD",
    "LONDON",
    "RIGHTS",
    "SUPPORT_REFERRAL_WORKING_DAYS",
    "Country",
    "DeadlineKind",
    "EventRule",
    "EventType",
    "OffenceCategory",
    "OfferKind",
    "Right",
    "RoutineFrequency",
    "Term",
    "add_working_days",
    "bank_holidays",
    "code_deadline",
    "end_of_london_day",
    "event_rule",
    "find_jargon",
    "is_overdue",
    "is_working_day",
    "london_date",
    "next_routine_due",
    "requires_enhanced_service",
    "right",
    "vrr_acknowledge_by",
    "vrr_decision_by",
    "vrr_request_deadline",
    "working_days_allowed",
]
