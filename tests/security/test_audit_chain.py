"""The audit log as a hash chain: `portal audit verify` proves it whole, or names the first
broken link; the addresses beside it can be forgotten without breaking it; and on PostgreSQL
the application's role can only add to it (the roles: docs/deployment.md)."""

from __future__ import annotations

import itertools
import threading
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from portal.cli.ops import verify_audit_command
from portal.data import audit
from portal.data.audit_chain import AuditChainBroken, verify
from portal.data.models import AuditAddress, AuditChainHead, AuditEvent, CaseStatus, utcnow
from portal.data.models.audit import GENESIS
from portal.data.retention import purge
from portal.extensions import db
from tests.conftest import owner_engine
from tests.factories import make_case, make_victim

ROLES_HOW_TO_RUN = (
    "needs PostgreSQL with the two roles, as .ci/run sets them up: create them with "
    "docs/postgresql-roles.sql, then run with PORTAL_DATABASE_URL=postgresql://<app role>@"
    "127.0.0.1:5432/<db> and PORTAL_MIGRATION_DATABASE_URL=postgresql://<owner role>@"
    "127.0.0.1:5432/<db>"
)

OLD_COLUMNS = ("id", "occurred_at", "actor_kind", "action", "detail")


def _write(count: int, *, separately: bool = True) -> None:
    for number in range(count):
        audit.record("test.event", actor=None, detail={"number": number})
        if separately:
            db.session.commit()
    db.session.commit()


def _as_owner(statement, **values) -> None:
    """Tamper as only the tables' owner could: on PostgreSQL by lifting the triggers."""
    with owner_engine().begin() as connection:
        postgresql = connection.dialect.name == "postgresql"
        if postgresql:
            connection.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        connection.execute(text(statement) if isinstance(statement, str) else statement, values)
        if postgresql:
            connection.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
    db.session.expire_all()


def _broken() -> str:
    with pytest.raises(AuditChainBroken) as raised:
        verify(db.session)
    return str(raised.value)


def test_each_event_links_to_the_one_before_and_the_chain_verifies(app_context):
    _write(3)
    _write(2, separately=False)  # several events in one flush take consecutive places
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [event.seq for event in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.row_hash
    report = verify(db.session)
    assert report.events == 5
    assert report.head == events[-1].row_hash == db.session.get(AuditChainHead, 1).last_hash


def test_an_empty_log_verifies(app_context):
    assert verify(db.session).events == 0


def test_a_changed_event_is_named(app_context):
    _write(4)
    _as_owner("UPDATE audit_event SET action = 'test.innocent' WHERE seq = 2")
    assert "event 2 " in _broken() and "was changed" in _broken()


def test_a_changed_hash_with_it_breaks_the_next_link(app_context):
    _write(4)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.seq == 2))
    event_id = event.id
    db.session.expunge(event)
    # The forger rewrites the row and its own hash, consistently: the next row gives it away.
    forged = AuditEvent(
        id=event_id,
        seq=2,
        occurred_at=event.occurred_at,
        actor_kind=event.actor_kind,
        action="test.innocent",
        detail=event.detail,
        prev_hash=event.prev_hash,
    )
    forged_hash = forged.computed_hash()
    _as_owner(
        "UPDATE audit_event SET action = 'test.innocent', row_hash = :hash WHERE seq = 2",
        hash=forged_hash,
    )
    message = _broken()
    assert "event 3 " in message and "does not follow the event before it" in message


def test_a_removed_event_is_named(app_context):
    _write(5)
    _as_owner("DELETE FROM audit_event WHERE seq = 3")
    message = _broken()
    assert "event 3 removed" in message and "jumps to event 4" in message


def test_removing_the_newest_events_shows_against_the_chain_head(app_context):
    _write(5)
    _as_owner("DELETE FROM audit_event WHERE seq >= 4")
    assert "events 4 to 5 removed" in _broken()


def test_an_event_slipped_in_out_of_order_is_named(app_context):
    _write(3)
    first = db.session.scalar(select(AuditEvent).where(AuditEvent.seq == 1))
    # A row written by hand at the end, with a hash of its own but linked to the first event.
    _as_owner(
        AuditEvent.__table__.insert().values(
            id=uuid.uuid4(),
            occurred_at=utcnow(),
            actor_kind="system",
            action="test.forged",
            detail={},
            seq=4,
            prev_hash=first.row_hash,
            row_hash=first.row_hash,
        )
    )
    message = _broken()
    assert "event 4 " in message


def test_portal_audit_verify_says_so_and_fails_naming_the_first_broken_event(app, app_context):
    _write(3)
    runner = app.test_cli_runner()
    result = runner.invoke(verify_audit_command)
    assert result.exit_code == 0, result.output
    assert "Audit log intact: 3 events" in result.output
    _as_owner("UPDATE audit_event SET detail = '{\"number\": 7}' WHERE seq = 1")
    db.session.remove()
    result = runner.invoke(verify_audit_command)
    assert result.exit_code == 1
    assert "tampered with" in result.output and "event 1 " in result.output


def test_writers_at_once_take_turns_and_never_fork_the_chain(app):
    def write(errors: list) -> None:
        try:
            with app.app_context():
                for number in range(15):
                    audit.record("test.concurrent", actor=None, detail={"number": number})
                    db.session.commit()
                db.session.remove()
        except Exception as error:  # reported below
            errors.append(error)

    errors: list = []
    threads = [threading.Thread(target=write, args=(errors,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context():
        assert verify(db.session).events == 45
        db.session.remove()


def test_the_purge_forgets_a_victims_addresses_and_the_chain_still_verifies(app, app_context):
    victim, other = make_victim(), make_victim()
    old = make_case(victim=victim, status=CaseStatus.CLOSED)
    old.closed_at = utcnow() - timedelta(days=800)
    kept = make_case(victim=other)
    with app.test_request_context(environ_base={"REMOTE_ADDR": "198.51.100.23"}):
        audit.record("victim.signed_in", actor=victim, subject=victim)
        audit.record("case.viewed", case_id=old.id, actor=None)
        audit.record("victim.signed_in", actor=other, subject=other, case_id=kept.id)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(AuditAddress)) == 3

    purge(retention_days=730)

    addresses = db.session.scalars(select(AuditAddress)).all()
    assert [address.event.actor_id for address in addresses] == [other.id]
    assert verify(db.session).events == 5  # three, and the purge's own two, all linked


def test_the_migration_chains_the_events_already_there(app, app_context):
    """Events written before 0009 are chained oldest first, and their addresses moved."""
    db.session.remove()
    downgrade(revision="0008")
    at = utcnow() - timedelta(days=3)
    before_0009 = sa.table(
        "audit_event",
        *(sa.column(name, AuditEvent.__table__.c[name].type) for name in OLD_COLUMNS),
        sa.column("remote_addr", sa.String()),
    )
    for number, address in enumerate(("192.0.2.1", None, "192.0.2.3")):
        db.session.execute(
            before_0009.insert().values(
                id=uuid.uuid4(),
                occurred_at=at + timedelta(minutes=number),
                actor_kind="system",
                action=f"test.before_{number}",
                detail={"n": number},
                remote_addr=address,
            )
        )
    db.session.commit()
    db.session.remove()
    upgrade()
    db.session.remove()

    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [event.action for event in events] == [f"test.before_{n}" for n in range(3)]
    assert [event.remote_addr for event in events] == ["192.0.2.1", None, "192.0.2.3"]
    assert verify(db.session).events == 3
    audit.record("test.after", actor=None)  # and the chain goes on from there
    db.session.commit()
    assert verify(db.session).events == 4


def _app_role_or_skip(app) -> None:
    separate = app.config["MIGRATION_DATABASE_URI"] != app.config["SQLALCHEMY_DATABASE_URI"]
    if db.engine.dialect.name != "postgresql" or not separate:
        pytest.skip("the application's own database role " + ROLES_HOW_TO_RUN)


def test_the_applications_role_may_only_add_to_the_audit_log(app, app_context):
    _app_role_or_skip(app)
    _write(2)  # INSERT, and the chain head's SELECT and UPDATE
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 2  # SELECT
    refused = {
        "UPDATE audit_event SET action = 'x'": "permission denied",
        "DELETE FROM audit_event": "permission denied",
        "TRUNCATE audit_event": "permission denied",
        "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only": "must be owner",
        "ALTER TABLE audit_event DISABLE TRIGGER USER": "must be owner",
        "DROP TRIGGER audit_event_no_truncate ON audit_event": "must be owner",
        "DELETE FROM audit_chain_head": "permission denied",
        "TRUNCATE audit_chain_head": "permission denied",
        "UPDATE audit_address SET remote_addr = '192.0.2.99'": "permission denied",
        "CREATE TABLE audit_copy (id int)": "permission denied",
    }
    for statement, reason in refused.items():
        with pytest.raises(DBAPIError, match=reason):
            db.session.execute(text(statement))
        db.session.rollback()
    assert verify(db.session).events == 2


def test_the_applications_role_may_forget_an_address(app, app_context):
    _app_role_or_skip(app)
    with app.test_request_context(environ_base={"REMOTE_ADDR": "198.51.100.4"}):
        audit.record("test.event", actor=None)
    db.session.commit()
    db.session.execute(text("DELETE FROM audit_address"))
    db.session.commit()
    assert verify(db.session).events == 1
