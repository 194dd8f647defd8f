"""End a request that only read with COMMIT, so PostgreSQL keeps its query plans.

psycopg prepares a statement on the server once it has run five times on a connection, so
PostgreSQL plans it once rather than on every request (on the dashboard, planning took
about 3 ms of every request). But psycopg forgets every prepared statement whenever a
transaction is rolled back, and a request's transaction is rolled back when its session
closes. So without this, no statement ever stayed prepared.

A transaction that ran nothing but SELECT statements has changed nothing, so ending it with
COMMIT or with ROLLBACK leaves the database the same. We commit only such a transaction,
only when the request raised nothing, and only when the session holds no unsaved change.
Anything else is rolled back as before: a request that failed half-way never keeps what it
wrote. SQLite has nothing of the kind to keep, so there (`portal.data.database`) every
request's session is closed as it always was, which rolls it back.
"""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

# Keys in the connection's and the session's `info` dictionaries.
_WROTE = "portal.wrote_in_transaction"
_CONNECTION_INFO = "portal.connection_info"


def _forget_writes(connection) -> None:
    connection.info.pop(_WROTE, None)


def _note_writes(connection, _cursor, statement: str, _params, _context, _many) -> None:
    # Anything that is not a plain SELECT counts as a write, a WITH query included, so a
    # doubtful statement always ends in ROLLBACK.
    if statement.lstrip()[:6].upper() != "SELECT":
        connection.info[_WROTE] = True


def _remember_connection(session: Session, _transaction, connection) -> None:
    session.info[_CONNECTION_INFO] = connection.info


def only_read(session: Session) -> bool:
    """True when the session's transaction ran only SELECTs and holds no unsaved change."""
    info = session.info.get(_CONNECTION_INFO)
    return (
        info is not None
        and session.in_transaction()
        and not info.get(_WROTE)
        and not (session.new or session.dirty or session.deleted)
    )


def init_app(app: Flask, engine: Engine, scoped_session) -> None:
    event.listen(engine, "begin", _forget_writes)
    event.listen(engine, "before_cursor_execute", _note_writes)
    event.listen(scoped_session, "after_begin", _remember_connection)

    @app.teardown_request
    def _end_read_only_transaction(error: BaseException | None) -> None:
        session = scoped_session()
        if error is not None or not only_read(session):
            return  # the session's close rolls it back
        try:
            session.commit()
        except Exception:  # the page is already sent; a lost connection must not raise here
            log.warning("Could not end a read-only transaction with COMMIT", exc_info=True)
            session.rollback()
