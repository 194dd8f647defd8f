"""A victim's questions to their officer, and reading the officer's replies."""

from __future__ import annotations

from portal.data import audit
from portal.data.models import Case, Message, MessageKind, utcnow
from portal.extensions import db

QUESTION_MAX_LENGTH = 2000


def send_question(victim, case: Case, body: str) -> Message:
    message = Message(case=case, kind=MessageKind.QUESTION, from_victim=True)
    message.body = body.strip()
    db.session.add(message)
    audit.record("victim.question_sent", case_id=case.id, subject=message, actor=victim)
    db.session.commit()
    return message


def mark_replies_read(messages: list[Message]) -> None:
    """The officer can see that a reply reached the victim: record when it was first shown."""
    now = utcnow()
    changed = False
    for message in messages:
        if not message.from_victim and message.read_at is None:
            message.read_at = now
            changed = True
    if changed:
        db.session.commit()


def unread_replies(messages: list[Message]) -> int:
    return sum(1 for message in messages if not message.from_victim and message.read_at is None)
