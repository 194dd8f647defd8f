"""A throwaway database per run, migrated by the portal's own Alembic migrations.

SQLite lives in a temporary folder. PostgreSQL gets a new database on the server named by
`--postgres` (by default the one CI uses), made and dropped through psycopg, the portal's
own driver, so no client programs are needed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

DATABASES = ("sqlite", "postgresql")
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def throwaway(database: str, postgres_url: str = DEFAULT_POSTGRES) -> Iterator[str]:
    """Yield the URL of a new, empty database; it is gone when the block ends."""
    if database == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-sqlite-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    name = f"portal_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    _admin(postgres_url, f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(postgres_url, name)
    finally:
        # FORCE: a gunicorn worker that was killed may still hold a connection.
        _admin(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrated_app(url: str):
    """The portal as the servers will run it (development settings), schema upgraded."""
    from flask_migrate import upgrade

    from portal import create_app
    from portal.config import Settings

    app = create_app(Settings.from_env(settings_env(url), environment="development"))
    with app.app_context():
        upgrade()
    return app


def settings_env(url: str) -> dict[str, str]:
    """The environment the portal's gunicorn is started with."""
    return {"PORTAL_ENV": "development", "PORTAL_DATABASE_URL": url}


def analyze(app) -> None:
    """Give the planner statistics for the new rows, as a live database would have.

    Otherwise PostgreSQL's autovacuum may do it in the middle of a measurement.
    """
    from sqlalchemy import text

    from portal.extensions import db

    with app.app_context(), db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM ANALYZE")
            )
        else:
            connection.execute(text("ANALYZE"))
            connection.commit()


def release(app) -> None:
    """Close the benchmark's own connections before the servers start."""
    from portal.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _admin(url: str, statement: str) -> None:
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(statement)
    except psycopg.OperationalError as error:
        raise RuntimeError(
            f"PostgreSQL does not answer at {url} ({error}); start it, or pass "
            "--postgres URL, or run with --database sqlite"
        ) from error


def _with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path=f"/{name}").geturl()
