"""the victim's safety: how the suspect was released, bail conditions, reports of a breach

Revision ID: 0020
Revises: 0017

`safety_record` keeps each time the officer records how the suspect was released (on bail
or under investigation), the bail date, the conditions that protect the victim and her
views (encrypted); `safety_report` each "Report a breach or a worry", due the same day.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "safety_record",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("release", sa.String(length=10), nullable=False),
        sa.Column("bail_date", sa.Date(), nullable=True),
        sa.Column("no_contact", sa.Boolean(), nullable=False),
        sa.Column("keep_away", sa.LargeBinary(), nullable=True),
        sa.Column("curfew", sa.LargeBinary(), nullable=True),
        sa.Column("other", sa.LargeBinary(), nullable=True),
        sa.Column("views", sa.LargeBinary(), nullable=True),
        sa.Column("views_not_asked", sa.LargeBinary(), nullable=True),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_safety_record_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_safety_record_recorded_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_record")),
    )
    with op.batch_alter_table("safety_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safety_record_case_id"), ["case_id"], unique=False)
    op.create_table(
        "safety_report",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_safety_report_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["handled_by_id"],
            ["staff_user.id"],
            name=op.f("fk_safety_report_handled_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_report")),
    )
    with op.batch_alter_table("safety_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safety_report_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_safety_report_due_at"), ["due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_safety_report_handled_at"), ["handled_at"], unique=False
        )


def downgrade():
    op.drop_table("safety_report")
    op.drop_table("safety_record")
