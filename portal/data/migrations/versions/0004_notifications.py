"""notifications

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("routine_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint(
            op.f("uq_notification_routine_reminder"), ["case_id", "routine_due_at"]
        )


def downgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_notification_routine_reminder"), type_="unique")
        batch_op.drop_column("routine_due_at")
        batch_op.drop_column("held_until")
