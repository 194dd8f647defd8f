"""The export for the Police and Crime Commissioner: how a team kept the Victims' Code in a
period, as CSV files in one ZIP, with no personal data.

The Victims and Prisoners Act 2024 asks each body to collect and share information on its
compliance with the Code (s.6) and to collect victims' feedback (s.7); Police and Crime
Commissioners review it. The files answer the questions a commissioner asks of a team:

- update_timeliness.csv: were victims told of each kind of event within the Code's time?
- review_timeliness.csv: were review requests acknowledged and decided in time?
- offers.csv: how many victims were offered a statement, a referral, an interpreter and
  enhanced rights, and what they answered;
- question_replies.csv: were victims' questions answered by their reply date, and how fast?
- feedback.csv: "Was this message clear?" and the monthly three questions;
- belongings.csv: were the victims' phones and other belongings given back by the date
  the police set, and how many are still held past it?

The schema is versioned (`SCHEMA_VERSION`) and written down in docs/pcc-export.md; every
row starts with the version. Nothing here names a person, an officer, a crime reference
or anything anyone wrote: only a team's name, event and offer kinds, and counts. Every
figure comes from the same rules as the supervisor's dashboard (`compliance`,
`feedback_figures`) and the review deadlines set when each request arrived.

A period is whole London days, `first` to `last` inclusive. A deadline counts in the
period in which it is settled, as on the dashboard; outcomes are as known when the export
is made.
"""

from __future__ import annotations

import csv
import io
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select

from portal.data.models import (
    Case,
    Message,
    MessageKind,
    OfferResponse,
    PropertyItem,
    ReviewRequest,
    RightsRecord,
)
from portal.data.scoping import visible_cases
from portal.extensions import db
from portal.rules import belongings, compliance, feedback_figures
from portal.rules.feedback import CHECK_QUESTIONS, SCALE
from portal.rules.victims_code import LONDON, OfferKind, end_of_london_day, london_date

SCHEMA_VERSION = "2"  # 2: belongings.csv added (docs/pcc-export.md)
# The longest period one export covers: a year and a day, so a leap year fits.
MAX_PERIOD_DAYS = 366


class PeriodError(ValueError):
    """The period cannot be exported; `reason` says which rule it broke."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def start(self) -> datetime:
        """Midnight at the start of the first day in London, in UTC."""
        return datetime.combine(self.first, time(0), tzinfo=LONDON).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return end_of_london_day(self.last)


def check_period(first: date, last: date, today: date) -> Period:
    """The period, or PeriodError: "order" (ends before it starts), "future" (ends after
    today), "too_long" (more than MAX_PERIOD_DAYS days)."""
    if last < first:
        raise PeriodError("order")
    if last > today:
        raise PeriodError("future")
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        raise PeriodError("too_long")
    return Period(first, last)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else ""


def _cell(value: str) -> str:
    # A team name starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _head(period: Period, team: str) -> list:
    return [SCHEMA_VERSION, period.first.isoformat(), period.last.isoformat(), _cell(team)]


HEAD = ["schema_version", "period_first_day", "period_last_day", "team"]

UPDATE_COLUMNS = [
    *HEAD,
    "event_type",
    "deadlines_due",
    "met_on_time",
    "met_late",
    "not_met",
    "share_met_on_time",
]


def update_timeliness(principal, period: Period, team: str, now: datetime) -> list[list]:
    figures = compliance.timeliness_between(principal, period.start, period.end, now)
    groups = [("all", figures.team), *sorted(figures.by_event.items())]
    return [
        [
            *_head(period, team),
            name,
            t.due,
            t.met_on_time,
            t.met_late,
            t.not_met,
            _share(t.met_on_time, t.due),
        ]
        for name, t in groups
    ]


REVIEW_COLUMNS = [*HEAD, "step", "deadlines_due", "on_time", "late", "not_done", "share_on_time"]


def _review_outcome(done: date | None, deadline: datetime, period: Period, today: date):
    """Where a review step settles, as an update deadline does: on the day it was done if on
    time, otherwise on its deadline's day (once that has passed)."""
    due_day = london_date(deadline)
    if done is not None and done <= due_day:
        settled, result = done, "on_time"
    elif due_day < today or (done is not None and due_day <= today):
        settled, result = due_day, "late" if done is not None else "not_done"
    else:
        return None
    return result if period.first <= settled <= period.last else None


def review_timeliness(principal, period: Period, team: str, today: date) -> list[list]:
    cases = visible_cases(principal).with_only_columns(Case.id)
    requests = db.session.scalars(
        select(ReviewRequest)
        .where(ReviewRequest.case_id.in_(cases))
        .order_by(ReviewRequest.requested_at, ReviewRequest.id)
    ).all()
    rows = []
    for step in ("acknowledge", "decide"):
        counts: Counter[str] = Counter()
        for request in requests:
            done = request.acknowledged_on if step == "acknowledge" else request.decided_on
            deadline = request.acknowledge_by if step == "acknowledge" else request.decide_by
            result = _review_outcome(done, deadline, period, today)
            if result is not None:
                counts[result] += 1
        due = counts["on_time"] + counts["late"] + counts["not_done"]
        rows.append(
            [
                *_head(period, team),
                step,
                due,
                counts["on_time"],
                counts["late"],
                counts["not_done"],
                _share(counts["on_time"], due),
            ]
        )
    return rows


OFFER_COLUMNS = [
    *HEAD,
    "offer",
    "cases_in_period",
    "cases_offered",
    "offer_rate",
    "accepted",
    "declined",
    "not_decided",
    "share_accepted",
]


def _cases_in_period(principal, period: Period) -> list:
    """The cases open on at least one day of the period."""
    query = (
        visible_cases(principal)
        .with_only_columns(Case.id)
        .where(
            Case.created_at <= period.end,
            (Case.closed_at.is_(None)) | (Case.closed_at >= period.start),
        )
    )
    return list(db.session.scalars(query))


def offers(principal, period: Period, team: str) -> list[list]:
    """For each offer: of the cases open in the period, how many had been offered it by the
    period's last day, and each case's latest answer by then."""
    case_ids = _cases_in_period(principal, period)
    records = db.session.scalars(
        select(RightsRecord)
        .where(RightsRecord.case_id.in_(case_ids), RightsRecord.offered_at <= period.end)
        .order_by(RightsRecord.offered_at, RightsRecord.created_at, RightsRecord.id)
    ).all()
    latest: dict[tuple, RightsRecord] = {}
    for record in records:  # in order: the last one seen for a case and offer is the latest
        latest[(record.case_id, record.offer)] = record
    rows = []
    for kind in OfferKind:
        answers = Counter(r.response for (_case, offer), r in latest.items() if offer == kind)
        offered = sum(answers.values())
        rows.append(
            [
                *_head(period, team),
                kind.value,
                len(case_ids),
                offered,
                _share(offered, len(case_ids)),
                answers[OfferResponse.ACCEPTED],
                answers[OfferResponse.DECLINED],
                answers[OfferResponse.NOT_YET],
                _share(answers[OfferResponse.ACCEPTED], offered),
            ]
        )
    return rows


QUESTION_COLUMNS = [
    *HEAD,
    "questions_asked",
    "answered_by_reply_date",
    "answered_late",
    "not_answered",
    "share_answered_by_reply_date",
    "median_hours_to_answer",
]


def question_replies(principal, period: Period, team: str) -> list[list]:
    """The questions victims asked in the period, and how each was answered (so far)."""
    cases = visible_cases(principal).with_only_columns(Case.id)
    asked = db.session.execute(
        select(Message.created_at, Message.reply_due_at, Message.answered_at)
        .where(
            Message.case_id.in_(cases),
            Message.kind == MessageKind.QUESTION,
            Message.from_victim.is_(True),
            Message.created_at >= period.start,
            Message.created_at <= period.end,
        )
        .order_by(Message.created_at, Message.id)
    ).all()
    on_time = late = waiting = 0
    hours = []
    for created_at, due, answered in asked:
        if answered is None:
            waiting += 1
            continue
        hours.append((answered - created_at).total_seconds() / 3600)
        if due is None or answered.replace(microsecond=0) <= due:
            on_time += 1
        else:
            late += 1
    median = f"{statistics.median(hours):.1f}" if hours else ""
    return [
        [
            *_head(period, team),
            len(asked),
            on_time,
            late,
            waiting,
            _share(on_time, len(asked)),
            median,
        ]
    ]


FEEDBACK_COLUMNS = [*HEAD, "question", "group", "answer", "count", "share_of_answers"]


def feedback(principal, period: Period, team: str) -> list[list]:
    """Clarity answers (all, and by event type) and the monthly check's scale answers."""
    figures = feedback_figures.figures_between(principal, period.start, period.end)
    rows = []
    clarity_groups = [("all", figures.clarity), *sorted(figures.by_event.items())]
    for group, tally in clarity_groups:
        for answer in ("yes", "partly", "no", "skipped"):
            share = "" if answer == "skipped" else _share(getattr(tally, answer), tally.answered)
            rows.append(
                [
                    *_head(period, team),
                    "message_clear",
                    group,
                    answer,
                    getattr(tally, answer),
                    share,
                ]
            )
    for name in CHECK_QUESTIONS:
        scale = figures.checks[name]
        for value in SCALE:
            rows.append(
                [
                    *_head(period, team),
                    name,
                    "all",
                    str(value),
                    scale.counts[value],
                    _share(scale.counts[value], scale.answered),
                ]
            )
        rows.append([*_head(period, team), name, "all", "not_answered", scale.not_answered, ""])
    return rows


BELONGINGS_COLUMNS = [
    *HEAD,
    "item_kind",
    "items_taken",
    "return_dates_in_period",
    "back_by_return_date",
    "back_late",
    "still_held_past_return_date",
    "not_yet_due",
    "share_back_by_return_date",
]


def belongings_returns(principal, period: Period, team: str, today: date) -> list[list]:
    """For all items and each kind: how many were taken in the period, and of the items
    whose target return date fell in the period, how many were back (ready to collect or
    given back) by it, back after it, still held past it, or not yet due (as known today)."""
    cases = visible_cases(principal).with_only_columns(Case.id)
    items = db.session.scalars(
        select(PropertyItem)
        .where(PropertyItem.case_id.in_(cases))
        .order_by(PropertyItem.taken_on, PropertyItem.id)
    ).all()
    rows = []
    for kind in ("all", *belongings.ItemKind):
        chosen = [item for item in items if kind == "all" or item.kind == kind]
        taken = sum(1 for item in chosen if period.first <= item.taken_on <= period.last)
        counts: Counter[str] = Counter()
        for item in chosen:
            if period.first <= item.target_return_on <= period.last:
                counts[belongings.return_outcome(item, today)] += 1
        due = sum(counts.values())
        rows.append(
            [
                *_head(period, team),
                str(kind),
                taken,
                due,
                counts["on_time"],
                counts["late"],
                counts["overdue"],
                counts["not_yet_due"],
                _share(counts["on_time"], due - counts["not_yet_due"]),
            ]
        )
    return rows


def _csv(columns: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def files(principal, period: Period, team: str, now: datetime) -> dict[str, str]:
    """Every file of the export, by name, as CSV text."""
    today = london_date(now)
    return {
        "update_timeliness.csv": _csv(
            UPDATE_COLUMNS, update_timeliness(principal, period, team, now)
        ),
        "review_timeliness.csv": _csv(
            REVIEW_COLUMNS, review_timeliness(principal, period, team, today)
        ),
        "offers.csv": _csv(OFFER_COLUMNS, offers(principal, period, team)),
        "question_replies.csv": _csv(QUESTION_COLUMNS, question_replies(principal, period, team)),
        "feedback.csv": _csv(FEEDBACK_COLUMNS, feedback(principal, period, team)),
        "belongings.csv": _csv(
            BELONGINGS_COLUMNS, belongings_returns(principal, period, team, today)
        ),
    }


def to_zip(principal, period: Period, team: str, now: datetime) -> bytes:
    """The files in one ZIP, with a fixed date on each entry so that the same figures give
    the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files(principal, period, team, now).items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
