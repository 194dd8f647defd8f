"""The communication plan: the victim's own choices, which staff and notifications honour."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data import audit
from portal.data.models import Channel, Victim, utcnow
from portal.extensions import db
from portal.security.crypto import blind_index

PLAIN_FIELDS = (
    "channel",
    "routine_frequency",
    "quiet_hours_start",
    "quiet_hours_end",
    "language",
    "terminology",
)
TEXT_FIELDS = ("preferred_name", "phone", "email", "isva_name", "isva_email")
YES_NO_FIELDS = ("voicemail_safe", "contact_via_isva", "specific_notifications")


def form_data(victim) -> dict:
    """The victim's current plan, as the choices form expects it."""
    data = {name: getattr(victim, name) for name in PLAIN_FIELDS + TEXT_FIELDS}
    data.update({name: "yes" if getattr(victim, name) else "no" for name in YES_NO_FIELDS})
    return data


def sign_in_index(victim, email: str | None) -> str | None:
    """The keyed hash by which `victim` may sign in with `email`, or None.

    Two victims never share a sign-in email, or signing in by email would be ambiguous.
    When another victim signs in with this address already, the address is kept as this
    victim's contact email only, and nothing on the page says so: saying "you cannot use
    this address" told anyone signed in whether an email belongs to a victim. Both paths
    run the same one query, so they take the same time too.
    """
    if not email:
        return None
    index = blind_index(email)
    other = db.session.scalar(
        select(Victim.id).where(Victim.email_index == index, Victim.id != victim.id)
    )
    return index if other is None else None


def save_plan(victim, chosen: dict) -> list[str]:
    """Apply the choices; return the names of the fields that changed (never their values)."""
    wanted = {name: chosen.get(name) for name in PLAIN_FIELDS}
    wanted.update({name: (chosen.get(name) or "").strip() or None for name in TEXT_FIELDS})
    wanted.update({name: chosen.get(name) == "yes" for name in YES_NO_FIELDS})
    if wanted["channel"] not in set(Channel):
        raise ValueError("unknown channel")
    changed = [name for name, value in wanted.items() if getattr(victim, name) != value]
    try:
        _apply(victim, wanted, changed, may_sign_in_with_email=True)
    except IntegrityError:
        # Another victim took the same sign-in email at the same moment: keep it as a
        # contact email only, as if they had taken it first.
        db.session.rollback()
        _apply(victim, wanted, changed, may_sign_in_with_email=False)
    return changed


def _apply(victim, wanted: dict, changed: list[str], may_sign_in_with_email: bool) -> None:
    for name in changed:
        setattr(victim, name, wanted[name])
    if "email" in changed:
        index = sign_in_index(victim, victim.email) if may_sign_in_with_email else None
        victim.email_index = index
    victim.plan_updated_at = utcnow()
    audit.record(
        "victim.plan_changed", subject=victim, actor=victim, detail={"fields": sorted(changed)}
    )
    db.session.commit()
