"""Writing to the outbox. Called inside the transaction that publishes an update or a
reply, so a notification exists exactly when the thing it announces does."""

from __future__ import annotations

from portal.extensions import db
from portal.models import Message, Notification, Update


def enqueue_for_update(update: Update, reason: str = "update") -> Notification:
    """Queue a notification for a published update or correction (not committed here)."""
    notification = Notification(case=update.case, reason=reason, update_id=update.ensure_id())
    db.session.add(notification)
    return notification


def enqueue_for_reply(message: Message) -> Notification:
    """Queue a notification for an officer's reply to the victim (not committed here)."""
    notification = Notification(case=message.case, reason="reply", message_id=message.ensure_id())
    db.session.add(notification)
    return notification


def enqueue_for_case(case, reason: str) -> Notification:
    """Queue a notification about the case itself, not one update or message (for example
    a review request acknowledged or decided). Not committed here."""
    notification = Notification(case=case, reason=reason)
    db.session.add(notification)
    return notification
