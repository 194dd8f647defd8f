"""Writing to the audit log. Callers pass identifiers and choices, never free text.

Each event joins the hash chain as it is flushed (portal/data/models/audit.py); the address
it came from goes beside it, in `audit_address`, outside the chain, so that the retention
purge can forget it.
"""

from __future__ import annotations

import logging
import uuid
from types import SimpleNamespace

from flask import has_request_context, request
from flask_login import current_user

from portal.data.models import AuditAddress, AuditEvent
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
        detail=detail or {},
    )
    remote_addr = request.remote_addr if has_request_context() else None
    if remote_addr:
        event.address = AuditAddress(remote_addr=remote_addr)
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
