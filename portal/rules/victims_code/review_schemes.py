"""Which review scheme covers a decision, and the CPS scheme's time limits.

Two schemes exist, run by different bodies, with different limits and letters:

- The police Victims' Right to Review (National Police Chiefs' Council, "National Policing
  Guidelines on Police Victims' Right to Review", 2015): a police decision not to charge a
  suspect who was interviewed under caution (or reported to the CPS). A decision about a
  suspect never interviewed under caution is not covered, nor is a decision not to
  investigate. Its limits are in `review.py`; the request goes to the force's supervisors.
- The CPS Victims' Right to Review (Crown Prosecution Service, "Victims' Right to Review
  Guidance", revised 2020, Annex B "Timeframes"): a CPS decision not to charge, or to stop a
  case (discontinuance). The victim asks the CPS, not the police: for a prompt review within
  10 working days of being told of the decision; the CPS considers requests up to 3 months
  from being told, and later ones only in exceptional circumstances; it aims to tell the
  victim the result within 30 working days of the request. The portal never puts a CPS
  decision in the police queue: it tells the victim how to ask the CPS and records that
  she is asking, so her officer can help.

Dates are the end of a London day, in UTC, as in `deadlines.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from portal.rules.victims_code.events import DecisionMaker, EventType, event_rule
from portal.rules.victims_code.london_time import (
    add_calendar_months,
    end_of_london_day,
    london_date,
)
from portal.rules.victims_code.working_days import Country, add_working_days

# CPS VRR Guidance (revised 2020), Annex B: ask within 10 working days for a prompt review.
CPS_PROMPT_REQUEST_WORKING_DAYS = 10
# CPS VRR Guidance: requests considered up to 3 months from being told; later, only in
# exceptional circumstances.
CPS_REQUEST_MONTHS = 3
# CPS VRR Guidance: the CPS aims to tell the victim the result within 30 working days.
CPS_DECISION_WORKING_DAYS = 30


class Scheme(StrEnum):
    """Which body reviews a decision; stored on a review request as the plain value."""

    POLICE = "police"
    CPS = "cps"


# Decisions the CPS scheme covers, when the CPS made them.
_CPS_REVIEWABLE = frozenset(
    {EventType.NO_FURTHER_ACTION, EventType.CPS_NO_CHARGE, EventType.CPS_DISCONTINUANCE}
)


def decision_maker(event_type: str, decided_by: str | None) -> DecisionMaker | None:
    """Who made the decision an update reports, or None for an event that is no decision.

    A kind of event only one body can decide (a CPS discontinuance, a decision not to
    investigate) is theirs whatever was stored. A decision published before the portal
    asked who decided (so `decided_by` is empty) was the police's: until then every
    decision was presented as one.
    """
    try:
        makers = event_rule(event_type).decision_makers
    except KeyError:
        return None
    if not makers:
        return None
    if len(makers) == 1:
        return makers[0]
    if decided_by in {maker.value for maker in makers}:
        return DecisionMaker(decided_by)
    return DecisionMaker.POLICE


def scheme_for(
    event_type: str, decided_by: str | None, suspect_interviewed: bool | None
) -> Scheme | None:
    """The review scheme open to the victim for this decision, or None if neither applies.

    `suspect_interviewed` None means the portal was not told (an update published before
    it asked): the police scheme is then offered, as it was, rather than taken away.
    """
    maker = decision_maker(event_type, decided_by)
    if maker is DecisionMaker.CPS and event_type in _CPS_REVIEWABLE:
        return Scheme.CPS
    if (
        maker is DecisionMaker.POLICE
        and event_type == EventType.NO_FURTHER_ACTION
        and suspect_interviewed is not False
    ):
        return Scheme.POLICE
    return None


@dataclass(frozen=True)
class CpsDates:
    """What the victim reads about asking the CPS, worked out from when she was told."""

    prompt_by: datetime  # the end of the 10th working day: for a prompt review
    request_by: datetime  # the end of the same day 3 months later: the usual last day


def cps_request_dates(told_at: datetime, country: Country | str) -> CpsDates:
    """Told on 31 December 2026 (England): prompt by 15 January 2027, 1 January being a
    bank holiday; the 3 months end on 31 March 2027."""
    told = london_date(told_at)
    return CpsDates(
        prompt_by=end_of_london_day(
            add_working_days(told, CPS_PROMPT_REQUEST_WORKING_DAYS, Country(country))
        ),
        request_by=end_of_london_day(add_calendar_months(told, CPS_REQUEST_MONTHS)),
    )


def cps_decision_by(requested_at: datetime, country: Country | str) -> datetime:
    """The end of the 30th working day after the request: when the CPS aims to answer."""
    day = add_working_days(london_date(requested_at), CPS_DECISION_WORKING_DAYS, Country(country))
    return end_of_london_day(day)
