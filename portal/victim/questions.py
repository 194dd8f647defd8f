"""A victim's questions to their officer, and reading the officer's replies."""

from __future__ import annotations

from portal.data import audit
from portal.data.models import Case, Message, MessageKind, utcnow
from portal.extensions import db
from portal.rules.questions import reply_due

QUESTION_MAX_LENGTH = 2000


def send_question(victim, case: Case, body: str, reply_working_days: int) -> Message:
    """Send the question with the date by which the officer replies (portal.rules.questions)."""
    now = utcnow()
    message = Message(case=case, kind=MessageKind.QUESTION, from_victim=True, created_at=now)
    message.body = body.strip()
    message.reply_due_at = reply_due(now, case.force_country, reply_working_days)
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
