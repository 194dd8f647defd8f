"""Pause, step back, come back: a victim's request to stop contact for a while.

She asks in the portal, with no phone call: what it is about (a break, stepping back from
the investigation, or talking about withdrawing) and what she wants while it lasts (no
messages about updates; messages but no calls or visits; her ISVA first). She may give a
last day, or leave it until she says. She keeps her access throughout, and "come back"
ends the pause at once. A new request replaces the one before.

What a pause does to messages (`holds_messages`): with "no updates", every notification
for her (updates, corrections, replies, review news) is held in the outbox, not dropped,
and goes once the pause ends. No message the portal sends today is urgent enough to break
a pause (`PASSES_A_PAUSE` is empty): urgent safety matters (danger to her, the suspect's
release, a breach of bail) are for the officer to phone about, and the page tells her so.
The other two choices change nothing in the outbox: they are instructions to her officer.

What a pause does NOT do: stop the Victims' Code being measured. Key-event deadlines and
routine updates keep running; the officer still publishes updates, which she finds in the
portal whenever she signs in, and the duty is met when the update is published (as for
everyone), while only the message telling her waits. So a pause never makes a missed duty
look met, nor a met duty look missed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal.data import audit
from portal.data.models import (
    Case,
    CaseStatus,
    ContactPause,
    Notification,
    NotificationStatus,
    PauseAbout,
    PauseChoice,
    ShareScope,
    SupporterKind,
    Update,
)
from portal.data.scoping import bound_copied_scope, visible_cases
from portal.extensions import db
from portal.rules import stages
from portal.rules.victims_code import LONDON, london_date

# The outbox code for a notification held by a pause (a key into delivery_status.REASONS).
PAUSED = "paused"
# Notification reasons that still reach her during a pause. None today: see above.
PASSES_A_PAUSE: frozenset[str] = frozenset()
# An open-ended pause has no end to hold until: look again now and then; "come back"
# releases held messages at once anyway.
RECHECK_OPEN_ENDED = timedelta(hours=6)
# The furthest ahead a last day may be: beyond a year, "until I say" is the honest choice.
LONGEST = timedelta(days=366)

ABOUT = {
    PauseAbout.BREAK: _l("I need a break from contact"),
    PauseAbout.STEP_BACK: _l("I want to step back from the investigation for now"),
    PauseAbout.WITHDRAWING: _l("I want to talk about withdrawing"),
}
CHOICES = {
    PauseChoice.NO_UPDATES: _l("No messages about updates for a while"),
    PauseChoice.NO_CONTACT: _l("Messages about updates, but no calls or visits from my officer"),
    PauseChoice.ISVA_FIRST: _l("My officer talks to my ISVA first"),
}
MEANS = {
    PauseChoice.NO_UPDATES: _l(
        "We stop sending you texts or emails about new updates. Your officer still adds "
        "updates here, so you can read them when you want. When the pause ends, we tell "
        "you about anything new."
    ),
    PauseChoice.NO_CONTACT: _l(
        "You still get messages when there is news. Your officer will not call or visit you."
    ),
    PauseChoice.ISVA_FIRST: _l(
        "An ISVA is an independent sexual violence adviser. They support you and are not "
        "the police. Your officer contacts your ISVA first, not you. If you do not have an "
        "ISVA, your officer will offer to find you one."
    ),
}


class BadUntil(ValueError):
    """A last day that cannot be used; the message says why, in plain words."""


def check_until(until: date | None, now: datetime) -> None:
    today = london_date(now)
    if until is None:
        return
    if until < today:
        raise BadUntil(_l("The last day of the pause must be today or in the future"))
    if until > today + LONGEST:
        raise BadUntil(_l("The last day of the pause must be within a year"))


def stage_of(case: Case) -> stages.Stage:
    updates = db.session.scalars(select(Update).where(Update.case_id == case.id)).all()
    return stages.current_stage(updates)[0]


def ask(victim, case: Case, about: PauseAbout, choice: PauseChoice, until, now) -> ContactPause:
    """Record her request (replacing any running one) and audit it; commits."""
    check_until(until, now)
    running = active_pause(case, now)
    if running is not None:
        running.ended_at = now
    pause = ContactPause(
        case=case,
        about=about.value,
        choice=choice.value,
        until=until,
        stage=int(stage_of(case)),
        requested_at=now,
    )
    db.session.add(pause)
    db.session.flush()
    if choice is not PauseChoice.NO_UPDATES:
        _release_held(case, now)
    audit.record(
        "victim.pause_requested",
        case_id=case.id,
        subject=pause,
        actor=victim,
        detail={"about": pause.about, "choice": pause.choice, "stage": pause.stage},
    )
    db.session.commit()
    return pause


def come_back(victim, case: Case, now: datetime) -> ContactPause | None:
    """End the running pause at once and send what it held; commits. None if none ran."""
    pause = active_pause(case, now)
    if pause is None:
        return None
    pause.ended_at = now
    _release_held(case, now)
    audit.record("victim.pause_ended", case_id=case.id, subject=pause, actor=victim)
    db.session.commit()
    return pause


def _release_held(case: Case, now: datetime) -> None:
    db.session.execute(
        update(Notification)
        .where(
            Notification.case_id == case.id,
            Notification.status == NotificationStatus.PENDING,
            Notification.last_error == PAUSED,
        )
        .values(next_attempt_at=now, held_until=None, last_error=None),
        execution_options={"synchronize_session": False},
    )


def _running(now: datetime):
    today = london_date(now)
    return ContactPause.ended_at.is_(None) & (
        ContactPause.until.is_(None) | (ContactPause.until >= today)
    )


def active_pause(case: Case, now: datetime) -> ContactPause | None:
    """The pause running on `case` now (the last day counts in full), if any."""
    return db.session.scalar(
        select(ContactPause)
        .where(ContactPause.case_id == case.id, _running(now))
        .order_by(ContactPause.requested_at.desc(), ContactPause.id)
        .limit(1)
    )


def hold_until(case: Case, reason: str, now: datetime) -> datetime | None:
    """When a notification for the victim may go, if a pause holds it now; else None."""
    if reason in PASSES_A_PAUSE or case.status != CaseStatus.OPEN:
        return None
    pause = active_pause(case, now)
    if pause is None or pause.choice != PauseChoice.NO_UPDATES:
        return None
    if pause.until is None:
        return now + RECHECK_OPEN_ENDED
    day_after = datetime.combine(pause.until + timedelta(days=1), datetime.min.time(), LONDON)
    return day_after.astimezone(now.tzinfo)


def mark_seen(case: Case, officer, now: datetime) -> ContactPause | None:
    """The officer has read the request: recorded and audited; commits."""
    pause = active_pause(case, now)
    if pause is None or pause.seen_at is not None:
        return pause
    pause.seen_at = now
    pause.seen_by_id = officer.id
    audit.record("staff.pause_seen", case_id=case.id, subject=pause, actor=officer)
    db.session.commit()
    return pause


@dataclass(frozen=True)
class StageCount:
    stage: stages.Stage
    title: object
    requests: int
    withdrawing: int


def counts_by_stage(principal) -> list[StageCount]:
    """Every request ever made in the cases `principal` may see, by the stage the case was
    at when she asked (and how many were about withdrawing): where people step back."""
    # By the officers' ids each request carries (migration 0025), not case by case.
    scope = bound_copied_scope(principal, ContactPause.case_officer_id)
    rows = db.session.execute(
        select(ContactPause.stage, ContactPause.about).where(scope.condition), scope.params
    ).all()
    total = Counter(row.stage for row in rows)
    withdrawing = Counter(row.stage for row in rows if row.about == PauseAbout.WITHDRAWING)
    return [
        StageCount(each, stages.WORDS[each].title, total[int(each)], withdrawing[int(each)])
        for each in stages.Stage
    ]


# What the officer is asked to do, one line a choice, shown on the case page.
OFFICER_ASK = {
    PauseChoice.NO_UPDATES: _l(
        "Keep publishing updates here: they count for the Code as usual. The messages that "
        "tell her about them are held until the pause ends. Do not call unless her safety "
        "is at risk."
    ),
    PauseChoice.NO_CONTACT: _l(
        "Messages about updates still go. Do not call or visit unless her safety is at risk."
    ),
    PauseChoice.ISVA_FIRST: _l("Talk to her ISVA before you contact her."),
}


def caseload_flags(principal, now: datetime) -> dict:
    """For each case `principal` may see with a running pause: "new" (not yet read by the
    officer) or "running"."""
    cases = visible_cases(principal).with_only_columns(Case.id)
    rows = db.session.execute(
        select(ContactPause.case_id, ContactPause.seen_at).where(
            ContactPause.case_id.in_(cases), _running(now)
        )
    ).all()
    return {row.case_id: "new" if row.seen_at is None else "running" for row in rows}


@dataclass(frozen=True)
class ForOfficer:
    """The running request as the officer reads it, in words."""

    pause: ContactPause
    about: object
    choice: object
    ask: object


def for_officer(case: Case, now: datetime) -> ForOfficer | None:
    pause = active_pause(case, now)
    if pause is None:
        return None
    choice = PauseChoice(pause.choice)
    return ForOfficer(pause, ABOUT[PauseAbout(pause.about)], CHOICES[choice], OFFICER_ASK[choice])


@dataclass(frozen=True)
class ForVictim:
    """One of her requests, as her copy of everything gives it back."""

    pause: ContactPause
    about: object
    choice: object
    # Noon in London on the last day, so the day-first date helper reads it as that day.
    last_day: datetime | None


def history_for(victim) -> list[ForVictim]:
    """Every request she made, in any of her cases, oldest first."""
    rows = db.session.scalars(
        select(ContactPause)
        .join(Case, ContactPause.case_id == Case.id)
        .where(Case.victim_id == victim.id)
        .order_by(ContactPause.requested_at, ContactPause.id)
    ).all()
    return [
        ForVictim(
            row,
            ABOUT[PauseAbout(row.about)],
            CHOICES[PauseChoice(row.choice)],
            datetime.combine(row.until, datetime.min.time().replace(hour=12), LONDON)
            if row.until
            else None,
        )
        for row in rows
    ]


def shared_through(grant, now: datetime) -> list[ForVictim]:
    """The pauses running in her cases that a supporter may see through `grant`: all of
    them when she shares every update, and "my ISVA first" with her ISVA whatever she
    shares, since the officer will be in touch with them about it."""
    everything = grant.scope == ShareScope.EVERYTHING
    isva = grant.supporter_kind == SupporterKind.ISVA
    today = london_date(now)
    shown = []
    for request in history_for(grant.victim):
        pause = request.pause
        running = pause.ended_at is None and (pause.until is None or pause.until >= today)
        if running and (everything or (isva and pause.choice == PauseChoice.ISVA_FIRST)):
            shown.append(request)
    return shown
