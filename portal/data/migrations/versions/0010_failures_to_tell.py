"""wrong sign-in tries kept to tell the victim or supporter after they next sign in

Accounts are no longer locked: `locked_until` now means "the next try is checked from"
(a growing delay, see portal/auth/throttle.py) and needs no change of schema.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("victim", "supporter")


def upgrade():
    for table in TABLES:
        op.add_column(
            table,
            sa.Column(
                "failures_to_tell", sa.Integer(), nullable=False, server_default=sa.text("0")
            ),
        )


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35 and later have it): a batch copy of the table would
    # drop `victim`, which other tables' rows refer to.
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN failures_to_tell")
