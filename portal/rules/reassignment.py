"""A supervisor gives a case to another officer, and the victim is told who and why.

Victims' Code 2020, Right 6: the victim knows who to contact about the case. A change of
officer is therefore an update ("You have a new officer"), published like any other: its
notification goes through the outbox, so it follows her chosen channel, her quiet hours
and her choice of discreet wording. The update names the new officer (name, rank, collar
number, how to reach them) and gives the reason the supervisor picked from a short list
(`portal.rules.officers.REASSIGNMENT_REASONS`), in the victim's language.

The new officer, the update, the officer change and the audit event are one transaction.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from portal.data import audit
from portal.data.models import Case, OfficerChange, StaffUser, Update, utcnow
from portal.extensions import db
from portal.rules import publishing
from portal.rules.officers import is_reassignment_reason
from portal.rules.victims_code import EventType


def reassign(case: Case, new_officer: StaffUser, reason: str, supervisor: StaffUser) -> Update:
    """Give `case` to `new_officer` and tell the victim; returns the update she reads.

    Raises ValueError for a reason not on the list, and PublishFailed (after rolling back)
    if the database refuses: then nothing has changed, not even the officer.
    """
    if not is_reassignment_reason(reason):
        raise ValueError(f"unknown reason {reason!r}")
    now = utcnow()
    before = case.officer_id
    try:
        case.officer = new_officer
        draft = publishing.Draft(
            event_type=EventType.OFFICER_CHANGED,
            occurred_at=now,
            free_text=None,
            sensitive=False,
            idempotency_key=publishing.new_idempotency_key(),
        )
        update = publishing.write(case, draft, supervisor)
        change = OfficerChange(
            case=case,
            update=update,
            from_officer_id=before,
            to_officer_id=new_officer.id,
            reason=reason,
            changed_by_id=supervisor.id,
        )
        db.session.add(change)
        audit.record(
            "case.reassigned",
            case_id=case.id,
            subject=case,
            detail={"from": str(before), "to": str(new_officer.id), "reason": reason},
        )
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        raise publishing.PublishFailed("database error while reassigning") from error
    return update


def change_told_by(update: Update) -> OfficerChange | None:
    """The officer change an "officer changed" update told the victim about, if any."""
    if update.event_type != EventType.OFFICER_CHANGED or update.id is None:
        return None
    return db.session.scalar(select(OfficerChange).where(OfficerChange.update_id == update.id))
