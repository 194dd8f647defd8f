"""Shared fixtures: one app and database per test session, emptied after every test, and
the people most tests need: a team with an officer and a supervisor, and Sam, a victim
whose case that officer holds. A folder's conftest.py adds or overrides what it needs.

The database is whatever PORTAL_DATABASE_URL names (CI runs the suite once on SQLite and
once on a throwaway PostgreSQL database); without it, a SQLite file in a temporary folder.
The schema is built by running the Alembic migrations, so every test run exercises them.

With PORTAL_MIGRATION_DATABASE_URL set too (the PostgreSQL half of .ci/run), the suite runs
as the application's role and the migrations as the owner, as in production; emptying the
tables between tests, which the application's role may not do to the audit log, is the
owner's job then.
"""

from __future__ import annotations

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.config import Settings
from portal.data.models import Base, StaffRole
from portal.extensions import db, limiter
from tests import factories, log_watch, pages
from tests.local_services import Inbox, free_port
from tests.oidc.provider import oidc_provider  # noqa: F401  (the real OpenID provider)
from tests.pages import CheckingClient, PageClient

log_watch.install()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "tolerates_html_errors(*codes, reason): let these html5lib parse error codes pass "
        "the page check in this test only, saying why beside it",
    )


@pytest.fixture(autouse=True)
def _tolerated_html_errors(request):
    marker = request.node.get_closest_marker("tolerates_html_errors")
    if marker is None:
        yield
        return
    assert marker.kwargs.get("reason"), "say why these HTML errors are tolerated"
    pages.TOLERATED.update(marker.args)
    yield
    pages.TOLERATED.clear()


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if any secret or personal text reached a log during the session."""
    leaks = log_watch.leaks()
    if leaks:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("Secrets or personal text found in logs:", red=True)
        for leak in leaks[:20]:
            reporter.write_line("  " + leak, red=True)
        session.exitstatus = 1


def _test_environment(tmp_path_factory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.startswith("PORTAL_")}
    env.pop("PORTAL_ENV", None)
    if not env.get("PORTAL_DATABASE_URL"):
        folder = tmp_path_factory.mktemp("db")
        env["PORTAL_DATABASE_URL"] = f"sqlite:///{folder / 'test.sqlite3'}"
    return env


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    settings = Settings.from_env(_test_environment(tmp_path_factory), environment="test")
    app = create_app(settings, TESTING=True)
    app.test_client_class = CheckingClient
    with app.app_context():
        upgrade()
    log_watch.install()  # still watching, whatever the migrations did to logging
    yield app
    with app.app_context():
        db.engine.dispose()
    _owner_engines.clear()


@pytest.fixture(autouse=True)
def _clean_database(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        empty_all_tables()
        limiter.reset()


_owner_engines: dict[str, object] = {}


def owner_engine():
    """The engine of the role that owns the tables: the migrations' (the app's if the same)."""
    from flask import current_app

    url = current_app.config["MIGRATION_DATABASE_URI"]
    if url == current_app.config["SQLALCHEMY_DATABASE_URI"]:
        return db.engine
    if url not in _owner_engines:
        _owner_engines[url] = create_engine(url, poolclass=NullPool)
    return _owner_engines[url]


def empty_all_tables() -> None:
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with owner_engine().begin() as connection:
        if connection.dialect.name == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables)
            # The audit log refuses TRUNCATE, whoever asks; only its owner can lift that,
            # and here only for this one transaction.
            connection.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
            connection.execute(text(f"TRUNCATE {quoted} CASCADE"))
            connection.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


@pytest.fixture
def another_app(app, monkeypatch):
    """Make further app instances, as further servers would be: on the suite's database
    unless told otherwise. They leave the shared rate limiter with the suite's app."""
    made = []
    monkeypatch.setattr(limiter, "init_app", lambda _app: None)

    def make(**env):
        env.setdefault("PORTAL_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
        other = create_app(Settings.from_env(env, environment="test"))
        other.test_client_class = CheckingClient
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app) -> PageClient:
    return PageClient(app)


@pytest.fixture
def team(app_context):
    return factories.make_team("Team North")


@pytest.fixture
def officer(team):
    return factories.make_staff(StaffRole.OFFICER, team=team, display_name="DC Ada Jones")


@pytest.fixture
def supervisor(team):
    return factories.make_staff(StaffRole.SUPERVISOR, team=team, display_name="DS Lee Brown")


@pytest.fixture
def victim(app_context):
    return factories.make_victim(preferred_name="Sam")


@pytest.fixture
def case(victim, officer):
    """Sam's case, held by the officer of Team North."""
    return factories.make_case(victim=victim, officer=officer, crime_reference="RSO/26/0707")


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free loopback port; what it receives is in `.received`."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    try:
        yield inbox
    finally:
        controller.stop()
