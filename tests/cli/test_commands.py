import base64
import gc
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from portal.cli import main


def test_portal_help_lists_every_command_without_any_configuration():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    result = subprocess.run(
        [sys.executable, "-m", "portal", "--help"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    for command in ("demo", "seed-demo", "db", "assets"):
        assert command in result.stdout


DEMO_COMMANDS = pytest.mark.parametrize(
    "command", [["demo"], ["seed-demo", "--json"]], ids=["demo", "seed-demo"]
)


@pytest.fixture
def never_serve(monkeypatch):
    """Were `portal demo` to get past its refusal, fail instead of serving for ever."""

    def serve(*args, **kwargs):
        raise AssertionError("portal demo started serving")

    monkeypatch.setattr("portal.cli.run_simple", serve)


def _production_settings_on_the_test_database(app, monkeypatch):
    """A production deployment's environment, but pointing at the suite's database."""
    monkeypatch.setenv("PORTAL_SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("PORTAL_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("PORTAL_ENCRYPTION_KEYS", "k1:" + _random_key())
    monkeypatch.setenv("PORTAL_BLIND_INDEX_KEY", _random_key())
    monkeypatch.setenv("PORTAL_BASE_URL", "https://beacon.example")


def _random_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _staff_accounts(app) -> int:
    from portal.data.models import StaffUser
    from portal.extensions import db

    with app.app_context():
        return db.session.query(StaffUser).count()


@DEMO_COMMANDS
def test_demo_commands_refuse_to_run_in_production(command, app, monkeypatch, never_serve):
    _production_settings_on_the_test_database(app, monkeypatch)
    monkeypatch.setenv("PORTAL_ENV", "production")
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0
    assert "never loaded in production" in result.output
    assert _staff_accounts(app) == 0


@DEMO_COMMANDS
def test_demo_commands_refuse_when_portal_env_is_unset(command, app, monkeypatch, never_serve):
    _production_settings_on_the_test_database(app, monkeypatch)
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0
    assert "PORTAL_ENV=development" in result.output
    assert _staff_accounts(app) == 0


def test_seed_demo_refuses_when_portal_env_is_unset_even_with_no_settings_at_all(app, monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    result = CliRunner().invoke(main, ["seed-demo", "--json"])
    assert result.exit_code != 0
    assert _staff_accounts(app) == 0


def test_make_demo_declares_development_itself_and_keeps_an_explicit_production():
    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    assert '\tPORTAL_ENV="$${PORTAL_ENV:-development}" $(BIN)/portal demo ' in makefile


def test_seed_demo_prints_the_sign_ins_as_json_and_is_idempotent(app, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("PORTAL_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    runner = CliRunner()
    first = runner.invoke(main, ["seed-demo", "--json"])
    assert first.exit_code == 0, first.output
    sign_ins = json.loads(first.stdout)
    assert {s["role"] for s in sign_ins["staff"]} == {"officer", "supervisor", "admin"}
    for staff in sign_ins["staff"]:
        assert set(staff) == {"role", "email", "password", "totp_secret"}
    for victim in sign_ins["victims"]:
        assert set(victim) == {"access_id", "passphrase", "case_reference"}
    second = runner.invoke(main, ["seed-demo", "--json"])
    assert json.loads(second.stdout)["victims"] == sign_ins["victims"]
    from portal.data.models import Case, StaffUser
    from portal.extensions import db

    with app.app_context():
        assert db.session.query(StaffUser).count() == len(sign_ins["staff"])
        assert db.session.query(Case).count() == len(sign_ins["victims"]) + 1


@DEMO_COMMANDS
def test_demo_commands_never_write_beside_real_staff_even_in_development(
    command, app, monkeypatch, never_serve
):
    from portal.data.models import Team
    from portal.extensions import db
    from tests.factories import make_staff

    with app.app_context():
        make_staff(email="dc.real@force.example")
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("PORTAL_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0
    assert "already holds accounts or cases that the demo did not make" in result.output
    assert _staff_accounts(app) == 1
    # A refused demo leaves no open database connection behind: collected here, one
    # would be an error in this test (psycopg warns of a connection left open).
    gc.collect()
    with app.app_context():
        assert (
            db.session.query(Team)
            .filter_by(name="Demo team: Rape and Serious Sexual Offences")
            .count()
            == 0
        )
