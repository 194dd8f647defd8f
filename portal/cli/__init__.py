"""The `portal` command: a Flask CLI group, so `portal --help` lists every command.

Commands are attached to the group itself (not to an app), so listing them never needs a
configured app; each command that needs one loads it from the environment, failing closed.
"""

from __future__ import annotations

import json
import os

import click
from flask.cli import FlaskGroup
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


# Demo data includes staff accounts whose passwords and TOTP secrets are published in
# the README. So the demo commands need the environment declared, not assumed: an unset
# PORTAL_ENV means production, and production settings must never receive demo data.
DEMO_ENVIRONMENTS = ("development", "test")


def _demo_app():
    declared = os.environ.get("PORTAL_ENV", "")
    if declared not in DEMO_ENVIRONMENTS:
        raise click.ClickException(
            "Demo data is never loaded in production, and an unset PORTAL_ENV means "
            "production. To load the demo, set PORTAL_ENV=development (`make demo` does this "
            "for you), on a machine and database that hold no real data."
        )
    try:
        return create_app(Settings.from_env(environment=declared))
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def _load_demo(app, *, release: bool) -> dict:
    """Load the demo data, or refuse in plain words.

    With `release`, the database connections are closed afterwards, refused or not (an app
    that only seeds must not leave open connections for the garbage collector)."""
    from portal.cli.demo import DemoRefused, prepare_demo

    with app.app_context():
        try:
            return prepare_demo()
        except DemoRefused as error:
            release = True
            raise click.ClickException(str(error)) from None
        finally:
            db.session.remove()
            if release:
                db.engine.dispose()


@main.command("demo", with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def demo(host: str, port: int) -> None:
    """Create or upgrade the database, load demo data, print sign-ins and serve the portal."""
    from portal.cli.demo import describe_sign_ins

    app = _demo_app()
    sign_ins = _load_demo(app, release=False)  # the server goes on to use them
    click.echo(describe_sign_ins(sign_ins, f"http://{host}:{port}"))
    # Werkzeug's server directly: Flask's app.run() refuses to start from inside its own CLI.
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@main.command("seed-demo", with_appcontext=False)
@click.option("--json", "as_json", is_flag=True, help="Print the sign-ins as JSON.")
def seed_demo(as_json: bool) -> None:
    """Load the demo data (idempotent) and print the demo sign-ins."""
    from portal.cli.demo import describe_sign_ins

    sign_ins = _load_demo(_demo_app(), release=True)
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


@main.command("check-config", with_appcontext=False)
def check_config() -> None:
    """Load the settings from the environment and say whether they are safe."""
    # The same rules as every production start (portal.config.unsafe_settings).
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        click.echo(
            "The settings are not safe, and the portal will refuse to start with them:", err=True
        )
        for problem in error.problems:
            click.echo(f"- {problem}", err=True)
        raise SystemExit(1) from None
    if settings.is_production:
        click.echo("Configuration is valid for production.")
    else:
        click.echo(
            f"Configuration is valid for {settings.environment} only (PORTAL_ENV="
            f"{settings.environment}): its defaults are published and must never guard real data."
        )
