"""a new activation code for an activated victim: asked for, decided by a supervisor, used

Revision ID: 0012
Revises: 0011

One row per request (portal/data/models/reissues.py). The code itself is stored as any
activation code is, hashed on the victim; nothing here can be turned back into it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "access_reissue",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("note", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disputed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dispute_closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_access_reissue_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_access_reissue_decided_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["staff_user.id"],
            name=op.f("fk_access_reissue_requested_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_reissue")),
    )
    with op.batch_alter_table("access_reissue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_reissue_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_reissue_status"), ["status"], unique=False)


def downgrade():
    with op.batch_alter_table("access_reissue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_reissue_status"))
        batch_op.drop_index(batch_op.f("ix_access_reissue_case_id"))
    op.drop_table("access_reissue")
