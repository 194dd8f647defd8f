"""A request that only read ends its transaction with COMMIT, so that PostgreSQL keeps the
statements psycopg prepared; a request that wrote without committing, failed, or left an
unsaved change is still rolled back, and keeps nothing."""

from __future__ import annotations

import pytest
from flask import Response
from sqlalchemy import event, func, select, text

from portal.data.models import Team
from portal.extensions import db
from portal.web.access import PUBLIC, only

HOW_TO_RUN = (
    "prepared statements are PostgreSQL's: createdb -h 127.0.0.1 -U postgres portal_test, "
    "then PORTAL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_test "
    ".venv/bin/python -m pytest tests/data/test_read_only_end.py (CI's PostgreSQL half runs it)"
)


def _count_teams() -> int:
    return db.session.scalar(select(func.count()).select_from(Team))


def _write_team(name: str) -> None:
    db.session.add(Team(name=name))
    db.session.flush()


def _plain(value) -> Response:
    return Response(str(value), mimetype="text/plain")


def _routes(app) -> None:
    """Routes that do each thing a real handler may do, on an app that has served nothing."""

    @app.get("/probe/read")
    @only(PUBLIC)
    def read():
        return _plain(_count_teams())

    @app.get("/probe/flush-and-return")
    @only(PUBLIC)
    def flush_and_return():
        _write_team("Flushed, never committed")
        return _plain("ok")

    @app.get("/probe/update-and-return")
    @only(PUBLIC)
    def update_and_return():
        _count_teams()
        db.session.execute(text("UPDATE team SET name = 'Renamed, never committed'"))
        return _plain("ok")

    @app.get("/probe/add-and-return")
    @only(PUBLIC)
    def add_and_return():
        _count_teams()
        db.session.add(Team(name="Added, never flushed"))
        return _plain("ok")

    @app.get("/probe/flush-and-fail")
    @only(PUBLIC)
    def flush_and_fail():
        _write_team("Written before a failure")
        raise RuntimeError("failed half-way")

    @app.get("/probe/read-and-fail")
    @only(PUBLIC)
    def read_and_fail():
        _count_teams()
        raise RuntimeError("failed after reading")

    @app.get("/probe/prepared")
    @only(PUBLIC)
    def prepared():
        _count_teams()
        return _plain(db.session.scalar(text("SELECT count(*) FROM pg_prepared_statements")))


@pytest.fixture
def probe(another_app):
    app = another_app()
    _routes(app)
    with app.app_context():
        engine = db.engine
        db.session.add(Team(name="Team North"))
        db.session.commit()
    ends: list[str] = []
    listeners = {
        name: (lambda _conn, name=name: ends.append(name)) for name in ("commit", "rollback")
    }
    for name, listener in listeners.items():
        event.listen(engine, name, listener)
    yield app, ends
    for name, listener in listeners.items():
        event.remove(engine, name, listener)


def _team_names(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(select(Team.name)))


def test_a_request_that_only_read_ends_with_commit_on_a_server_database(probe):
    app, ends = probe
    response = app.test_client().get("/probe/read")
    assert response.status_code == 200 and response.text == "1"
    with app.app_context():
        on_sqlite = db.engine.dialect.name == "sqlite"
    # SQLite keeps its statements through a ROLLBACK, so there the session's close ends it.
    assert ends == (["rollback"] if on_sqlite else ["commit"])


@pytest.mark.parametrize(
    "path", ["/probe/flush-and-return", "/probe/update-and-return", "/probe/add-and-return"]
)
def test_a_request_that_changed_something_without_committing_keeps_nothing(probe, path):
    app, ends = probe
    assert app.test_client().get(path).status_code == 200
    assert "commit" not in ends
    assert _team_names(app) == ["Team North"]


def test_a_request_that_wrote_then_failed_keeps_nothing(probe):
    app, ends = probe
    assert app.test_client().get("/probe/flush-and-fail").status_code == 500
    assert "commit" not in ends
    assert _team_names(app) == ["Team North"]


def test_a_request_that_failed_after_reading_is_rolled_back_not_committed(probe):
    app, ends = probe
    assert app.test_client().get("/probe/read-and-fail").status_code == 500
    assert ends == ["rollback"]


def test_postgresql_keeps_a_statement_prepared_across_read_only_requests(probe):
    app, _ends = probe
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            # SQLite has no prepared statements to keep; CI's PostgreSQL half runs this.
            pytest.skip(HOW_TO_RUN)
    client = app.test_client()
    # psycopg prepares a statement once it has run five times on a connection; these
    # requests follow one another, so they share the pool's one connection.
    counts = [int(client.get("/probe/prepared").text) for _ in range(8)]
    assert counts[-1] >= 1, counts
    assert counts == sorted(counts), f"prepared statements were thrown away: {counts}"
