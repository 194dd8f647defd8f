"""The application's PostgreSQL role: what it may do to each table, granted after migrations.

Two roles (docs/deployment.md): an owner, which runs the migrations and owns every table, and
the application's role, which the web servers and workers connect as. The application's
role reads and writes ordinary tables, but the audit log only grows:

- `audit_event`: SELECT and INSERT only. No UPDATE, DELETE or TRUNCATE; and not being the
  owner, it cannot ALTER the table, drop its triggers or disable them.
- `audit_chain_head`: SELECT and UPDATE (each append moves it on), INSERT (its first row);
  never DELETE or TRUNCATE.
- `audit_address`: SELECT, INSERT and DELETE (the retention purge forgets a victim's
  addresses); never UPDATE, so an address cannot be rewritten to point at someone else.
- `alembic_version`: SELECT only.

`grant_app_role` runs at the end of every `portal db upgrade` (or downgrade) that runs as an
owner distinct from the application's role (portal/data/migrations/env.py), so a table a new
migration adds is granted at once, and a privilege granted by hand is taken back.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url

ORDINARY = "SELECT, INSERT, UPDATE, DELETE"
# Table: what the application's role may do to it, instead of ORDINARY.
RESTRICTED = {
    "audit_event": "SELECT, INSERT",
    "audit_chain_head": "SELECT, INSERT, UPDATE",
    "audit_address": "SELECT, INSERT, DELETE",
    "alembic_version": "SELECT",
}


def app_role(app_url: str, migration_url: str) -> str | None:
    """The application's role, when the migrations run as another (on PostgreSQL only)."""
    app, owner = make_url(app_url), make_url(migration_url)
    if app.get_backend_name() != "postgresql" or not app.username:
        return None
    if app.username == owner.username:
        return None
    return app.username


def grant_app_role(connection: Connection, role: str) -> None:
    quote = connection.dialect.identifier_preparer.quote
    grantee = quote(role)
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    tables = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"), {"schema": schema}
    ).scalars()
    connection.execute(text(f"GRANT USAGE ON SCHEMA {quote(schema)} TO {grantee}"))
    for table in sorted(tables):
        name = quote(table)
        connection.execute(text(f"REVOKE ALL ON {name} FROM {grantee}"))
        allowed = RESTRICTED.get(table, ORDINARY)
        connection.execute(text(f"GRANT {allowed} ON {name} TO {grantee}"))
