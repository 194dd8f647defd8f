"""What happens when a victim opens an update, or chooses not to read it yet."""

from __future__ import annotations

from portal.data import audit
from portal.data.models import Message, MessageKind, Update, utcnow
from portal.extensions import db

# Stored for the officer, who reads it in the staff view; the kind says it all.
CALL_REQUEST_TEXT = "Please call me about this update instead of my reading it here."


def mark_read(update: Update) -> None:
    """A read receipt the officer sees: set the first time the full update is shown."""
    if update.read_at is None:
        update.read_at = utcnow()
        db.session.commit()


def read_later(update: Update) -> None:
    update.read_later_at = utcnow()
    db.session.commit()


def request_call(victim, update: Update) -> Message:
    """Tell the officer the victim would rather be called than read this update."""
    update.call_requested_at = utcnow()
    message = Message(
        case_id=update.case_id,
        kind=MessageKind.CALL_REQUEST,
        from_victim=True,
        update_id=update.id,
    )
    message.body = CALL_REQUEST_TEXT
    db.session.add(message)
    audit.record("victim.call_requested", case_id=update.case_id, subject=update, actor=victim)
    db.session.commit()
    return message
