"""supporters chosen by the victim, and what each grant shares

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "supporter",
        sa.Column("access_id", sa.String(length=20), nullable=False),
        sa.Column("passphrase_hash", sa.String(length=255), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_disabled", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supporter")),
        sa.UniqueConstraint("access_id", name=op.f("uq_supporter_access_id")),
    )
    op.create_table(
        "support_grant",
        sa.Column("victim_id", sa.Uuid(), nullable=False),
        sa.Column("supporter_id", sa.Uuid(), nullable=True),
        sa.Column("label", sa.LargeBinary(), nullable=False),
        sa.Column("supporter_kind", sa.String(length=20), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("invitation_code_hash", sa.String(length=64), nullable=True),
        sa.Column("invitation_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["supporter_id"],
            ["supporter.id"],
            name=op.f("fk_support_grant_supporter_id_supporter"),
        ),
        sa.ForeignKeyConstraint(
            ["victim_id"], ["victim.id"], name=op.f("fk_support_grant_victim_id_victim")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_grant")),
        sa.UniqueConstraint(
            "invitation_code_hash", name=op.f("uq_support_grant_invitation_code_hash")
        ),
    )
    with op.batch_alter_table("support_grant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_support_grant_supporter_id"), ["supporter_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_support_grant_victim_id"), ["victim_id"], unique=False)


def downgrade():
    with op.batch_alter_table("support_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_grant_victim_id"))
        batch_op.drop_index(batch_op.f("ix_support_grant_supporter_id"))
    op.drop_table("support_grant")
    op.drop_table("supporter")
