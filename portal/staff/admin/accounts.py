"""What an admin may do to staff accounts and teams, each change audited.

Nothing here touches a case: admins manage people, never case content.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from portal.auth.sessions import end_all_sessions
from portal.data import audit
from portal.data.models import StaffRole, StaffUser, Team
from portal.extensions import db
from portal.staff.auth.passwords import start_reset


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


def create_staff(email: str, display_name: str, role: str, team: Team | None) -> tuple:
    """Create an account with no password; return it and a one-time link token to set one."""
    user = StaffUser(
        email=email.strip().lower(),
        display_name=display_name.strip(),
        staff_role=StaffRole(role),
        team=team if role != StaffRole.ADMIN else None,
    )
    user.ensure_id()
    db.session.add(user)
    audit.record("admin.staff_created", subject=user, detail={"role": str(role)})
    token = start_reset(user)
    db.session.commit()
    return user, token


def change_role(user: StaffUser, role: str, team: Team | None, acting) -> None:
    if user.id == acting.id and role != user.staff_role:
        raise AccountError("You cannot change your own role")
    before = {"role": str(user.staff_role), "team_id": str(user.team_id or "")}
    user.staff_role = StaffRole(role)
    user.team = team if role != StaffRole.ADMIN else None
    after = {"role": str(user.staff_role), "team_id": str(user.team_id or "")}
    audit.record("admin.role_changed", subject=user, detail={"before": before, "after": after})
    db.session.commit()


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


def reset_totp(user: StaffUser) -> None:
    """Forget the authenticator: the next sign-in enrols a new one."""
    user.totp_secret = None
    user.totp_enrolled_at = None
    user.last_totp_step = None
    audit.record("admin.totp_reset", subject=user)
    db.session.commit()
    end_all_sessions("staff", user.id, "totp_reset")


def begin_password_reset(user: StaffUser) -> str:
    token = start_reset(user)
    db.session.commit()
    return token


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
