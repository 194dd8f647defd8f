"""Retention: remove victims' data once a closed case has been kept long enough.

What goes: the case and everything said in it, and the victim's account if they have no
other case, and the addresses the audit log recorded for events of theirs. What stays: the
audit log (it holds no personal text), with one more entry saying what was removed and when.
The addresses sit outside the log's hash chain for this reason (portal/data/models/audit.py).

Which tables hold a victim's data, and how their rows are reached, is the registry's
(portal/data/victim_tables.py), read by the export and the restore too: a row that sits in
a case goes with the case; a row reached from the victim that sits in no case (a grant, an
invitation by email, a sign-in) goes with the account; a table the purge keeps says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, select

from portal.data import audit, victim_tables
from portal.data.models import Base, Case, CaseStatus, ServiceFeedback, Victim, utcnow
from portal.data.victim_tables import Reach, VictimTable
from portal.extensions import db

# The two the purge is about: each is removed last, once nothing points at it, and counted
# as a case or a victim rather than among the rows.
ROOTS = (Case, Victim)
_ORDER = {table.name: place for place, table in enumerate(Base.metadata.sorted_tables)}


def _children_first(entries) -> list[VictimTable]:
    """So foreign keys never block a delete: a table before the tables it points at. The
    audit's addresses go first of all: they are found through the grants and cases they
    were about, which must still be there."""
    return sorted(
        entries, key=lambda entry: (Reach.ADDRESS not in entry.reached, -_ORDER[entry.name])
    )


def _purged(entry: VictimTable) -> bool:
    return entry.purged and entry.model not in ROOTS


# Removed with each purged case: every row that sits in it.
WITH_THE_CASE = _children_first(
    entry
    for entry in victim_tables.TABLES
    if _purged(entry) and {Reach.CASE, Reach.ADDRESS} & set(entry.reached)
)
# Removed with the victim's account, once their last case has gone: every row reached from
# the victim that sits in no case.
ACCOUNT_REACHES = (Reach.VICTIM, Reach.GRANT, Reach.SIGN_IN, Reach.ADDRESS)
WITH_THE_ACCOUNT = _children_first(
    entry
    for entry in victim_tables.TABLES
    if _purged(entry) and set(entry.reached) & set(ACCOUNT_REACHES)
)


@dataclass
class PurgeReport:
    cases: int = 0
    victims: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, count: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + count


def cases_due_for_purge(retention_days: int) -> list[Case]:
    cutoff = utcnow() - timedelta(days=retention_days)
    return list(
        db.session.scalars(
            select(Case)
            .where(Case.status == CaseStatus.CLOSED, Case.closed_at < cutoff)
            .order_by(Case.closed_at)
        )
    )


def purge(retention_days: int, dry_run: bool = False) -> PurgeReport:
    report = PurgeReport()
    for case in cases_due_for_purge(retention_days):
        report.cases += 1
        victim_id = case.victim_id
        for entry in WITH_THE_CASE:
            removed = _delete(entry, victim_tables.in_case(entry, case.id), dry_run)
            report.add(entry.name, removed)
        audit.record("retention.purge_case", case_id=case.id, actor=None)
        if not dry_run:
            db.session.delete(case)
            db.session.flush()
        if _victim_has_no_other_case(victim_id, case.id):
            report.victims += 1
            for entry in WITH_THE_ACCOUNT:
                removed = _delete(entry, _in_no_case(entry, victim_id, case.id), dry_run)
                report.add(entry.name, removed)
            if not dry_run:
                db.session.delete(db.session.get(Victim, victim_id))
    report.add("service_feedback", _purge_service_feedback(retention_days, dry_run))
    audit.record(
        "retention.purge",
        actor=None,
        detail={"cases": report.cases, "victims": report.victims, "dry_run": dry_run},
    )
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    return report


def _purge_service_feedback(retention_days: int, dry_run: bool) -> int:
    """Feedback about the website names no one, but people write more than they are asked:
    it is kept no longer than a victim's own data (the privacy notice says so)."""
    old = ServiceFeedback.created_at < utcnow() - timedelta(days=retention_days)
    if dry_run:
        return db.session.scalar(select(func.count()).select_from(ServiceFeedback).where(old))
    return db.session.execute(delete(ServiceFeedback).where(old)).rowcount or 0


def _in_no_case(entry: VictimTable, victim_id, purged_case_id):
    """The entry's rows reached from the victim that sit in no case (a case's went with it)."""
    reaches = [reach for reach in entry.reached if reach in ACCOUNT_REACHES]
    condition = victim_tables.of_victim(entry, victim_id, reaches)
    if Reach.CASE in entry.reached:
        condition = condition & entry.model.case_id.is_(None)
    if Reach.ADDRESS in entry.reached:  # a dry run still finds the case: count those once
        condition = condition & ~victim_tables.in_case(entry, purged_case_id)
    return condition


def _delete(entry: VictimTable, condition, dry_run: bool) -> int:
    model = entry.model
    if dry_run:
        return db.session.scalar(select(func.count()).select_from(model).where(condition)) or 0
    removed = 0
    # A row that points at another of its own table (a correction at the update it
    # corrects) goes first.
    for column in _self_references(entry):
        rows = delete(model).where(condition & column.isnot(None))
        removed += db.session.execute(rows).rowcount or 0
    return removed + (db.session.execute(delete(model).where(condition)).rowcount or 0)


def _self_references(entry: VictimTable) -> list:
    return [fk.parent for fk in entry.table.foreign_keys if fk.column.table is entry.table]


def _victim_has_no_other_case(victim_id, purged_case_id) -> bool:
    other = db.session.scalar(
        select(Case.id).where(Case.victim_id == victim_id, Case.id != purged_case_id).limit(1)
    )
    return other is None
