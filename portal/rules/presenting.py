"""How an update reads to the victim: the Code's plain words, the officer's own words, any
correction beside it, and the jargon in it explained."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.data import victim_queries as queries
from portal.data.models import Case, CaseStatus, OfficerChange, ReviewRequest, Update, utcnow
from portal.extensions import db
from portal.rules.languages import DEFAULT_LANGUAGE
from portal.rules.reassignment import change_told_by
from portal.rules.victims_code import (
    EventType,
    event_rule,
    find_jargon,
    next_routine_due,
    vrr_request_deadline,
)
from portal.rules.victims_code.events import DecisionMaker
from portal.rules.victims_code.review_schemes import (
    CpsDates,
    Scheme,
    cps_request_dates,
    decision_maker,
    scheme_for,
)

# In the list of updates, a sensitive update is named gently; its own title waits behind
# the content note.
SENSITIVE_LIST_TITLE = _l("An important update")


# A police decision not to charge a suspect who was never interviewed under caution: the
# police scheme does not cover it (NPCC Police VRR guidelines), so the update must not
# promise a review.
NO_POLICE_REVIEW = _l(
    "The police Victims' Right to Review covers decisions about a person who was "
    "interviewed under caution. The person you reported was not, so it does not apply here. "
    "You can ask your officer to explain the decision. If new information comes to light, "
    "the police can look at it again. You can still get support, whatever the decision."
)


def rule_for(update: Update):
    """The words for an update, following who made the decision and the scheme it opens.

    A "no further action" the CPS decided reads as the CPS's decision (never "the police
    have decided"); a police one the police scheme does not cover promises no review.
    """
    try:
        rule = event_rule(update.event_type)
    except KeyError:  # a type retired since publication: still show the officer's words
        return event_rule(EventType.OTHER)
    if update.event_type != EventType.NO_FURTHER_ACTION:
        return rule
    if decision_maker(update.event_type, update.decided_by) is DecisionMaker.CPS:
        cps = event_rule(EventType.CPS_NO_CHARGE)
        return replace(cps, type=rule.type, staff_label=rule.staff_label)
    if update.suspect_interviewed is False:
        return replace(
            rule,
            what_you_can_do=NO_POLICE_REVIEW,
            what_you_can_do_in_print=None,  # the printed review words would promise one
            mentions_right_to_review=False,
        )
    return rule


def scheme_of(update: Update) -> Scheme | None:
    """The review scheme the decision behind `update` opens (a correction: its original)."""
    decision = review_decision_of(update)
    return scheme_for(decision.event_type, decision.decided_by, decision.suspect_interviewed)


def paragraphs(text: str | None) -> list[str]:
    """The officer's text as paragraphs: a blank line starts a new one."""
    if not text:
        return []
    return [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


@dataclass
class UpdateView:
    update: Update
    rule: object
    paragraphs: list[str]
    corrections: list[UpdateView] = field(default_factory=list)
    jargon: list = field(default_factory=list)
    review_deadline: datetime | None = None
    link_corrected: bool = True  # off in the officer's preview: the link is the victim's
    # The victim's own review form for this decision, set only on the victim's own page:
    # everywhere else (the officer's preview, a supporter's page, the PDF) the same words
    # are shown without a link, since the form is the victim's alone.
    review_url: str | None = None
    review: ReviewRequest | None = None  # the victim's own request, if sent (their page only)
    scheme: Scheme | None = None
    cps_dates: CpsDates | None = None
    # For "You have a new officer": who the new officer is and why the case moved.
    officer_change: OfficerChange | None = None

    @property
    def title(self):
        return self.rule.victim_title

    @property
    def list_title(self):
        return SENSITIVE_LIST_TITLE if self.update.sensitive else self.rule.victim_title

    @property
    def is_unread(self) -> bool:
        return self.update.read_at is None


def review_decision_of(update: Update) -> Update:
    """The update itself, or for a correction the decision it corrects."""
    if update.corrects_id is None:
        return update
    # A draft in the officer's preview is never added to the session: no autoflush.
    with db.session.no_autoflush:
        return update.corrects or db.session.get(Update, update.corrects_id) or update


def review_decision(update: Update) -> Update | None:
    """The decision that `update` gives the right to a review of, if any.

    A correction leads back to the decision it corrects (as the review form does), so the
    time left is counted from when the victim was first told, wherever it is read.
    """
    decision = review_decision_of(update)
    return decision if scheme_of(decision) is not None else None


def _add_review(view: UpdateView) -> UpdateView:
    """The scheme and its dates: the police 3 months, or the CPS's own limits."""
    decision = review_decision(view.update)
    if decision is None:
        return view
    view.scheme = scheme_of(decision)
    if view.scheme is Scheme.CPS:
        view.cps_dates = cps_request_dates(decision.published_at, decision.case.force_country)
        view.review_deadline = view.cps_dates.request_by
    else:
        view.review_deadline = vrr_request_deadline(decision.published_at)
    return view


def summary(update: Update) -> UpdateView:
    """Enough to list an update on the home page."""
    return UpdateView(update=update, rule=rule_for(update), paragraphs=[])


def full(update: Update, corrections: list[Update] | None = None) -> UpdateView:
    """Everything the update page shows, corrections and explained words included: the
    corrections published beside `update`, found here unless the caller has them."""
    if corrections is None:
        corrections = queries.corrections_of(update)
    view = UpdateView(update=update, rule=rule_for(update), paragraphs=paragraphs(update.free_text))
    view.corrections = [
        UpdateView(update=c, rule=rule_for(c), paragraphs=paragraphs(c.free_text))
        for c in corrections
    ]
    view.jargon = explained_words(view)
    view.officer_change = change_told_by(update)
    return _add_review(view)


def explained_words(view: UpdateView) -> list:
    """Every jargon term that appears anywhere on the page, once, in the order found.

    The portal's own words are searched in English, whatever the page's language: the
    terms are the police's English words, which a translation rightly replaces, and a
    reader in Welsh or Arabic should get every explanation a reader in English gets.
    """
    with force_locale(DEFAULT_LANGUAGE):
        texts = [
            str(view.rule.what_happened),
            str(view.rule.what_it_means),
            str(view.rule.what_you_can_do),
        ]
    texts.extend(view.paragraphs)
    for correction in view.corrections:
        texts.extend(correction.paragraphs)
    return find_jargon("\n\n".join(texts))


def draft(
    case,
    event_type: str,
    occurred_at: datetime,
    free_text: str | None,
    officer,
    corrects_id=None,
    decided_by: str | None = None,
    suspect_interviewed: bool | None = None,
) -> UpdateView:
    """The view of an update not yet published, for the officer's preview.

    A transient Update, never added to the session: nothing is written by previewing.
    """
    update = Update(
        case_id=case.id,
        event_type=event_type,
        occurred_at=occurred_at,
        published_at=utcnow(),
        published_by=officer,
        corrects_id=corrects_id,
        language=case.victim.language,
        decided_by=decided_by,
        suspect_interviewed=suspect_interviewed,
    )
    update.free_text = free_text
    # The CPS dates need the case's country. Case has no list of updates, so setting this
    # adds nothing to the session: the draft stays unsaved.
    update.case = case
    view = UpdateView(update=update, rule=rule_for(update), paragraphs=paragraphs(free_text))
    view.jargon = explained_words(view)
    return _add_review(view)


def routine_due(case: Case, frequency: str) -> datetime | None:
    if case.status != CaseStatus.OPEN:
        return None
    try:
        return next_routine_due(case.last_contact_at, frequency, case.force_country)
    except ValueError:  # an unknown stored frequency: say nothing rather than guess
        return None
