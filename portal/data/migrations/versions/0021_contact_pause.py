"""a victim's request to pause contact, step back or talk about withdrawing

Revision ID: 0021
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contact_pause",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("about", sa.String(length=20), nullable=False),
        sa.Column("choice", sa.String(length=20), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_by_id", sa.Uuid(), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_contact_pause_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["seen_by_id"], ["staff_user.id"], name=op.f("fk_contact_pause_seen_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_pause")),
    )
    op.create_index(op.f("ix_contact_pause_case_id"), "contact_pause", ["case_id"])
    op.create_index(op.f("ix_contact_pause_ended_at"), "contact_pause", ["ended_at"])


def downgrade():
    op.drop_index(op.f("ix_contact_pause_ended_at"), table_name="contact_pause")
    op.drop_index(op.f("ix_contact_pause_case_id"), table_name="contact_pause")
    op.drop_table("contact_pause")
