"""Backups restore into a fresh database and decrypt, and never over one holding data."""

from __future__ import annotations

import subprocess
import uuid

import pytest
from sqlalchemy import select

from portal.data.backup import BackupError, create_backup, restore_backup
from portal.data.models import Case, Update, Victim
from portal.extensions import db
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


def test_a_restore_never_goes_over_a_database_that_holds_data(app_context, tmp_path):
    make_case(victim=make_victim(preferred_name="Rowan"))
    target = tmp_path / "portal.data.backup"
    create_backup(target)
    live_url = db.engine.url.render_as_string(hide_password=False)
    with pytest.raises(BackupError, match="restore into a new, empty database"):
        restore_backup(target, live_url)
    assert db.session.scalar(select(Victim)).preferred_name == "Rowan"


def _fresh_database(tmp_path) -> str:
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    name = f"portal_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", url.host, "-U", url.username, name], check=True)
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_database(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        return
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    subprocess.run(["dropdb", "-h", url.host, "-U", url.username, url.database], check=True)
