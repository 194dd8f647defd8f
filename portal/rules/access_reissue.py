"""Activation codes, and the rule that a victim's account never changes hands silently.

A code for someone who has not activated yet is made at once: there is nothing of theirs
behind it yet. A code for someone who has activated replaces their passphrase and access
ID when it is used, so it is made only when a supervisor of the case's team, who is not
the person who asked, approves a request with a reason. On approval the victim is told
through their own channel (the outbox and its worker honour her channel, her quiet hours
and her choice of discreet or specific wording), and her home page tells her too: while
the code is unused ("a new code was made"), and once after it was used ("your sign-in
details were changed"). Either way she can say "this was not me": an unused code stops
at once, and the supervisors of the team see it at the top of their dashboard.

Every step is audited with identifiers and choices only; a note an officer wrote is kept
encrypted on the request and never goes into the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, bindparam, select

from portal.auth.codes import hash_code, new_code
from portal.data import audit
from portal.data.models import (
    AccessReissue,
    Case,
    ReissueReason,
    ReissueStatus,
    StaffUser,
    Victim,
    utcnow,
)
from portal.data.outbox import enqueue_for_case
from portal.data.scoping import join_visible
from portal.extensions import db

ACTIVATION_LIFETIME = timedelta(days=7)
# The notification's reason: its wording is in templates/notifications/.
NOTIFICATION_REASON = "access_reissued"


class AlreadyPending(ValueError):
    """A request for this victim is already waiting for a supervisor."""


class NotPending(ValueError):
    """The request was decided already."""


class OwnRequest(PermissionError):
    """A supervisor tried to decide a request they made themselves."""


def set_activation_code(victim: Victim) -> str:
    """Give `victim` a new one-time code (any earlier one stops working); return it to be
    shown once. Only its hash is stored. Not committed here."""
    code = new_code()
    victim.activation_code_hash = hash_code(code)
    victim.activation_expires_at = utcnow() + ACTIVATION_LIFETIME
    return code


def needs_approval(victim: Victim) -> bool:
    return victim.activated_at is not None


def _of_victim(victim_id) -> Select:
    return (
        select(AccessReissue)
        .join(Case, Case.id == AccessReissue.case_id)
        .where(Case.victim_id == victim_id)
    )


def pending_for(victim: Victim) -> AccessReissue | None:
    """The request waiting for a supervisor for this victim, through any of her cases."""
    return db.session.scalar(
        _of_victim(victim.id).where(AccessReissue.status == ReissueStatus.PENDING).limit(1)
    )


def latest_for(victim: Victim) -> AccessReissue | None:
    return db.session.scalar(
        _of_victim(victim.id).order_by(AccessReissue.created_at.desc()).limit(1)
    )


def request(case: Case, officer: StaffUser, reason: str, note: str | None = None) -> AccessReissue:
    """Ask a supervisor for a new code for the activated victim of `case`. No code yet."""
    if pending_for(case.victim) is not None:
        raise AlreadyPending(case.id)
    reissue = AccessReissue(case=case, requested_by=officer, reason=ReissueReason(reason))
    reissue.ensure_id()
    reissue.note = ((note or "").strip() or None) if reason == ReissueReason.OTHER else None
    db.session.add(reissue)
    audit.record(
        "case.access_reissue_requested",
        case_id=case.id,
        subject=reissue,
        detail={"reason": reissue.reason},
    )
    db.session.commit()
    return reissue


def _decide(reissue: AccessReissue, supervisor: StaffUser, status: ReissueStatus) -> None:
    if not reissue.is_pending:
        raise NotPending(reissue.id)
    if reissue.requested_by_id == supervisor.id:
        audit.record(
            "case.access_reissue_own_decision_refused",
            case_id=reissue.case_id,
            subject=reissue,
        )
        db.session.commit()
        raise OwnRequest(reissue.id)
    reissue.status = status
    reissue.decided_by = supervisor
    reissue.decided_at = utcnow()


def approve(reissue: AccessReissue, supervisor: StaffUser) -> str:
    """Approve: make the code (returned, to be shown once to the approving supervisor) and
    queue the victim's notification, in one transaction with its audit event."""
    _decide(reissue, supervisor, ReissueStatus.APPROVED)
    code = set_activation_code(reissue.case.victim)
    enqueue_for_case(reissue.case, NOTIFICATION_REASON)
    audit.record(
        "case.access_reissue_approved",
        case_id=reissue.case_id,
        subject=reissue,
        detail={"reason": reissue.reason},
    )
    db.session.commit()
    return code


def refuse(reissue: AccessReissue, supervisor: StaffUser) -> None:
    _decide(reissue, supervisor, ReissueStatus.REFUSED)
    audit.record("case.access_reissue_refused", case_id=reissue.case_id, subject=reissue)
    db.session.commit()


def _in_scope(principal) -> Select:
    return join_visible(select(AccessReissue), principal, AccessReissue.case_id)


def waiting_for_decision(principal) -> list[AccessReissue]:
    """Requests waiting for a supervisor, in the cases `principal` may see, oldest first."""
    query = _in_scope(principal).where(AccessReissue.status == ReissueStatus.PENDING)
    return list(db.session.scalars(query.order_by(AccessReissue.created_at)))


def open_disputes(principal) -> list[AccessReissue]:
    """Re-issues a victim said were not her, not yet dealt with, oldest first."""
    query = _in_scope(principal).where(
        AccessReissue.disputed_at.isnot(None), AccessReissue.dispute_closed_at.is_(None)
    )
    return list(db.session.scalars(query.order_by(AccessReissue.disputed_at)))


def close_dispute(reissue: AccessReissue, supervisor: StaffUser) -> None:
    if reissue.disputed_at is None or reissue.dispute_closed_at is not None:
        return
    reissue.dispute_closed_at = utcnow()
    audit.record("case.access_reissue_dispute_closed", case_id=reissue.case_id, subject=reissue)
    db.session.commit()


# The victim's side.


def _approved_unused(victim: Victim) -> AccessReissue | None:
    return db.session.scalar(
        _of_victim(victim.id)
        .where(AccessReissue.status == ReissueStatus.APPROVED, AccessReissue.used_at.is_(None))
        .order_by(AccessReissue.decided_at.desc())
        .limit(1)
    )


def record_use(victim: Victim) -> AccessReissue | None:
    """The victim's code was used to set new details: mark the approved request it came
    from (not committed here; the activation commits)."""
    reissue = _approved_unused(victim)
    if reissue is not None:
        reissue.used_at = utcnow()
        audit.record(
            "case.access_reissue_used", case_id=reissue.case_id, subject=reissue, actor=victim
        )
    return reissue


def code_is_live(victim: Victim) -> bool:
    expires = victim.activation_expires_at
    return victim.activation_code_hash is not None and expires is not None and expires > utcnow()


@dataclass(frozen=True)
class Notice:
    """What the victim's home page says about a re-issue."""

    reissue: AccessReissue
    used: bool  # True: her details were changed; False: a code was made and is unused
    on: datetime


# Asked on every visit to the victim's home page: built once, so SQLAlchemy keeps its
# cache key too (portal.data.victim_queries says why that matters). The home page asks
# for its id alongside other small questions (portal.victim.home).
LATEST_APPROVED = (
    _of_victim(bindparam("victim_id"))
    .where(AccessReissue.status == ReissueStatus.APPROVED)
    .order_by(AccessReissue.decided_at.desc())
    .limit(1)
)


def notice_for(victim: Victim) -> Notice | None:
    return notice_from(victim, db.session.scalar(LATEST_APPROVED, {"victim_id": victim.id}))


def notice_from(victim: Victim, reissue: AccessReissue | None) -> Notice | None:
    """What her home page says about `reissue`, her latest approved re-issue (if any)."""
    if reissue is None or reissue.disputed_at is not None:
        return None
    if reissue.used_at is None:
        return Notice(reissue, used=False, on=reissue.decided_at) if code_is_live(victim) else None
    if reissue.notice_seen_at is None:
        return Notice(reissue, used=True, on=reissue.used_at)
    return None


def mark_notice_seen(notice: Notice | None) -> None:
    """The "details were changed" notice shows once: at the first home page after it."""
    if notice is None or not notice.used or notice.reissue.notice_seen_at is not None:
        return
    notice.reissue.notice_seen_at = utcnow()
    db.session.commit()


def dispute(victim: Victim) -> Notice | None:
    """The victim says "this was not me": stop a code not yet used, and flag it to the
    team's supervisors. Returns what she disputed (None if there was nothing to)."""
    notice = notice_for(victim)
    if notice is None:
        return None
    reissue = notice.reissue
    if not notice.used:
        victim.activation_code_hash = None
        victim.activation_expires_at = None
    now = utcnow()
    reissue.disputed_at = now
    reissue.notice_seen_at = reissue.notice_seen_at or now
    audit.record(
        "victim.access_reissue_disputed",
        case_id=reissue.case_id,
        subject=reissue,
        actor=victim,
        detail={"code_stopped": not notice.used},
    )
    db.session.commit()
    return notice
