"""staff changes that wait for a second person; messages to a staff member's own account

Revision ID: 0011
Revises: 0010

`staff_change` holds a change to a staff account (an authenticator reset, a raised role, a
new supervisor or admin account) from the moment one person asks for it until another
approves or refuses it, or it expires. `staff_user.awaiting_approval` keeps a new
privileged account from signing in until then. A notification may now belong to a staff
account (a password reset code, a change asked for or approved), beside a case or a grant.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ONE_OWNER = (
    "(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN grant_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN staff_user_id IS NULL THEN 0 ELSE 1 END) = 1"
)


def upgrade():
    op.create_table(
        "staff_change",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("new_role", sa.String(length=20), nullable=True),
        sa.Column("new_team_id", sa.Uuid(), nullable=True),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["target_id"], ["staff_user.id"], name=op.f("fk_staff_change_target_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["new_team_id"], ["team.id"], name=op.f("fk_staff_change_new_team_id_team")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_change_requested_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_change_decided_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_change")),
    )
    with op.batch_alter_table("staff_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_change_target_id"), ["target_id"], unique=False)

    # A plain ADD COLUMN (and DROP COLUMN below), never a batch copy of staff_user: cases,
    # updates and sessions point at it, and SQLite cannot copy a table others refer to.
    op.add_column(
        "staff_user",
        sa.Column("awaiting_approval", sa.Boolean(), nullable=False, server_default=sa.false()),
    )

    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notification_case_or_grant"), type_="check")
        batch_op.add_column(sa.Column("staff_user_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_notification_staff_user_id"), ["staff_user_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_staff_user_id_staff_user"),
            "staff_user",
            ["staff_user_id"],
            ["id"],
        )
        batch_op.create_check_constraint(batch_op.f("ck_notification_one_owner"), ONE_OWNER)


def downgrade():
    # Messages about a staff account have no case or grant and cannot exist in the older
    # schema; nor can a new account still waiting for approval be let in by a downgrade.
    op.execute("DELETE FROM notification WHERE staff_user_id IS NOT NULL")
    op.execute("UPDATE staff_user SET is_disabled = true WHERE awaiting_approval = true")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notification_one_owner"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_notification_staff_user_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_notification_staff_user_id"))
        batch_op.drop_column("staff_user_id")
        batch_op.create_check_constraint(
            batch_op.f("ck_notification_case_or_grant"),
            "(case_id IS NULL) <> (grant_id IS NULL)",
        )
    op.drop_column("staff_user", "awaiting_approval")
    with op.batch_alter_table("staff_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_change_target_id"))
    op.drop_table("staff_change")
