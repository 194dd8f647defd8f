"""The twelve rights, each with what it means for this victim, from what staff recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l

from portal.data import victim_queries as queries
from portal.data.models import OfferResponse, ReviewRequest, RightsRecord, Terminology, Update
from portal.rules import review as review_rules
from portal.rules.victims_code import (
    RIGHTS,
    OfferKind,
    requires_enhanced_service,
)
from portal.rules.victims_code.review_schemes import Scheme, cps_request_dates

ENHANCED = {
    Terminology.VICTIM: _l(
        "As a victim of a sexual offence, you are entitled to the enhanced service. "
        "This means you should be told about important decisions within 1 working day, "
        "and be offered extra help."
    ),
    Terminology.SURVIVOR: _l(
        "As a survivor of a sexual offence, you are entitled to the enhanced service. "
        "This means you should be told about important decisions within 1 working day, "
        "and be offered extra help."
    ),
    Terminology.NEITHER: _l(
        "Because of what you reported, you are entitled to the enhanced service. "
        "This means you should be told about important decisions within 1 working day, "
        "and be offered extra help."
    ),
}
RESPONSES = {
    OfferResponse.ACCEPTED: _l("You said yes."),
    OfferResponse.DECLINED: _l("You said no. You can change your mind at any time."),
    OfferResponse.NOT_YET: _l("You have not decided yet. There is no rush."),
}
NOT_OFFERED_YET = {
    OfferKind.INTERPRETER: _l(
        "If you would like an interpreter or something translated, ask your officer."
    ),
    OfferKind.SUPPORT_REFERRAL: _l(
        "Your officer has not recorded a referral yet. You can ask for one at any time."
    ),
    OfferKind.VICTIM_PERSONAL_STATEMENT: _l(
        "Your officer has not recorded offering this yet. You can ask to make one at any time."
    ),
}
# The offers shown under a right; enhanced service is said once, above all rights.
SHOWN_OFFERS = (
    OfferKind.INTERPRETER,
    OfferKind.SUPPORT_REFERRAL,
    OfferKind.VICTIM_PERSONAL_STATEMENT,
)
REVIEW_RIGHT = 6


@dataclass
class Offer:
    kind: OfferKind
    record: RightsRecord

    @property
    def response_text(self):
        return RESPONSES.get(self.record.response, RESPONSES[OfferResponse.NOT_YET])


@dataclass
class ReviewChance:
    """A decision not to charge, the last day to ask for its review, and the request if sent."""

    decision: Update
    deadline: datetime
    request: ReviewRequest | None = None
    scheme: Scheme = Scheme.POLICE
    prompt_by: datetime | None = None  # the CPS scheme only: for a prompt review


@dataclass
class RightForYou:
    right: object
    offers: list[Offer] = field(default_factory=list)
    not_offered: list = field(default_factory=list)
    reviews: list[ReviewChance] = field(default_factory=list)


def enhanced_service_applies(cases) -> bool:
    def applies(case) -> bool:
        try:
            return case.enhanced_service or requires_enhanced_service(case.offence_category)
        except ValueError:
            return case.enhanced_service

    return any(applies(case) for case in cases)


def enhanced_sentence(victim):
    return ENHANCED.get(victim.terminology, ENHANCED[Terminology.NEITHER])


def review_chances(victim) -> list[ReviewChance]:
    """Each decision not to charge the victim was told of, oldest first, with the last day
    to ask for a review (counted as the review form counts it) and any request sent.

    Decisions, not corrections of them: a correction leads to the same review form. The
    same decisions as the home page offers: one the victim chose to read later behind its
    content note is not given away here either."""
    chances = []
    for decision, request in review_rules.decisions_to_offer(victim):
        scheme = review_rules.scheme_of(decision)
        deadline = review_rules.time_left(decision, decision.published_at).deadline
        prompt_by = None
        if scheme is Scheme.CPS:
            country = decision.case.force_country
            prompt_by = cps_request_dates(decision.published_at, country).prompt_by
        chances.append(ReviewChance(decision, deadline, request, scheme, prompt_by))
    return chances


def rights_for(victim) -> list[RightForYou]:
    records = queries.rights_records(victim)
    rights = {right.number: RightForYou(right=right) for right in RIGHTS}
    for kind in SHOWN_OFFERS:
        mine = [record for record in records if record.offer == kind]
        target = rights[kind.right.number]
        target.offers.extend(Offer(kind=kind, record=record) for record in mine)
        if not mine:
            target.not_offered.append(NOT_OFFERED_YET[kind])
    rights[REVIEW_RIGHT].reviews = review_chances(victim)
    return [rights[right.number] for right in RIGHTS]
