"""copies the dashboard reads without a look-up: a case's officer and team on its rows, the victim's frequency on her cases

A supervisor's dashboard counted and listed a team's open deadlines, waiting questions,
requests to pause contact and requests for records by going through each of the team's
cases, and read each victim's chosen frequency to see whose routine update was late:
2,000 look-ups for a team of 2,000 cases. Now:

- `case.officer_team_id` holds the team of the case's officer, and `case.routine_frequency`
  the victim's frequency, so a team's late routine updates are one range of an index, in
  the order the dashboard lists them;
- deadlines (`obligation`) and messages carry their case's officer and team
  (`case_officer_id`, `case_team_id`), so a team's open ones are one range of an index,
  in the order they are listed; requests to pause contact and for records carry the
  officer, so a team's are found by its officers' ids.

Each copy is kept by the database, never by the portal. Triggers set it whenever a row is
written (so a value written by anything else is replaced), and copy a new value to every
row that depends on it, in the same statement: an officer who moves team takes their cases
with them, and each case takes its deadlines and messages. A case moved to another
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
    ('"case"', "officer_team_id", "officer_id", "staff_user", "team_id"),
    ('"case"', "routine_frequency", "victim_id", "victim", "routine_frequency"),
    ("obligation", "case_officer_id", "case_id", '"case"', "officer_id"),
    ("obligation", "case_team_id", "case_id", '"case"', "officer_team_id"),
    ("message", "case_officer_id", "case_id", '"case"', "officer_id"),
    ("message", "case_team_id", "case_id", '"case"', "officer_team_id"),
    ("contact_pause", "case_officer_id", "case_id", '"case"', "officer_id"),
    ("records_request", "case_officer_id", "case_id", '"case"', "officer_id"),
)
# (table, name, columns) of the indexes the dashboard reads.
INDEXES = (
    (
        "case",
        "ix_case_team_status_contact",
        [
            "officer_team_id",
            "status",
            "last_contact_at",
            "id",
            "force_country",
            "routine_frequency",
        ],
    ),
    (
        "obligation",
        "ix_obligation_team_open",
        ["case_team_id", "met_at", "due_at", "id", "event_type"],
    ),
    (
        "obligation",
        "ix_obligation_officer_open",
        ["case_officer_id", "met_at", "due_at", "id", "event_type"],
    ),
    (
        "message",
        "ix_message_team_waiting",
        ["case_team_id", "answered_at", "kind", "from_victim", "reply_due_at", "id"],
    ),
    (
        "message",
        "ix_message_officer_waiting",
        ["case_officer_id", "answered_at", "kind", "from_victim", "reply_due_at", "id"],
    ),
    ("contact_pause", "ix_contact_pause_officer", ["case_officer_id", "stage", "about"]),
    (
        "records_request",
        "ix_records_request_officer",
        ["case_officer_id", "answered_at", "answer_dealt_with_at", "answer"],
    ),
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
        # Any update of the source, not only one that names the column: a value changed by
        # another trigger is carried on too.
        f"""CREATE TRIGGER {name}_follows AFTER UPDATE ON {source}
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
        # Not UPDATE OF: PostgreSQL fires that only for a column the statement names, and a
        # value a BEFORE trigger changed (officer_team_id, when a case is reassigned) would
        # not be carried on.
        f"""CREATE TRIGGER {name}_follows AFTER UPDATE ON {source}
        FOR EACH ROW WHEN (NEW.{source_column} IS DISTINCT FROM OLD.{source_column})
        EXECUTE FUNCTION {name}_follows()""",
    ]


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    # Sources first: the cases' team before the rows that copy it from the cases.
    for table, column, key, source, source_column in COPIES:
        # Every copy is an id, but the frequency.
        kind = sa.String(length=20) if column == "routine_frequency" else sa.Uuid()
        op.add_column(table.strip('"'), sa.Column(column, kind, nullable=True))
        op.execute(
            f"UPDATE {table} SET {column} = "
            f"(SELECT {source_column} FROM {source} WHERE {source}.id = {table}.{key})"
        )
        triggers = _postgresql_triggers if postgresql else _sqlite_triggers
        for statement in triggers(table, column, key, source, source_column):
            op.execute(statement)
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
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
