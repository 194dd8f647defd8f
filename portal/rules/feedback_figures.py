"""The team's feedback figures for a supervisor: counts and shares, never a comment.

The queries select only the answers (never the comment column), so no victim's words can
reach the figures page. A team's answers are those on its cases: answers follow the
officer the case is assigned to now, as the compliance figures do. An answer counts in a
period when it was last given (or changed) within it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.data.models import Case, Clarity, ExperienceCheck, Update, UpdateFeedback
from portal.data.scoping import visible_cases
from portal.extensions import db
from portal.rules.feedback import CHECK_QUESTIONS, SCALE

PERIODS = (30, 90)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class ClarityTally:
    yes: int = 0
    partly: int = 0
    no: int = 0
    skipped: int = 0

    @property
    def answered(self) -> int:
        return self.yes + self.partly + self.no

    def share(self, answer: str) -> float | None:
        """The share of an answer among those who answered (skips are not counted)."""
        return _share(getattr(self, answer), self.answered)

    def add(self, answer: str) -> None:
        setattr(self, answer, getattr(self, answer) + 1)


@dataclass
class ScaleTally:
    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(SCALE, 0))
    not_answered: int = 0

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def agree_share(self) -> float | None:
        """The share who agreed or strongly agreed (4 or 5)."""
        return _share(self.counts[4] + self.counts[5], self.answered)

    def add(self, value: int | None) -> None:
        if value in self.counts:
            self.counts[value] += 1
        else:
            self.not_answered += 1


@dataclass
class FeedbackFigures:
    days: int
    start: datetime
    end: datetime
    clarity: ClarityTally = field(default_factory=ClarityTally)
    by_event: dict[str, ClarityTally] = field(default_factory=lambda: defaultdict(ClarityTally))
    checks: dict[str, ScaleTally] = field(
        default_factory=lambda: {name: ScaleTally() for name in CHECK_QUESTIONS}
    )


def _clarity_rows(principal, since: datetime):
    cases = visible_cases(principal).with_only_columns(Case.id)
    return db.session.execute(
        select(UpdateFeedback.answer, Update.event_type, UpdateFeedback.answered_at)
        .join(Update, Update.id == UpdateFeedback.update_id)
        .where(UpdateFeedback.case_id.in_(cases), UpdateFeedback.answered_at >= since)
        .order_by(UpdateFeedback.answered_at, UpdateFeedback.id)
    ).all()


def _check_rows(principal, since: datetime):
    cases = visible_cases(principal).with_only_columns(Case.id)
    columns = [getattr(ExperienceCheck, name) for name in CHECK_QUESTIONS]
    return db.session.execute(
        select(ExperienceCheck.answered_at, *columns)
        .where(ExperienceCheck.case_id.in_(cases), ExperienceCheck.answered_at >= since)
        .order_by(ExperienceCheck.answered_at, ExperienceCheck.id)
    ).all()


def team_figures(principal, now: datetime, periods=PERIODS) -> list[FeedbackFigures]:
    since = now - timedelta(days=max(periods))
    clarity_rows = _clarity_rows(principal, since)
    check_rows = _check_rows(principal, since)
    results = []
    for days in periods:
        figures = FeedbackFigures(days=days, start=now - timedelta(days=days), end=now)
        for answer, event_type, answered_at in clarity_rows:
            if figures.start <= answered_at <= now and answer in set(Clarity):
                figures.clarity.add(answer)
                figures.by_event[event_type].add(answer)
        for answered_at, *values in check_rows:
            if figures.start <= answered_at <= now:
                for name, value in zip(CHECK_QUESTIONS, values, strict=True):
                    figures.checks[name].add(value)
        results.append(figures)
    return results


def figures_between(principal, start: datetime, end: datetime) -> FeedbackFigures:
    """The same figures for any period, from `start` to `end` (the PCC export's periods)."""
    figures = FeedbackFigures(days=(end - start).days, start=start, end=end)
    for answer, event_type, answered_at in _clarity_rows(principal, start):
        if answered_at <= end and answer in set(Clarity):
            figures.clarity.add(answer)
            figures.by_event[event_type].add(answer)
    for answered_at, *values in _check_rows(principal, start):
        if answered_at <= end:
            for name, value in zip(CHECK_QUESTIONS, values, strict=True):
                figures.checks[name].add(value)
    return figures
