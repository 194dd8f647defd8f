"""A victim's question is a duty: her officer replies by a date she is told when she asks.

The Victims' Code sets no time for answering a victim's question (Right 6 covers the key
events and the routine updates agreed with her). The force sets its own: a number of
working days in configuration (`PORTAL_QUESTION_REPLY_WORKING_DAYS`), 2 by default, the
same time the Code gives for a referral to support (Right 4), so a question never waits
longer than the shortest Code duty that every victim has. Working days skip weekends and
the bank holidays of the case's country (`portal.rules.victims_code.working_days`).

A question stays open until it is answered: by a reply in the portal (a reply answers every
open question on the case), or marked answered by the officer who answered it by phone or
in person. Opening the case page reads it; it does not answer it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from portal.data import statements
from portal.data.models import Case, Message, MessageKind
from portal.data.scoping import bound_copied_scope
from portal.extensions import db
from portal.rules import case_lines
from portal.rules.capped import SHOWN, Capped, capped, firsts
from portal.rules.case_lines import CaseLine
from portal.rules.victims_code import add_working_days, end_of_london_day, london_date

DEFAULT_REPLY_WORKING_DAYS = 2


def reply_due(asked_at: datetime, country: str, working_days: int) -> datetime:
    """The end of the `working_days`th working day after the day the question was asked.

    Asked on Friday 18 December 2026 with 2 working days: Monday 21, Tuesday 22 December,
    so the reply is due by the end of Tuesday. Asked on Thursday 24 December: Christmas
    and Boxing Day (moved to Monday 28) are skipped, so the end of Wednesday 30 December.
    """
    return end_of_london_day(add_working_days(london_date(asked_at), working_days, country))


def is_open_question():
    """The SQL condition for a victim's question that still waits for an answer."""
    return (
        (Message.kind == MessageKind.QUESTION)
        & Message.from_victim.is_(True)
        & Message.answered_at.is_(None)
    )


def answer_open_questions(case: Case, now: datetime) -> int:
    """Mark every open question on `case` answered (the caller commits). How many."""
    result = db.session.execute(
        update(Message)
        .where(Message.case_id == case.id, is_open_question())
        .values(answered_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


@dataclass(frozen=True)
class OpenQuestion:
    """A question waiting for an answer, for the supervisor's dashboard: never its text."""

    line: CaseLine
    asked_at: datetime
    reply_due_at: datetime | None

    def overdue(self, now: datetime) -> bool:
        return self.reply_due_at is not None and now.replace(microsecond=0) > self.reply_due_at

    def due_today(self, now: datetime) -> bool:
        return (
            self.reply_due_at is not None
            and not self.overdue(now)
            and london_date(self.reply_due_at) == london_date(now)
        )


def open_questions(principal, limit: int = SHOWN) -> Capped:
    """The questions still waiting for an answer in the cases `principal` may see, the
    earliest reply date first (questions from before reply dates existed last): the first
    `limit`, and how many there are."""
    scope = bound_copied_scope(principal, Message.case_officer_id, Message.case_team_id)
    rows: list = []
    # Those with a reply date, then, if fewer than `limit`, those without: each is read in
    # the order of the index on (team, answered, kind, from victim, reply date, id), so
    # the database reads the first few and counts the rest, rather than sorting them all.
    for dated in (True, False):
        query = statements.once(
            ("questions.open_questions", scope.kind, dated, limit),
            lambda dated=dated: _open_questions_query(scope.condition, dated, limit),
        )
        rows += db.session.execute(query, scope.params).all()[: limit - len(rows)]
        if len(rows) == limit:
            break
    return capped(
        rows, lambda row: OpenQuestion(case_lines.line(row), row.created_at, row.reply_due_at)
    )


def _open_questions_query(scope, dated: bool, limit: int):
    # Found by the team (or officer) each question carries, in one index, not case by case;
    # only ids are cut, then the few kept joined to what they show. The total counts every
    # open question, with a reply date or without.
    if dated:
        which, order = Message.reply_due_at.is_not(None), (Message.reply_due_at, Message.id)
    else:
        which, order = Message.reply_due_at.is_(None), (Message.id,)
    waiting = select(Message.id, Message.reply_due_at).where(scope, is_open_question())
    kept = firsts(waiting.where(which), order, limit, total_of=waiting)
    return case_lines.of_kept(kept, Message, Message.created_at, Message.reply_due_at).order_by(
        *(kept.c[column.key] for column in order)
    )
