"""Database settings that depend on the engine: SQLite's WAL mode and busy timeout; on a
server database, how a request that only read ends its transaction."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers carry on while one writer writes; the busy timeout makes a second
    # writer wait instead of failing at once with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def init_app(app: Flask) -> None:
    from portal.data import read_only_end
    from portal.extensions import db

    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _tune_sqlite)
        else:
            # Only for what a server keeps per connection (psycopg's prepared statements):
            # SQLite keeps its statement cache through a ROLLBACK, and the COMMIT was about
            # a fortieth of a victim's home page.
            read_only_end.init_app(app, engine, db.session)


def render_migration_item(type_, obj, autogen_context):
    """Write our UTC column type into migrations as the plain type it stores.

    Migrations then never import application code, which may change after they are written.
    """
    from portal.data.models.base import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
