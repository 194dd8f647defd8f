"""Backups of the database, for SQLite (the demo) and PostgreSQL (production).

The backup holds encrypted values as they are: restoring it needs the same
PORTAL_ENCRYPTION_KEYS. Keep keys and backups apart, so that one alone reveals nothing.

A restore is checked against the registry of tables that hold victims' data
(portal/data/victim_tables.py, read by the retention purge and the export too): the
restored database must hold every one of them, or the restore is reported as failed, naming
what is missing. A copy of the wrong database, or of one that lost tables, would otherwise
be "Restored." and found out only when a victim's records are needed.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.engine import make_url

from portal.data import victim_tables
from portal.extensions import db


class BackupError(RuntimeError):
    pass


def create_backup(target: Path) -> None:
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(Path(url.database), target)
    elif url.get_backend_name() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq(url)])
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")


def restore_backup(source: Path, database_url: str) -> dict[str, int]:
    """Restore `source` into the empty database at `database_url`, and check it.

    Never over one that holds tables: a restore aimed at the live database by mistake
    would overwrite (SQLite) or collide with (PostgreSQL) what victims wrote since.
    Returns how many rows each table of victims' data holds in the restored database.
    """
    url = make_url(database_url)
    _require_empty(url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(source, Path(url.database))
    elif url.get_backend_name() == "postgresql":
        _run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={_libpq(url)}", str(source)]
        )
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()}")
    return check_restored(url)


def check_restored(url) -> dict[str, int]:
    """Every table of victims' data is in the restored database: its rows, by table."""
    engine = create_engine(url)
    try:
        present = set(inspect(engine).get_table_names())
        missing = [entry.name for entry in victim_tables.TABLES if entry.name not in present]
        if missing:
            raise BackupError(
                f"restored into {url.render_as_string(hide_password=True)}, but it lacks "
                f"tables that hold victims' data: {', '.join(missing)}. Do not rely on it as a "
                "whole copy of the portal (a backup taken before those tables existed gets "
                "them, empty, from `flask db upgrade`)"
            )
        with engine.connect() as connection:
            return {
                entry.name: connection.scalar(select(func.count()).select_from(entry.table))
                for entry in victim_tables.TABLES
            }
    finally:
        engine.dispose()


def _require_empty(url) -> None:
    engine = create_engine(url)
    try:
        tables = inspect(engine).get_table_names()
    finally:
        engine.dispose()
    if tables:
        raise BackupError(
            f"{url.render_as_string(hide_password=True)} already holds {len(tables)} tables: "
            "restore into a new, empty database"
        )


def _sqlite_copy(source: Path, target: Path) -> None:
    # The online backup API copies a consistent snapshot even while the portal is writing.
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)


def _libpq(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed")
