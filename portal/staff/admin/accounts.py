"""What an admin may do to staff accounts and teams, each change audited.

Nothing here touches a case: admins manage people, never case content. What could open a
path to case content (an authenticator reset, a raised role, a new supervisor or admin)
only asks for the change: a second person approves it (portal/staff/approvals.py). What
only takes access away (disabling, lowering a role) happens at once. A password reset
code goes to the person's work email, never to the admin.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from portal.auth.sessions import end_all_sessions
from portal.data import audit, outbox
from portal.data.models import ChangeKind, StaffRole, StaffUser, Team
from portal.extensions import db
from portal.rules.officers import normalise_collar_number
from portal.staff import approvals
from portal.staff.auth.passwords import send_reset


class AccountError(ValueError):
    """A change that cannot be made; the message is for the admin."""


def all_staff() -> list[StaffUser]:
    return list(db.session.scalars(select(StaffUser).order_by(StaffUser.email, StaffUser.id)))


def all_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name, Team.id)))


def get_team(team_id: str | None) -> Team | None:
    if not team_id:
        return None
    return db.session.get(Team, uuid.UUID(team_id))


def email_taken(email: str) -> bool:
    wanted = email.strip().casefold()
    return (
        db.session.scalar(
            select(func.count()).select_from(StaffUser).where(func.lower(StaffUser.email) == wanted)
        )
        > 0
    )


def create_staff(email: str, display_name: str, role: str, team: Team | None, acting) -> StaffUser:
    """Create an account with no password.

    An officer's account is ready at once: the person is emailed a one-time code to choose
    a password with. A supervisor's or admin's account is created waiting: it cannot sign
    in, and the person gets no code, until a second person approves it. Committed here.
    """
    privileged = approvals.is_privileged(role)
    user = StaffUser(
        email=email.strip().lower(),
        display_name=display_name.strip(),
        # A privileged account waits as an officer of no team: until approval it holds no
        # role that could see anything, even if the waiting were lifted by mistake.
        staff_role=StaffRole.OFFICER if privileged else StaffRole(role),
        team=None if privileged or role == StaffRole.ADMIN else team,
        awaiting_approval=privileged,
    )
    user.ensure_id()
    db.session.add(user)
    audit.record("admin.staff_created", subject=user, detail={"role": str(role)})
    if not privileged:
        send_reset(user, outbox.STAFF_ACCOUNT_READY)
        db.session.commit()
        return user
    db.session.flush()
    approvals.request_change(ChangeKind.NEW_PRIVILEGED_ACCOUNT, user, acting, role=role, team=team)
    return user


def change_role(user: StaffUser, role: str, team: Team | None, acting) -> bool:
    """Lower a role or move an officer at once; ask for approval of a raise. Returns True
    when the change waits for approval."""
    if user.id == acting.id and role != user.staff_role:
        raise AccountError("You cannot change your own role")
    if user.awaiting_approval:
        raise AccountError("This account is waiting for approval")
    if approvals.raises_access(user, role, team):
        approvals.request_change(ChangeKind.ROLE_RAISE, user, acting, role=role, team=team)
        return True
    before = {"role": str(user.staff_role), "team_id": str(user.team_id or "")}
    user.staff_role = StaffRole(role)
    user.team = team if role != StaffRole.ADMIN else None
    after = {"role": str(user.staff_role), "team_id": str(user.team_id or "")}
    audit.record("admin.role_changed", subject=user, detail={"before": before, "after": after})
    db.session.commit()
    return False


def disable(user: StaffUser, acting) -> int:
    """Disable the account and end every session it has, at once."""
    if user.id == acting.id:
        raise AccountError("You cannot disable your own account")
    user.is_disabled = True
    audit.record("admin.staff_disabled", subject=user)
    db.session.commit()
    return end_all_sessions("staff", user.id, "disabled")


def enable(user: StaffUser) -> None:
    user.is_disabled = False
    audit.record("admin.staff_enabled", subject=user)
    db.session.commit()


def unlock(user: StaffUser) -> None:
    user.failed_attempts = 0
    user.locked_until = None
    audit.record("admin.staff_unlocked", subject=user)
    db.session.commit()


def request_totp_reset(user: StaffUser, acting) -> None:
    """Ask for the authenticator to be removed: a second person approves it."""
    approvals.request_change(ChangeKind.TOTP_RESET, user, acting)


def send_password_reset(user: StaffUser) -> None:
    """Email the person a one-time code; the admin never sees it."""
    if user.awaiting_approval:
        raise AccountError("This account is waiting for approval")
    send_reset(user)
    db.session.commit()


def set_officer_details(
    user: StaffUser,
    rank: str | None,
    collar_number: str | None,
    phone: str | None,
    hours: str | None,
) -> list[str]:
    """Set what a victim is shown about this officer beside the name. It changes no access,
    so it needs no second person; the audit names the fields changed, never their values.
    Returns the names of the fields that changed."""
    new = {
        "rank": rank or None,
        "collar_number": normalise_collar_number(collar_number) if collar_number else None,
        "contact_phone": (phone or "").strip() or None,
        "contact_hours": (hours or "").strip() or None,
    }
    changed = [name for name, value in new.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, new[name])
    if changed:
        audit.record("admin.staff_details_changed", subject=user, detail={"fields": changed})
        db.session.commit()
    return changed


def create_team(name: str) -> Team:
    name = name.strip()
    if db.session.scalar(select(Team).where(func.lower(Team.name) == name.casefold())):
        raise AccountError("A team with that name already exists")
    team = Team(name=name)
    team.ensure_id()
    db.session.add(team)
    audit.record("admin.team_created", subject=team)
    db.session.commit()
    return team
