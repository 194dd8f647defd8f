"""copies the dashboard reads without a look-up: the case's officer on its rows, the victim's frequency on her cases

A supervisor's dashboard counted and listed a team's open deadlines, waiting questions,
requests to pause contact and requests for records by going through each of the team's
cases, and read each victim's chosen frequency to see whose routine update was late:
2,000 look-ups for a team of 2,000 cases. Now:

- `case_officer_id` on deadlines (`obligation`), messages, requests to pause contact and
  requests for her records holds the officer the case is with, so a team's rows are found
  by its officers' ids in one index;
- `case.routine_frequency` holds the victim's frequency, so late routine updates are found
  in the cases' index.

Each copy is kept by the database, never by the portal. Triggers set it whenever a row is
written (so a value written by anything else is replaced), and copy a new officer or a new
frequency to every row that depends on it, in the same statement. A case moved to another
officer, by the portal or by hand, therefore takes its open deadlines and questions with
it: none can drop off every dashboard. The columns are nullable in the schema only because
SQLite cannot add a NOT NULL column without a default; the triggers fill every row.

Revision ID: 0025
Revises: 0024
"""

# The statements below are built only from the table and column names in COPIES, written
# in this file: nothing from outside reaches them.
# ruff: noqa: S608

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

# (table, column, key, source table, source column): table.column is a copy of
# source.column for the source row whose id is table.key.
COPIES = (
    ("obligation", "case_officer_id", "case_id", '"case"', "officer_id"),
    ("message", "case_officer_id", "case_id", '"case"', "officer_id"),
    ("contact_pause", "case_officer_id", "case_id", '"case"', "officer_id"),
    ("records_request", "case_officer_id", "case_id", '"case"', "officer_id"),
    ('"case"', "routine_frequency", "victim_id", "victim", "routine_frequency"),
)


def _name(table: str, column: str) -> str:
    return f"{table.strip(chr(34))}_{column}"


def _sqlite_triggers(table, column, key, source, source_column) -> list[str]:
    name = _name(table, column)
    found = f"(SELECT {source_column} FROM {source} WHERE id = NEW.{key})"
    # SQLite cannot change NEW in a BEFORE trigger: the row is corrected just after it is
    # written. Recursive triggers are off, and the WHEN stops a second pass anyway.
    return [
        f"""CREATE TRIGGER {name}_on_insert AFTER INSERT ON {table}
        BEGIN UPDATE {table} SET {column} = {found} WHERE id = NEW.id; END""",
        f"""CREATE TRIGGER {name}_on_update AFTER UPDATE OF {key}, {column} ON {table}
        WHEN NEW.{column} IS NOT {found}
        BEGIN UPDATE {table} SET {column} = {found} WHERE id = NEW.id; END""",
        f"""CREATE TRIGGER {name}_follows AFTER UPDATE OF {source_column} ON {source}
        WHEN NEW.{source_column} IS NOT OLD.{source_column}
        BEGIN UPDATE {table} SET {column} = NEW.{source_column} WHERE {key} = NEW.id; END""",
    ]


def _postgresql_triggers(table, column, key, source, source_column) -> list[str]:
    name = _name(table, column)
    return [
        f"""CREATE FUNCTION {name}_copy() RETURNS trigger AS $$
        BEGIN
            NEW.{column} := (SELECT {source_column} FROM {source} WHERE id = NEW.{key});
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {name}_copy BEFORE INSERT OR UPDATE OF {key}, {column}
        ON {table} FOR EACH ROW EXECUTE FUNCTION {name}_copy()""",
        f"""CREATE FUNCTION {name}_follows() RETURNS trigger AS $$
        BEGIN
            UPDATE {table} SET {column} = NEW.{source_column} WHERE {key} = NEW.id;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {name}_follows AFTER UPDATE OF {source_column} ON {source}
        FOR EACH ROW WHEN (NEW.{source_column} IS DISTINCT FROM OLD.{source_column})
        EXECUTE FUNCTION {name}_follows()""",
    ]


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in ("obligation", "message", "contact_pause", "records_request"):
        op.add_column(table, sa.Column("case_officer_id", sa.Uuid(), nullable=True))
    op.add_column("case", sa.Column("routine_frequency", sa.String(length=20), nullable=True))
    for table, column, key, source, source_column in COPIES:
        op.execute(
            f"UPDATE {table} SET {column} = "
            f"(SELECT {source_column} FROM {source} WHERE {source}.id = {table}.{key})"
        )
        triggers = _postgresql_triggers if postgresql else _sqlite_triggers
        for statement in triggers(table, column, key, source, source_column):
            op.execute(statement)
    op.create_index(
        "ix_obligation_officer_open",
        "obligation",
        ["case_officer_id", "met_at", "due_at", "id", "event_type"],
    )
    op.create_index(
        "ix_message_officer_waiting",
        "message",
        ["case_officer_id", "answered_at", "kind", "from_victim", "reply_due_at", "id"],
    )
    op.create_index(
        "ix_contact_pause_officer", "contact_pause", ["case_officer_id", "stage", "about"]
    )
    op.create_index(
        "ix_records_request_officer",
        "records_request",
        ["case_officer_id", "answered_at", "answer_dealt_with_at", "answer"],
    )
    op.drop_index("ix_case_officer_status_contact", table_name="case")
    op.create_index(
        "ix_case_officer_status_contact",
        "case",
        [
            "officer_id",
            "status",
            "last_contact_at",
            "id",
            "force_country",
            "routine_frequency",
        ],
    )


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.drop_index("ix_case_officer_status_contact", table_name="case")
    op.create_index(
        "ix_case_officer_status_contact", "case", ["officer_id", "status", "last_contact_at", "id"]
    )
    op.drop_index("ix_records_request_officer", table_name="records_request")
    op.drop_index("ix_contact_pause_officer", table_name="contact_pause")
    op.drop_index("ix_message_officer_waiting", table_name="message")
    op.drop_index("ix_obligation_officer_open", table_name="obligation")
    for table, column, _key, source, _source_column in reversed(COPIES):
        name = _name(table, column)
        if postgresql:
            op.execute(f"DROP TRIGGER {name}_follows ON {source}")
            op.execute(f"DROP TRIGGER {name}_copy ON {table}")
            op.execute(f"DROP FUNCTION {name}_follows()")
            op.execute(f"DROP FUNCTION {name}_copy()")
        else:
            for suffix in ("follows", "on_update", "on_insert"):
                op.execute(f"DROP TRIGGER {name}_{suffix}")
        # SQLite drops a column only when no trigger or index names it: both went above.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
