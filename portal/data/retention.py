"""Retention: remove victims' data once a closed case has been kept long enough.

What goes: the case and everything said in it, and the victim's account if they have no
other case. What stays: the audit log (it holds no personal text), with one more entry
saying what was removed and when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, select

from portal.data import audit
from portal.data.models import (
    AuthSession,
    Case,
    CaseStatus,
    ComplaintRequest,
    ExperienceCheck,
    Message,
    Notification,
    Obligation,
    ReviewRequest,
    RightsRecord,
    SupportGrant,
    Update,
    UpdateFeedback,
    Victim,
    utcnow,
)
from portal.extensions import db

# Children before parents, so foreign keys never block a delete. Later areas that add
# tables holding a case's data register them here.
CASE_CHILD_MODELS: list[type] = [Notification, Message, Obligation, RightsRecord]
CASE_CHILD_MODELS += [ReviewRequest, ComplaintRequest, UpdateFeedback, ExperienceCheck]
# Tables holding a victim's own data (by `victim_id`), removed with the victim's account.
VICTIM_CHILD_MODELS: list[type] = [SupportGrant]
# Tables holding rows about one of the victim's grants (by `grant_id`), removed before the
# grants: an invitation emailed to a supporter is a notification with no case.
GRANT_CHILD_MODELS: list[type] = [Notification]


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
        for model in CASE_CHILD_MODELS:
            report.add(model.__tablename__, _delete(model, model.case_id == case.id, dry_run))
        # Corrections point at the updates they correct: remove them first.
        report.add(
            "case_update",
            _delete(Update, (Update.case_id == case.id) & Update.corrects_id.isnot(None), dry_run)
            + _delete(Update, Update.case_id == case.id, dry_run),
        )
        audit.record("retention.purge_case", case_id=case.id, actor=None)
        if not dry_run:
            db.session.delete(case)
            db.session.flush()
        if _victim_has_no_other_case(victim_id, case.id):
            report.victims += 1
            _delete(AuthSession, AuthSession.principal_id == victim_id, dry_run)
            grant_ids = select(SupportGrant.id).where(SupportGrant.victim_id == victim_id)
            for model in GRANT_CHILD_MODELS:
                removed = _delete(model, model.grant_id.in_(grant_ids), dry_run)
                report.add(model.__tablename__, removed)
            for model in VICTIM_CHILD_MODELS:
                removed = _delete(model, model.victim_id == victim_id, dry_run)
                report.add(model.__tablename__, removed)
            if not dry_run:
                db.session.delete(db.session.get(Victim, victim_id))
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


def _delete(model: type, condition, dry_run: bool) -> int:
    if dry_run:
        return len(db.session.scalars(select(model.id).where(condition)).all())
    return db.session.execute(delete(model).where(condition)).rowcount or 0


def _victim_has_no_other_case(victim_id, purged_case_id) -> bool:
    other = db.session.scalar(
        select(Case.id).where(Case.victim_id == victim_id, Case.id != purged_case_id).limit(1)
    )
    return other is None
