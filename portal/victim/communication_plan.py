"""The communication plan: the victim's own choices, which staff and notifications honour."""

from __future__ import annotations

from sqlalchemy import select

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


def email_taken_by_someone_else(victim, email: str | None) -> bool:
    if not email:
        return False
    other = db.session.scalar(
        select(Victim.id).where(Victim.email_index == blind_index(email), Victim.id != victim.id)
    )
    return other is not None


def save_plan(victim, chosen: dict) -> list[str]:
    """Apply the choices; return the names of the fields that changed (never their values)."""
    wanted = {name: chosen.get(name) for name in PLAIN_FIELDS}
    wanted.update({name: (chosen.get(name) or "").strip() or None for name in TEXT_FIELDS})
    wanted.update({name: chosen.get(name) == "yes" for name in YES_NO_FIELDS})
    if wanted["channel"] not in set(Channel):
        raise ValueError("unknown channel")
    changed = [name for name, value in wanted.items() if getattr(victim, name) != value]
    for name in changed:
        setattr(victim, name, wanted[name])
    if "email" in changed:
        victim.email_index = blind_index(victim.email) if victim.email else None
    victim.plan_updated_at = utcnow()
    audit.record(
        "victim.plan_changed", subject=victim, actor=victim, detail={"fields": sorted(changed)}
    )
    db.session.commit()
    return changed
