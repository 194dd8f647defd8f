"""Backups restore into a fresh database, are checked against the registry, and never
go over a live one."""

from __future__ import annotations

import subprocess
import uuid

import pytest
from flask import current_app
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from portal.data import victim_tables
from portal.data.backup import BackupError, create_backup, restore_backup
from portal.data.models import Base, Case, Update, Victim
from portal.extensions import db
from tests.data.records import one_of_everything
from tests.factories import make_case, make_update, make_victim


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
