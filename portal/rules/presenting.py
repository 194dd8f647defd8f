"""How an update reads to the victim: the Code's plain words, the officer's own words, any
correction beside it, and the jargon in it explained."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.data import victim_queries as queries
from portal.data.models import Case, CaseStatus, ReviewRequest, Update, utcnow
from portal.extensions import db
from portal.rules.languages import DEFAULT_LANGUAGE
from portal.rules.victims_code import (
    EventType,
    event_rule,
    find_jargon,
    next_routine_due,
    vrr_request_deadline,
)

# In the list of updates, a sensitive update is named gently; its own title waits behind
# the content note.
SENSITIVE_LIST_TITLE = _l("An important update")


def rule_for(update: Update):
    try:
        return event_rule(update.event_type)
    except KeyError:  # a type retired since publication: still show the officer's words
        return event_rule(EventType.OTHER)


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

    @property
    def title(self):
        return self.rule.victim_title

    @property
    def list_title(self):
        return SENSITIVE_LIST_TITLE if self.update.sensitive else self.rule.victim_title

    @property
    def is_unread(self) -> bool:
        return self.update.read_at is None


def review_decision(update: Update) -> Update | None:
    """The decision not to charge that `update` gives the right to a review of, if any.

    A correction leads back to the decision it corrects (as the review form does), so the
    time left is counted from when the victim was first told, wherever it is read.
    """
    decision = update
    if update.corrects_id is not None:
        # A draft in the officer's preview is never added to the session: no autoflush.
        with db.session.no_autoflush:
            decision = update.corrects or db.session.get(Update, update.corrects_id) or update
    return decision if rule_for(decision).mentions_right_to_review else None


def _review_deadline(update: Update) -> datetime | None:
    if not rule_for(update).mentions_right_to_review:
        return None
    decision = review_decision(update) or update
    return vrr_request_deadline(decision.published_at)


def summary(update: Update) -> UpdateView:
    """Enough to list an update on the home page."""
    return UpdateView(update=update, rule=rule_for(update), paragraphs=[])


def full(update: Update) -> UpdateView:
    """Everything the update page shows, corrections and explained words included."""
    view = UpdateView(update=update, rule=rule_for(update), paragraphs=paragraphs(update.free_text))
    view.corrections = [
        UpdateView(update=c, rule=rule_for(c), paragraphs=paragraphs(c.free_text))
        for c in queries.corrections_of(update)
    ]
    view.jargon = explained_words(view)
    view.review_deadline = _review_deadline(update)
    return view


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
    case, event_type: str, occurred_at: datetime, free_text: str | None, officer, corrects_id=None
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
    )
    update.free_text = free_text
    view = UpdateView(update=update, rule=rule_for(update), paragraphs=paragraphs(free_text))
    view.jargon = explained_words(view)
    view.review_deadline = _review_deadline(update)
    return view


def routine_due(case: Case, frequency: str) -> datetime | None:
    if case.status != CaseStatus.OPEN:
        return None
    try:
        return next_routine_due(case.last_contact_at, frequency)
    except ValueError:  # an unknown stored frequency: say nothing rather than guess
        return None
