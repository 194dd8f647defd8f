"""The rules of staff sign-in through the force's identity provider, once its ID token has
been checked (portal/staff/auth/oidc_client.py): who it is, whether they proved a second
factor, and whether the role and team the provider gives them agree with the portal's.

No account is ever made from a token. The first sign-in links an existing staff account
by the provider's verified email address and records the provider's subject; after that
the subject alone finds the account.

The portal's own record decides the role. The provider's role claim must name the same
role: one that names a higher role is refused, because raising a role here needs a second
admin's approval (portal/staff/approvals.py) and a token must not skip that; one that
names a lower role is refused too, because the force has taken something away that the
portal still grants, and an admin must make the two agree before the person works again.
The team claim, where configured, must name the person's team in the portal, which
decides the cases they see.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select

from portal.config import Settings, split_list
from portal.data import audit
from portal.data.models import StaffRole, StaffUser
from portal.extensions import db
from portal.staff.auth.signing_in import find_by_email

ROLE_RANK = {StaffRole.OFFICER: 1, StaffRole.SUPERVISOR: 2, StaffRole.ADMIN: 3}


class Refusal(StrEnum):
    """Why a checked token still signs nobody in (recorded in the audit log)."""

    NO_MFA = "no_mfa"
    NO_VERIFIED_EMAIL = "no_verified_email"
    UNKNOWN_PERSON = "unknown_person"
    LINKED_ELSEWHERE = "linked_to_another_subject"
    INACTIVE = "inactive"
    ROLE_CLAIM_MISSING = "role_claim_missing"
    ROLE_RAISED = "role_raised"
    ROLE_NARROWED = "role_narrowed"
    TEAM_DIFFERS = "team_differs"


def proved_second_factor(claims: dict, settings: Settings) -> bool:
    """True if `amr` holds a configured value, or `acr` is a configured one."""
    amr = claims.get("amr") or []
    amr = [amr] if isinstance(amr, str) else amr
    wanted_amr = set(split_list(settings.oidc_mfa_amr))
    wanted_acr = set(split_list(settings.oidc_mfa_acr))
    if wanted_amr & {value for value in amr if isinstance(value, str)}:
        return True
    return isinstance(claims.get("acr"), str) and claims["acr"] in wanted_acr


def find_staff(claims: dict, settings: Settings) -> tuple[StaffUser | None, Refusal | None]:
    """The staff account this token belongs to: linked by subject, or by verified email."""
    linked = db.session.scalar(
        select(StaffUser).where(
            StaffUser.oidc_issuer == settings.oidc_issuer,
            StaffUser.oidc_subject == str(claims["sub"]),
        )
    )
    if linked is not None:
        return linked, None
    email = claims.get("email")
    if not isinstance(email, str) or claims.get(settings.oidc_email_verified_claim) is not True:
        return None, Refusal.NO_VERIFIED_EMAIL
    user = find_by_email(email)
    if user is None:
        return None, Refusal.UNKNOWN_PERSON
    if user.oidc_subject is not None:
        # Linked already to another person at the provider: an email address reused or
        # moved there must not take over this account.
        return user, Refusal.LINKED_ELSEWHERE
    return user, None


def claimed_role(claims: dict, claim: str) -> str | None:
    """The one portal role the claim names (a string, or a list as Entra ID sends), or None."""
    value = claims.get(claim)
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    roles = {v.strip().casefold() for v in values if isinstance(v, str)} & set(ROLE_RANK)
    return roles.pop() if len(roles) == 1 else None


def role_and_team_refusal(user: StaffUser, claims: dict, settings: Settings) -> Refusal | None:
    if settings.oidc_role_claim:
        role = claimed_role(claims, settings.oidc_role_claim)
        if role is None:
            return Refusal.ROLE_CLAIM_MISSING
        if ROLE_RANK[role] > ROLE_RANK[StaffRole(user.staff_role)]:
            return Refusal.ROLE_RAISED
        if ROLE_RANK[role] < ROLE_RANK[StaffRole(user.staff_role)]:
            return Refusal.ROLE_NARROWED
    if settings.oidc_team_claim:
        team = claims.get(settings.oidc_team_claim)
        team = team.strip().casefold() if isinstance(team, str) else ""
        if team != (user.team.name.casefold() if user.team else ""):
            return Refusal.TEAM_DIFFERS
    return None


def check(claims: dict, settings: Settings) -> tuple[StaffUser | None, Refusal | None]:
    """The account to sign in, or the refusal (with the account, where one was found)."""
    if not proved_second_factor(claims, settings):
        user, _ = find_staff(claims, settings)
        return user, Refusal.NO_MFA
    user, refusal = find_staff(claims, settings)
    if refusal is not None:
        return user, refusal
    if not user.is_active:
        return user, Refusal.INACTIVE
    refusal = role_and_team_refusal(user, claims, settings)
    return user, refusal


def link(user: StaffUser, claims: dict, issuer: str) -> None:
    """Record the provider's subject on the account at its first single sign-on."""
    if user.oidc_subject is None:
        user.oidc_issuer = issuer
        user.oidc_subject = str(claims["sub"])
        audit.record("staff.sso_linked", subject=user, actor=user)


def record_refusal(user: StaffUser | None, reason: str) -> None:
    audit.record(
        "staff.sign_in_failed",
        subject=user,
        actor=user,
        detail={"stage": "single_sign_on", "reason": reason, "known_account": user is not None},
    )
    db.session.commit()
