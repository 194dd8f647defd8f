"""The audit log is append-only, in the application and in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from portal.data import audit
from portal.data.models import AuditEvent
from portal.data.models.audit import AuditLogIsAppendOnly
from portal.extensions import db
from tests.conftest import owner_engine


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
    # The triggers are PostgreSQL's (migrations 0005 and 0009); on SQLite the application's
    # own guard, tested above, is the protection. The PostgreSQL half of .ci/run always runs
    # this. Asked as the tables' owner, who holds every privilege: the triggers still refuse.
    # (The application's own role is refused before that: tests/security/test_audit_chain.py.)
    if db.engine.dialect.name != "postgresql":
        pytest.skip(
            "the database-level trigger exists on PostgreSQL only; run with "
            "PORTAL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> (CI does)"
        )
    audit.record("test.event", actor=None)
    db.session.commit()
    statements = (
        "UPDATE audit_event SET action = 'x'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event CASCADE",
    )
    for statement in statements:
        connection = owner_engine().connect()
        try:
            with pytest.raises(DBAPIError, match="append-only"):
                connection.execute(text(statement))
        finally:
            connection.close()
