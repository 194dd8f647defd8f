"""The rules of sharing: inviting a supporter, accepting, withdrawing, and the history.

Every grant, acceptance, view and withdrawal is audited with the grant as its subject, so
the victim's sharing page can show all of it from one query.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.auth.codes import hash_code, new_access_id, new_code, normalise
from portal.auth.passwords import hash_secret
from portal.auth.sessions import end_all_sessions
from portal.data import audit, outbox
from portal.data.models import (
    AuditAddress,
    AuditEvent,
    Notification,
    ShareScope,
    Supporter,
    SupporterKind,
    SupportGrant,
    utcnow,
)
from portal.extensions import db

INVITATION_LIFETIME = timedelta(days=7)
INVITATION_EMAILS_PER_DAY = 3
INVITATION_FAILED = "supporter.invitation_failed"
ADDRESS_MAX_FAILURES = 10
ADDRESS_WINDOW = timedelta(minutes=15)
HISTORY_LIMIT = 100

SCOPES = {
    ShareScope.EVERYTHING: _l("Every update"),
    ShareScope.KEY_DECISIONS: _l("Only important decisions"),
    ShareScope.GUIDES_AND_DATES: _l("Only the guides and dates, not what the updates say"),
}
KINDS = {
    SupporterKind.ISVA: _l("An ISVA (independent sexual violence adviser)"),
    SupporterKind.TRUSTED_PERSON: _l("Someone I trust"),
}
# What the victim reads in the history of their sharing page.
ACTIONS = {
    "sharing.invited": _l("You invited them"),
    "sharing.accepted": _l("They accepted your invitation"),
    "sharing.withdrawn": _l("You stopped sharing"),
    "supporter.viewed_list": _l("They looked at what you share"),
    "supporter.viewed_update": _l("They read an update"),
}


def invitation_emails_left_today(victim) -> int:
    """How many more invitations the victim may send by email in the next 24 hours.

    The portal sends these to any address a victim types, so a limit stops anyone (or an
    abuser holding the victim's phone) using it to send mail to strangers at will."""
    since = utcnow() - timedelta(days=1)
    sent = db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .join(SupportGrant, SupportGrant.id == Notification.grant_id)
        .where(
            SupportGrant.victim_id == victim.id,
            Notification.reason == outbox.INVITATION_REASON,
            Notification.created_at >= since,
        )
    )
    return max(0, INVITATION_EMAILS_PER_DAY - (sent or 0))


def invite(
    victim, label: str, kind: str, scope: str, email: str | None = None
) -> tuple[SupportGrant, str]:
    """A waiting grant and its one-time code (shown once to the victim, stored hashed).

    With `email`, the code is also queued to be emailed to that address by the
    notification worker, in the same transaction: never sent from the web request.
    """
    code = new_code()
    grant = SupportGrant(
        victim=victim,
        supporter_kind=SupporterKind(kind),
        scope=ShareScope(scope),
        invitation_code_hash=hash_code(code),
        invitation_expires_at=utcnow() + INVITATION_LIFETIME,
    )
    grant.ensure_id()
    grant.label = label.strip()
    db.session.add(grant)
    if email:
        outbox.enqueue_invitation(grant, email, code)
    # Whether it goes by email, never the address or the code.
    detail = {"scope": grant.scope, "by_email": bool(email)}
    audit.record("sharing.invited", subject=grant, actor=victim, detail=detail)
    db.session.commit()
    return grant, code


def grants_of(victim) -> list[SupportGrant]:
    """The victim's grants that still mean something: live or waiting, oldest first."""
    query = (
        select(SupportGrant)
        .where(SupportGrant.victim_id == victim.id, SupportGrant.withdrawn_at.is_(None))
        .order_by(SupportGrant.created_at, SupportGrant.id)
    )
    return [grant for grant in db.session.scalars(query) if not _expired(grant)]


def _expired(grant: SupportGrant) -> bool:
    return grant.is_waiting and (
        grant.invitation_expires_at is None or grant.invitation_expires_at <= utcnow()
    )


def own_grant(victim, grant_id: uuid.UUID) -> SupportGrant | None:
    return db.session.scalar(
        select(SupportGrant).where(
            SupportGrant.id == grant_id,
            SupportGrant.victim_id == victim.id,
            SupportGrant.withdrawn_at.is_(None),
        )
    )


def withdraw(victim, grant: SupportGrant) -> None:
    """Effective at once: the grant stops sharing and the supporter's sessions end."""
    grant.withdrawn_at = utcnow()
    grant.invitation_code_hash = None
    outbox.cancel_invitation(grant, "invitation_withdrawn")
    audit.record("sharing.withdrawn", subject=grant, actor=victim)
    db.session.commit()
    if grant.supporter_id is not None:
        end_all_sessions("supporter", grant.supporter_id, "withdrawn")


def history(victim) -> list[AuditEvent]:
    """Everything that happened through the victim's grants, newest first."""
    grant_ids = select(SupportGrant.id).where(SupportGrant.victim_id == victim.id)
    query = (
        select(AuditEvent)
        .where(AuditEvent.subject_kind == "support_grant", AuditEvent.subject_id.in_(grant_ids))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id)
        .limit(HISTORY_LIMIT)
    )
    return list(db.session.scalars(query))


def labels_by_grant(victim) -> dict[uuid.UUID, str]:
    query = select(SupportGrant).where(SupportGrant.victim_id == victim.id)
    return {grant.id: grant.label for grant in db.session.scalars(query)}


# Accepting an invitation. A wrong code names no grant, so failures are counted per
# address from the audit log, which every app instance shares.


def address_is_locked(remote_addr: str | None) -> bool:
    failures = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .join(AuditAddress)
        .where(
            AuditEvent.action == INVITATION_FAILED,
            AuditAddress.remote_addr == remote_addr,
            AuditEvent.occurred_at > utcnow() - ADDRESS_WINDOW,
        )
    )
    return (failures or 0) >= ADDRESS_MAX_FAILURES


def record_failed_code(anonymous) -> None:
    audit.record(INVITATION_FAILED, actor=anonymous)
    db.session.commit()


def find_invitation(code: str) -> SupportGrant | None:
    if not normalise(code):
        return None
    code_hash = hash_code(code)
    grant_id = db.session.scalar(
        select(SupportGrant.id).where(SupportGrant.invitation_code_hash == code_hash)
    )
    return waiting_grant(grant_id, code_hash)


def waiting_grant(grant_id, code_hash: str | None) -> SupportGrant | None:
    """The grant if `code_hash` is still its live, unexpired code (re-checked at each step)."""
    if grant_id is None or code_hash is None:
        return None
    grant = db.session.get(SupportGrant, grant_id)
    if grant is None or grant.invitation_code_hash != code_hash or not grant.is_waiting:
        return None
    if _expired(grant) or grant.victim.is_disabled:
        return None
    return grant


def accept(grant: SupportGrant, supporter: Supporter) -> None:
    """Attach the grant to `supporter` and use up the code."""
    grant.supporter = supporter
    grant.accepted_at = utcnow()
    grant.invitation_code_hash = None
    grant.invitation_expires_at = None
    # The victim may have passed the code on before our email went: it is no use now.
    outbox.cancel_invitation(grant, "invitation_used")
    audit.record("sharing.accepted", subject=grant, actor=supporter)
    db.session.commit()


def new_supporter(passphrase: str) -> Supporter:
    supporter = Supporter(access_id=_unused_access_id(), passphrase_hash=hash_secret(passphrase))
    supporter.ensure_id()
    db.session.add(supporter)
    return supporter


def _unused_access_id() -> str:
    while True:
        candidate = new_access_id()
        taken = db.session.scalar(select(Supporter.id).where(Supporter.access_id == candidate))
        if taken is None:
            return candidate


def record_view(supporter, grant: SupportGrant, update=None) -> None:
    if update is None:
        audit.record("supporter.viewed_list", subject=grant, actor=supporter)
    else:
        audit.record(
            "supporter.viewed_update",
            case_id=update.case_id,
            subject=grant,
            actor=supporter,
            detail={"update": str(update.id)},
        )
    db.session.commit()
