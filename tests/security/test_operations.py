"""Key rotation, retention, backups and the append-only audit log."""

from __future__ import annotations

import base64
import subprocess
import uuid
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from portal.data import audit, victim_tables
from portal.data.backup import BackupError, create_backup, restore_backup
from portal.data.models import AuditEvent, Base, Case, CaseStatus, Message, Update, Victim, utcnow
from portal.data.models.audit import AuditLogIsAppendOnly
from portal.data.retention import purge
from portal.extensions import db
from portal.security.crypto import DecryptionError, Keyring
from tests.conftest import owner_engine
from tests.data.records import one_of_everything, owned_rows_by_table, still_there
from tests.factories import make_case, make_message, make_update, make_victim

NEW_KEY = ("new", b"n" * 32)


@pytest.fixture
def add_new_key(app):
    """Put a brand-new key first, keeping the old ones, as an operator would."""
    original = app.extensions["portal.keyring"]

    def add():
        app.extensions["portal.keyring"] = Keyring([NEW_KEY, *app.config["ENCRYPTION_KEYS"]])

    yield add
    app.extensions["portal.keyring"] = original


def test_key_rotation_reencrypts_everything_and_it_still_reads(app_context, app, add_new_key):
    case = make_case(victim=make_victim(preferred_name="Morgan"), crime_reference="RSO/26/5555")
    make_update(case, text="The interview is on Tuesday.")
    make_message(case, body="Can I bring a friend?")
    add_new_key()
    from portal.data.key_rotation import rotate_all

    changed = rotate_all()
    assert changed["victim"] == 1 and changed["case"] == 1
    assert changed["case_update"] == 1 and changed["message"] == 1
    app.extensions["portal.keyring"] = Keyring([NEW_KEY])  # the old key is gone now
    db.session.expire_all()
    assert db.session.get(Victim, case.victim_id).preferred_name == "Morgan"
    assert db.session.scalar(select(Update)).free_text == "The interview is on Tuesday."
    assert db.session.scalar(select(Message)).body == "Can I bring a friend?"
    assert rotate_all()["victim"] == 0  # nothing left on an old key


def test_without_the_right_key_nothing_decrypts(app_context, app):
    victim = make_victim(preferred_name="Morgan")
    app.extensions["portal.keyring"], original = (
        Keyring([("other", b"o" * 32)]),
        app.extensions["portal.keyring"],
    )
    try:
        db.session.expire_all()
        with pytest.raises(DecryptionError):
            _ = db.session.get(Victim, victim.id).preferred_name
    finally:
        app.extensions["portal.keyring"] = original


def _closed_case(days_ago: int, **fields) -> Case:
    case = make_case(**fields)
    make_update(case, text="Closing the investigation.")
    make_message(case, body="Thank you.")
    case.status = CaseStatus.CLOSED
    case.closed_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return case


def test_retention_purges_old_closed_cases_and_keeps_an_audit_record(app_context):
    old = _closed_case(days_ago=800)
    recent = _closed_case(days_ago=10)
    still_open = make_case()
    old_id, old_victim = old.id, old.victim_id
    report = purge(retention_days=730)
    assert report.cases == 1 and report.victims == 1
    assert report.rows["case_update"] == 1 and report.rows["message"] == 1
    assert db.session.get(Case, old_id) is None
    assert db.session.get(Victim, old_victim) is None
    assert db.session.get(Case, recent.id) is not None
    assert db.session.get(Case, still_open.id) is not None
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "retention.purge" in actions and "retention.purge_case" in actions


def test_retention_dry_run_removes_nothing(app_context):
    old = _closed_case(days_ago=800)
    report = purge(retention_days=730, dry_run=True)
    assert report.cases == 1
    assert db.session.get(Case, old.id) is not None


def test_retention_keeps_a_victim_who_has_another_case(app_context):
    victim = make_victim()
    _closed_case(days_ago=800, victim=victim)
    make_case(victim=victim)
    assert purge(retention_days=730).victims == 0
    assert db.session.get(Victim, victim.id) is not None


def test_retention_removes_the_victims_rows_from_every_table_in_the_registry(app, app_context):
    """Every table that holds a victim's data (portal/data/victim_tables.py) loses the
    purged victim's rows, but for those the registry says the purge keeps, and why."""
    gone, stays = make_victim(), make_victim()
    one_of_everything(app, gone, closed_days_ago=800)
    one_of_everything(app, stays)
    gone_rows, staying_rows = owned_rows_by_table(gone.id), owned_rows_by_table(stays.id)

    report = purge(retention_days=730)
    assert report.cases == 1 and report.victims == 1
    for entry in victim_tables.TABLES:
        left = still_there(entry.table, gone_rows[entry.name])
        if entry.purged:
            assert left == [], f"the purge left {len(left)} {entry.name} rows behind"
        else:
            assert sorted(left) == sorted(gone_rows[entry.name]), entry.kept_by_purge
        assert sorted(still_there(entry.table, staying_rows[entry.name])) == sorted(
            staying_rows[entry.name]
        ), f"the purge removed {entry.name} rows of a victim whose case is open"


def test_a_retention_dry_run_counts_what_the_real_one_removes(app, app_context):
    victim = make_victim()
    one_of_everything(app, victim, closed_days_ago=800)
    updates = len(owned_rows_by_table(victim.id)["case_update"])
    counted = purge(retention_days=730, dry_run=True)
    assert counted.rows["case_update"] == updates  # a correction counted once, not twice
    assert purge(retention_days=730).rows == counted.rows


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


def test_a_backup_restores_into_a_fresh_database_and_decrypts(app_context, another_app, tmp_path):
    case = make_case(victim=make_victim(preferred_name="Rowan"), crime_reference="RSO/26/7777")
    make_update(case, text="Your statement has been typed up.")
    target = tmp_path / "portal.data.backup"
    create_backup(target)
    fresh_url = _fresh_database(tmp_path)
    restore_backup(target, fresh_url)
    restored = another_app(PORTAL_DATABASE_URL=fresh_url)
    with restored.app_context():
        victim = db.session.scalar(select(Victim))  # the restored copy, not the test database
        assert victim.preferred_name == "Rowan"
        assert db.session.scalar(select(Case)).crime_reference == "RSO/26/7777"
        assert db.session.scalar(select(Update)).free_text == "Your statement has been typed up."
        db.session.remove()
        db.engine.dispose()
    _drop_database(fresh_url)


def test_a_restore_brings_back_every_table_in_the_registry_and_counts_its_rows(
    app, app_context, tmp_path
):
    one_of_everything(app, make_victim())
    live = {
        entry.name: db.session.scalar(select(func.count()).select_from(entry.table))
        for entry in victim_tables.TABLES
    }
    target = tmp_path / "portal.data.backup"
    create_backup(target)
    fresh_url = _fresh_database(tmp_path)
    try:
        assert restore_backup(target, fresh_url) == live
    finally:
        _drop_database(fresh_url)
    assert all(live.values())


def test_a_restore_that_lacks_a_table_of_victims_data_says_so(app_context, another_app, tmp_path):
    """A backup of a database without every table in the registry (the wrong database, or
    one that lost a table) is not called restored."""
    partial_url = _fresh_database(tmp_path, "partial")
    fresh_url = _fresh_database(tmp_path)
    engine = create_engine(partial_url)
    tables = [t for t in Base.metadata.sorted_tables if t.name != "experience_check"]
    Base.metadata.create_all(engine, tables=tables)
    engine.dispose()
    target = tmp_path / "partial.backup"
    try:
        with another_app(PORTAL_DATABASE_URL=partial_url).app_context():
            create_backup(target)
            db.engine.dispose()
        with pytest.raises(BackupError, match="lacks tables that hold victims' data: experience"):
            restore_backup(target, fresh_url)
    finally:
        _drop_database(fresh_url)
        _drop_database(partial_url)


def test_a_restore_never_goes_over_a_database_that_holds_data(app_context, tmp_path):
    make_case(victim=make_victim(preferred_name="Rowan"))
    target = tmp_path / "portal.data.backup"
    create_backup(target)
    live_url = db.engine.url.render_as_string(hide_password=False)
    with pytest.raises(BackupError, match="restore into a new, empty database"):
        restore_backup(target, live_url)
    assert db.session.scalar(select(Victim)).preferred_name == "Rowan"


def _fresh_database(tmp_path, name: str = "restored") -> str:
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
    # As the owner of the tables (the application's own role may create no database).
    url = make_url(current_app.config["MIGRATION_DATABASE_URI"])
    name = f"portal_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", url.host, "-U", url.username, name], check=True)
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_database(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        return
    url = make_url(database_url)
    subprocess.run(["dropdb", "-h", url.host, "-U", url.username, url.database], check=True)


def test_key_material_never_appears_in_a_rotation_report(app_context, add_new_key):
    from portal.data.key_rotation import rotate_all

    make_victim(preferred_name="Morgan")
    add_new_key()
    report = repr(rotate_all())
    assert base64.urlsafe_b64encode(NEW_KEY[1]).decode() not in report
    assert "Morgan" not in report


def test_the_restore_command_says_how_many_rows_of_victims_data_came_back(
    app, app_context, tmp_path
):
    from click.testing import CliRunner

    from portal.cli.ops import restore_backup_command

    one_of_everything(app, make_victim())
    target = tmp_path / "portal.backup"
    create_backup(target)
    fresh_url = _fresh_database(tmp_path)
    try:
        result = CliRunner().invoke(restore_backup_command, [str(target), "--into", fresh_url])
    finally:
        _drop_database(fresh_url)
    assert result.exit_code == 0, result.output
    assert "Restored. Rows of victims' data in each table:" in result.output
    for entry in victim_tables.TABLES:
        assert f"  {entry.name}: " in result.output
