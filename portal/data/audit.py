"""Writing to the audit log. Callers pass identifiers and choices, never free text."""

from __future__ import annotations

import logging
import uuid
from types import SimpleNamespace

from flask import has_request_context, request
from flask_login import current_user

from portal.data.models import AuditEvent
from portal.extensions import db

log = logging.getLogger("portal.data.audit")

# Who the audit log names for an attempt by someone not (yet) signed in.
ANONYMOUS = SimpleNamespace(kind="anonymous", id=None)


def record(
    action: str,
    *,
    case_id: uuid.UUID | None = None,
    subject=None,
    actor=None,
    detail: dict | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction (it commits with the change it records)."""
    actor = actor if actor is not None else _current_actor()
    event = AuditEvent(
        actor_kind=getattr(actor, "kind", "anonymous") if actor is not None else "system",
        actor_id=getattr(actor, "id", None),
        action=action,
        case_id=case_id,
        subject_kind=type(subject).__tablename__ if subject is not None else None,
        subject_id=getattr(subject, "id", None),
        remote_addr=request.remote_addr if has_request_context() else None,
        detail=detail or {},
    )
    if subject is not None:
        subject.ensure_id()
        event.subject_id = subject.id
    db.session.add(event)
    log.info("audit %s by %s %s", action, event.actor_kind, event.actor_id)
    return event


def _current_actor():
    if not has_request_context():
        return None
    return current_user if current_user.is_authenticated else None
