import json
import os
import subprocess
import sys

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


@pytest.mark.parametrize("command", [["demo"], ["seed-demo", "--json"]])
def test_demo_commands_refuse_to_run_in_production(command, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0
    assert "never loaded in production" in result.output


def test_seed_demo_prints_the_sign_ins_as_json_and_is_idempotent(app, monkeypatch):
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
