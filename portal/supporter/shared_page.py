"""What a supporter sees through one grant: only what the victim chose to share.

Updates come only through `portal.data.scoping.shared_updates`; for "guides and dates" the
supporter sees when news was sent and when the next update is due, never what it said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from portal.data.models import Case, ShareScope, SupportGrant, Update, utcnow
from portal.data.scoping import live_grants, shared_updates
from portal.extensions import db
from portal.rules import belongings, pauses, presenting, safety
from portal.rules import records_requests as records_rules


@dataclass
class SharedPage:
    grant: SupportGrant
    updates: list[presenting.UpdateView] = field(default_factory=list)
    news_dates: list[datetime] = field(default_factory=list)
    next_due: list[datetime] = field(default_factory=list)
    pauses: list[pauses.ForVictim] = field(default_factory=list)
    # Shared only when she shares every update: requests for her records, what the police
    # took from her, and how the suspect was released (the conditions may name her address).
    records_requests: list = field(default_factory=list)
    belongings: list = field(default_factory=list)
    safety_records: list = field(default_factory=list)

    @property
    def name(self) -> str | None:
        # Only ever the name the person chose to be called, never their full name.
        return self.grant.victim.preferred_name

    @property
    def dates_only(self) -> bool:
        return self.grant.scope == ShareScope.GUIDES_AND_DATES


def grants_for(supporter) -> list[SupportGrant]:
    query = live_grants(supporter).order_by(SupportGrant.accepted_at, SupportGrant.id)
    return list(db.session.scalars(query))


def page_for(supporter, grant: SupportGrant) -> SharedPage:
    """`grant` must come from `portal.data.scoping.get_grant_or_404` for this supporter."""
    page = SharedPage(grant=grant)
    if page.dates_only:
        page.news_dates = _news_dates(grant)
    else:
        query = shared_updates(supporter, grant).order_by(Update.published_at.desc(), Update.id)
        page.updates = [presenting.summary(update) for update in db.session.scalars(query)]
    cases = list(
        db.session.scalars(
            select(Case).where(Case.victim_id == grant.victim_id).order_by(Case.created_at, Case.id)
        )
    )
    if grant.scope == ShareScope.EVERYTHING:
        page.records_requests = records_rules.for_victim(grant.victim)
        page.belongings = [item for case in cases for item in belongings.items_for(case)]
        page.safety_records = [row for case in cases if (row := safety.current(case))]
    page.pauses = pauses.shared_through(grant, utcnow())
    frequency = grant.victim.routine_frequency
    page.next_due = [
        due for case in cases if (due := presenting.routine_due(case, frequency)) is not None
    ]
    return page


def _news_dates(grant: SupportGrant) -> list[datetime]:
    query = (
        select(Update.published_at)
        .join(Case, Case.id == Update.case_id)
        .where(Case.victim_id == grant.victim_id)
        .order_by(Update.published_at.desc())
    )
    return list(db.session.scalars(query))


def grant_for_update(supporter, update: Update) -> SupportGrant:
    """The live grant through which `supporter` reads `update` (already in scope)."""
    return db.session.scalar(
        live_grants(supporter)
        .where(SupportGrant.victim_id == update.case.victim_id)
        .order_by(SupportGrant.accepted_at, SupportGrant.id)
        .limit(1)
    )


def full_view(update: Update) -> presenting.UpdateView:
    view = presenting.full(update)
    view.link_corrected = False  # the link leads to the victim's own page
    return view
