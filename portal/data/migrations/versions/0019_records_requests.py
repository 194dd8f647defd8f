"""requests for a victim's records from a third party, and her answers

Revision ID: 0019
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "records_request",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("holder", sa.String(length=20), nullable=False),
        sa.Column("what", sa.LargeBinary(), nullable=False),
        sa.Column("reason", sa.LargeBinary(), nullable=False),
        sa.Column("who_will_see", sa.LargeBinary(), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column("answer_text", sa.LargeBinary(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_dealt_with_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_dealt_with_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_records_request_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_records_request_recorded_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["answer_dealt_with_by_id"],
            ["staff_user.id"],
            name=op.f("fk_records_request_answer_dealt_with_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records_request")),
    )
    with op.batch_alter_table("records_request") as batch:
        batch.create_index(batch.f("ix_records_request_case_id"), ["case_id"])
        batch.create_index(batch.f("ix_records_request_answered_at"), ["answered_at"])


def downgrade():
    op.drop_table("records_request")
