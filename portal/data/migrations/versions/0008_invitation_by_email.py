"""an invitation to a supporter sent by email: a notification about a grant, not a case

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.add_column(sa.Column("grant_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("invitation_code", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("supporter_email", sa.LargeBinary(), nullable=True))
        batch_op.create_index(batch_op.f("ix_notification_grant_id"), ["grant_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_grant_id_support_grant"),
            "support_grant",
            ["grant_id"],
            ["id"],
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_notification_case_or_grant"),
            "(case_id IS NULL) <> (grant_id IS NULL)",
        )


def downgrade():
    # Invitations have no case and cannot exist in the older schema.
    op.execute("DELETE FROM notification WHERE case_id IS NULL")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notification_case_or_grant"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_notification_grant_id_support_grant"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_notification_grant_id"))
        batch_op.drop_column("supporter_email")
        batch_op.drop_column("invitation_code")
        batch_op.drop_column("grant_id")
        batch_op.alter_column("case_id", existing_type=sa.Uuid(), nullable=False)
