"""Separation of duties for staff accounts: a change that could open a path to case content
waits for a second person.

Three kinds of change wait: removing someone's authenticator (`totp_reset`: whoever knows
the password could then enrol their own), raising a role to supervisor (a whole team's
cases) or admin, or moving someone into another team (`role_raise`: a supervisor would
see that team's cases, an officer's cases would be seen by its supervisors), and a new
supervisor or admin account (`new_privileged_account`, which cannot sign in until then).
One person asks (`request_change`); another approves (`approve`) or refuses (`refuse`);
an unanswered request expires after `CHANGE_LIFETIME`. Nothing changes until approval.

Who may approve (`may_decide`):

- never the person who asked, and never the person the change is about;
- another admin, for any change;
- the supervisor of an officer's own team, for that officer's authenticator reset or for
  raising that officer to supervisor of the same team. A supervisor knows their officers
  and can check in person that the request is real; they may not approve a new account
  (a stranger to them), anything that makes an admin, or a change to another supervisor
  or an admin. Those need a second admin.

The person affected is emailed, in fixed neutral words, when a change is asked for and
when it is approved or refused. Every step is audited with identifiers only.

Plain functions, no Flask request handling: the admin pages and the supervisor's
dashboard call them, and tests call them directly.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.auth.sessions import end_all_sessions
from portal.data import audit, outbox
from portal.data.models import (
    ChangeKind,
    ChangeOutcome,
    StaffChange,
    StaffRole,
    StaffUser,
    Team,
    utcnow,
)
from portal.extensions import db
from portal.staff.auth.passwords import send_reset

CHANGE_LIFETIME = timedelta(days=7)

_ASKED = {
    ChangeKind.TOTP_RESET: "totp_reset_asked",
    ChangeKind.ROLE_RAISE: "role_raise_asked",
    ChangeKind.NEW_PRIVILEGED_ACCOUNT: "new_account_asked",
}
_DONE = {
    ChangeKind.TOTP_RESET: "totp_reset_done",
    ChangeKind.ROLE_RAISE: "role_raise_done",
}


class ApprovalError(ValueError):
    """A request or decision the rules refuse; `code` says which rule (for the page)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def is_privileged(role: str) -> bool:
    return role in (StaffRole.SUPERVISOR, StaffRole.ADMIN)


def raises_access(user: StaffUser, role: str, team: Team | None) -> bool:
    """Whether giving `user` this role and team would open cases (or powers) to anyone that
    they do not have now: becoming an admin or a supervisor, or joining another team (a
    supervisor would see that team's cases; an officer's cases would be seen by that
    team's supervisors). Lowering a role in the same team, or leaving a team, opens none."""
    if role == StaffRole.ADMIN:
        return user.staff_role != StaffRole.ADMIN
    if role == StaffRole.SUPERVISOR and user.staff_role != StaffRole.SUPERVISOR:
        return True
    return team is not None and team.id != user.team_id


def is_open(change: StaffChange, now=None) -> bool:
    now = now or utcnow()
    return change.outcome is None and change.expires_at > now


def pending_for_target(user: StaffUser) -> list[StaffChange]:
    now = utcnow()
    return list(
        db.session.scalars(
            select(StaffChange)
            .where(
                StaffChange.target_id == user.id,
                StaffChange.outcome.is_(None),
                StaffChange.expires_at > now,
            )
            .order_by(StaffChange.requested_at)
        )
    )


def request_change(
    kind: ChangeKind,
    target: StaffUser,
    acting: StaffUser,
    role: str | None = None,
    team: Team | None = None,
) -> StaffChange:
    """Ask for a change; it waits for a second person. Committed here."""
    if any(change.kind == kind for change in pending_for_target(target)):
        raise ApprovalError("already_waiting")
    if kind != ChangeKind.TOTP_RESET and target.id == acting.id:
        raise ApprovalError("own_account")
    now = utcnow()
    change = StaffChange(
        kind=kind,
        target=target,
        new_role=str(role) if role else None,
        new_team=team if role != StaffRole.ADMIN else None,
        requested_by=acting,
        requested_at=now,
        expires_at=now + CHANGE_LIFETIME,
    )
    change.ensure_id()
    db.session.add(change)
    outbox.enqueue_for_staff(target, _ASKED[kind])
    audit.record("staff_change.requested", subject=target, actor=acting, detail=_detail(change))
    db.session.commit()
    return change


def may_decide(change: StaffChange, user: StaffUser) -> bool:
    """Whether `user` may approve or refuse `change` now (see the module's docstring)."""
    return is_open(change) and _is_approver_for(change, user)


def _is_approver_for(change: StaffChange, user: StaffUser) -> bool:
    """Whether `user` is someone who may decide this change, open or not."""
    if not user.is_active:
        return False
    if user.id in (change.requested_by_id, change.target_id):
        return False
    if user.staff_role == StaffRole.ADMIN:
        return True
    if user.staff_role != StaffRole.SUPERVISOR or user.team_id is None:
        return False
    target = change.target
    officer_of_my_team = (
        target.staff_role == StaffRole.OFFICER
        and target.team_id == user.team_id
        and not target.awaiting_approval
    )
    if change.kind == ChangeKind.TOTP_RESET:
        return officer_of_my_team
    if change.kind == ChangeKind.ROLE_RAISE:
        return (
            officer_of_my_team
            and change.new_role == StaffRole.SUPERVISOR
            and change.new_team_id == user.team_id
        )
    return False


def waiting_for(user: StaffUser) -> list[StaffChange]:
    """The open changes `user` may decide, oldest first."""
    if user.staff_role not in (StaffRole.ADMIN, StaffRole.SUPERVISOR):
        return []
    changes = db.session.scalars(
        select(StaffChange)
        .where(StaffChange.outcome.is_(None), StaffChange.expires_at > utcnow())
        .options(selectinload(StaffChange.target), selectinload(StaffChange.requested_by))
        .order_by(StaffChange.requested_at, StaffChange.id)
    )
    return [change for change in changes if may_decide(change, user)]


def asked_by(user: StaffUser) -> list[StaffChange]:
    """The open changes `user` asked for (shown to them as waiting, with no buttons)."""
    return list(
        db.session.scalars(
            select(StaffChange)
            .where(
                StaffChange.requested_by_id == user.id,
                StaffChange.outcome.is_(None),
                StaffChange.expires_at > utcnow(),
            )
            .order_by(StaffChange.requested_at, StaffChange.id)
        )
    )


def _check_decider(change: StaffChange, acting: StaffUser) -> None:
    if acting.id == change.requested_by_id:
        raise ApprovalError("own_request")
    if acting.id == change.target_id:
        raise ApprovalError("own_account")
    if not _is_approver_for(change, acting):
        raise ApprovalError("not_allowed")
    if change.outcome is not None:
        raise ApprovalError("already_decided")
    if not is_open(change):
        raise ApprovalError("expired")


def approve(change: StaffChange, acting: StaffUser) -> None:
    """Approve and make the change, in one transaction. Committed here."""
    _check_decider(change, acting)
    now = utcnow()
    change.outcome = ChangeOutcome.APPROVED
    change.decided_by = acting
    change.decided_at = now
    target = change.target
    audit.record("staff_change.approved", subject=target, actor=acting, detail=_detail(change))
    end_sessions = None
    if change.kind == ChangeKind.TOTP_RESET:
        target.totp_secret = None
        target.totp_enrolled_at = None
        target.last_totp_step = None
        audit.record(
            "admin.totp_reset", subject=target, actor=acting, detail={"change_id": str(change.id)}
        )
        outbox.enqueue_for_staff(target, _DONE[change.kind])
        end_sessions = "totp_reset"
    elif change.kind == ChangeKind.ROLE_RAISE:
        _set_role(target, change, acting)
        outbox.enqueue_for_staff(target, _DONE[change.kind])
    else:
        target.awaiting_approval = False
        _set_role(target, change, acting)
        # Only now does the person get a code to choose a password with.
        send_reset(target, outbox.STAFF_ACCOUNT_READY)
    db.session.commit()
    if end_sessions:
        end_all_sessions("staff", target.id, end_sessions)


def _set_role(target: StaffUser, change: StaffChange, acting: StaffUser) -> None:
    before = {"role": str(target.staff_role), "team_id": str(target.team_id or "")}
    target.staff_role = StaffRole(change.new_role)
    target.team_id = change.new_team_id if change.new_role != StaffRole.ADMIN else None
    after = {"role": str(target.staff_role), "team_id": str(target.team_id or "")}
    audit.record(
        "admin.role_changed",
        subject=target,
        actor=acting,
        detail={"before": before, "after": after, "change_id": str(change.id)},
    )


def refuse(change: StaffChange, acting: StaffUser) -> None:
    """Refuse: nothing changes, and the person is told. Committed here."""
    _check_decider(change, acting)
    change.outcome = ChangeOutcome.REFUSED
    change.decided_by = acting
    change.decided_at = utcnow()
    target = change.target
    if change.kind == ChangeKind.NEW_PRIVILEGED_ACCOUNT:
        # The account stays waiting, and disabled too: re-enabling it alone lets no one in.
        target.is_disabled = True
    outbox.enqueue_for_staff(target, "change_refused")
    audit.record("staff_change.refused", subject=target, actor=acting, detail=_detail(change))
    db.session.commit()


def _detail(change: StaffChange) -> dict:
    return {
        "change_id": str(change.id),
        "kind": str(change.kind),
        "role": str(change.new_role or ""),
        "team_id": str(change.new_team_id or (change.new_team.id if change.new_team else "")),
        "requested_by": str(change.requested_by_id or change.requested_by.id),
    }
