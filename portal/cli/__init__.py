"""The `portal` command: a Flask CLI group, so `portal --help` lists every command.

Commands are attached to the group itself (not to an app), so listing them never needs a
configured app; each command that needs one loads it from the environment, failing closed.
"""

from __future__ import annotations

import json
import os

import click
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate.cli import db as db_commands
from werkzeug.serving import run_simple

from portal import create_app
from portal.cli.easyread import easyread
from portal.cli.notifications import notifications
from portal.cli.ops import audit, backup, keys, retention
from portal.cli.translations import translations
from portal.config import ConfigError, Settings
from portal.extensions import db


class PortalGroup(FlaskGroup):
    def list_commands(self, ctx):
        return click.Group.list_commands(self, ctx)

    def get_command(self, ctx, name):
        return click.Group.get_command(self, ctx, name)


def _app_from_environment():
    try:
        return create_app(Settings.from_env())
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


main = PortalGroup(
    create_app=_app_from_environment,
    add_version_option=False,
    load_dotenv=False,
    help="The victim communication portal.",
)
main.add_command(db_commands, "db")
main.add_command(translations)
main.add_command(notifications)
main.add_command(easyread)
for group in (keys, retention, backup, audit):
    main.add_command(group)


def _refuse_in_production() -> None:
    if os.environ.get("PORTAL_ENV", "") == "production":
        raise click.ClickException("demo data is never loaded in production")


def _demo_app():
    return create_app(Settings.from_env(environment="development"))


@main.command("demo", with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def demo(host: str, port: int) -> None:
    """Create or upgrade the database, load demo data, print sign-ins and serve the portal."""
    from portal.cli.demo import describe_sign_ins, prepare_demo

    _refuse_in_production()
    app = _demo_app()
    with app.app_context():
        sign_ins = prepare_demo()
    click.echo(describe_sign_ins(sign_ins, f"http://{host}:{port}"))
    # Werkzeug's server directly: Flask's app.run() refuses to start from inside its own CLI.
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@main.command("seed-demo", with_appcontext=False)
@click.option("--json", "as_json", is_flag=True, help="Print the sign-ins as JSON.")
def seed_demo(as_json: bool) -> None:
    """Load the demo data (idempotent) and print the demo sign-ins."""
    from portal.cli.demo import describe_sign_ins, prepare_demo

    _refuse_in_production()
    app = _demo_app()
    with app.app_context():
        sign_ins = prepare_demo()
        db.session.remove()
        db.engine.dispose()
    if as_json:
        click.echo(json.dumps(sign_ins, indent=2))
    else:
        click.echo(describe_sign_ins(sign_ins, "http://127.0.0.1:5000"))


@main.group("assets")
def assets_commands() -> None:
    """Build the front-end assets."""


@assets_commands.command("build", with_appcontext=False)
def build_assets() -> None:
    """Compile the Sass and copy GOV.UK Frontend's files, with hashed names."""
    from portal.web.assets import build

    manifest = build()
    click.echo(f"Built {len(manifest)} assets.")


@main.command("check-config")
@with_appcontext
def check_config() -> None:
    """Load the settings from the environment and say whether they are safe."""
    click.echo("Configuration is valid.")
