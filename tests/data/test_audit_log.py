"""The audit log is append-only: in the application, and in PostgreSQL itself."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from portal.data import audit
from portal.data.models import AuditEvent
from portal.data.models.audit import AuditLogIsAppendOnly
from portal.extensions import db


def test_an_audit_event_cannot_be_changed_or_deleted_through_the_app(app_context):
    audit.record("test.event", actor=None)
    db.session.commit()
    event = db.session.scalar(select(AuditEvent))
    event.action = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEvent)))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_the_database_itself_refuses_to_rewrite_the_audit_log(app_context):
    # The trigger is PostgreSQL's (migration 0005); on SQLite the application's own guard,
    # tested above, is the protection. The PostgreSQL half of .ci/run always runs this.
    if db.engine.dialect.name != "postgresql":
        pytest.skip(
            "the database-level trigger exists on PostgreSQL only; run with "
            "PORTAL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> (CI does)"
        )
    audit.record("test.event", actor=None)
    db.session.commit()
    for statement in ("UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
