"""The rules for the victim's answers: when the questions are asked, and what is kept.

- "Was this update clear?" is asked after an update the victim opened, never after a
  sensitive one (the page reached through a content note): news that needed a warning is
  not the moment to be asked for a rating.
- The monthly check is offered at most once per calendar month (London time) per victim,
  and never within a day of the victim first reading a sensitive update.
- Skipping is a real answer: it is remembered, and it costs the victim nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from portal.data.errors import NotFound
from portal.data.models import Case, Clarity, ExperienceCheck, Update, UpdateFeedback
from portal.data.scoping import visible_cases
from portal.extensions import db
from portal.rules.victims_code import london_date

COMMENT_MAX_LENGTH = 1000
# After first reading a sensitive update, the monthly check waits at least this long.
QUIET_AFTER_SENSITIVE = timedelta(days=1)
CHECK_QUESTIONS = ("kept_informed", "respect", "fairness")
SCALE = range(1, 6)


def may_ask_about(update: Update) -> bool:
    return not update.sensitive


def askable_or_404(update: Update) -> Update:
    """The same 404 as for a missing update: a sensitive update has no question to answer."""
    if not may_ask_about(update):
        raise NotFound
    return update


# Asked each time a victim opens an update: built once.
_CLARITY = select(UpdateFeedback).where(UpdateFeedback.update_id == bindparam("update_id"))


def clarity_for(update: Update) -> UpdateFeedback | None:
    return db.session.scalar(_CLARITY, {"update_id": update.id})


def record_clarity(update: Update, answer: str, comment: str | None, now: datetime):
    """One answer per update: a new answer replaces the old one, comment and all."""
    answer = Clarity(answer)
    feedback = clarity_for(update)
    if feedback is None:
        feedback = UpdateFeedback(update_id=update.id, case_id=update.case_id)
        feedback.ensure_id()
        db.session.add(feedback)
    feedback.answer = answer
    feedback.comment = None if answer == Clarity.SKIPPED else ((comment or "").strip() or None)
    feedback.answered_at = now
    db.session.commit()
    return feedback


def period_of(now: datetime) -> str:
    day = london_date(now)
    return f"{day.year:04d}-{day.month:02d}"


def check_this_month(victim, now: datetime) -> ExperienceCheck | None:
    return db.session.scalar(
        select(ExperienceCheck).where(
            ExperienceCheck.victim_id == victim.id, ExperienceCheck.period == period_of(now)
        )
    )


def read_sensitive_recently(victim, now: datetime) -> bool:
    cases = visible_cases(victim).with_only_columns(Case.id)
    found = db.session.scalar(
        select(Update.id)
        .where(
            Update.case_id.in_(cases),
            Update.sensitive.is_(True),
            Update.read_at > now - QUIET_AFTER_SENSITIVE,
        )
        .limit(1)
    )
    return found is not None


def monthly_check_due(victim, now: datetime) -> bool:
    """True when the monthly questions may be offered now (and have not been this month)."""
    return check_this_month(victim, now) is None and not read_sensitive_recently(victim, now)


def offer_monthly_check(victim, case_id, now: datetime) -> ExperienceCheck | None:
    """The check for this month, made when first offered; None once settled this month.

    Made as soon as it is shown, so that leaving the page also counts as having been asked.
    """
    check = check_this_month(victim, now)
    if check is None:
        check = ExperienceCheck(victim_id=victim.id, case_id=case_id, period=period_of(now))
        db.session.add(check)
        try:
            db.session.commit()
        except IntegrityError:  # offered in another tab a moment ago: use that one
            db.session.rollback()
            check = check_this_month(victim, now)
    return None if check is None or check.is_settled else check


def record_check(check: ExperienceCheck, answers: dict, skipped: bool, now: datetime) -> None:
    for name in CHECK_QUESTIONS:
        value = None if skipped else answers.get(name)
        setattr(check, name, int(value) if value else None)
    check.skipped = skipped
    check.answered_at = now
    db.session.commit()


def clarity_answers(case, updates, viewer) -> dict:
    """Clarity answers by update id, for the staff case page (already scoped to the case).

    The comment is for the officer of the case only: anyone else gets the answer without it.
    """
    ids = [update.id for update in updates]
    rows = db.session.scalars(
        select(UpdateFeedback)
        .where(UpdateFeedback.case_id == case.id, UpdateFeedback.update_id.in_(ids))
        .order_by(UpdateFeedback.id)
    )
    is_officer = getattr(viewer, "id", None) == case.officer_id
    return {
        row.update_id: {"answer": row.answer, "comment": row.comment if is_officer else None}
        for row in rows
    }
