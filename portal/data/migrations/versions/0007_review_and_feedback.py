"""the victim's voice: review requests, complaint requests, feedback on updates

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "complaint_request",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("passed_on_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("passed_on_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_complaint_request_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["passed_on_by_id"],
            ["staff_user.id"],
            name=op.f("fk_complaint_request_passed_on_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_request")),
    )
    with op.batch_alter_table("complaint_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_request_case_id"), ["case_id"], unique=False)

    op.create_table(
        "experience_check",
        sa.Column("victim_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("kept_informed", sa.Integer(), nullable=True),
        sa.Column("respect", sa.Integer(), nullable=True),
        sa.Column("fairness", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_experience_check_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["victim_id"], ["victim.id"], name=op.f("fk_experience_check_victim_id_victim")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experience_check")),
        sa.UniqueConstraint("victim_id", "period", name="uq_experience_check_month"),
    )
    with op.batch_alter_table("experience_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_experience_check_answered_at"), ["answered_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_experience_check_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_experience_check_victim_id"), ["victim_id"], unique=False
        )

    op.create_table(
        "review_request",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("update_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("told_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledge_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decide_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("note", sa.LargeBinary(), nullable=True),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("acknowledged_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["staff_user.id"],
            name=op.f("fk_review_request_acknowledged_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_review_request_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_review_request_decided_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["update_id"], ["case_update.id"], name=op.f("fk_review_request_update_id_case_update")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_request")),
        sa.UniqueConstraint("update_id", name=op.f("uq_review_request_update_id")),
    )
    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_request_acknowledge_by"), ["acknowledge_by"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_review_request_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_review_request_decide_by"), ["decide_by"], unique=False
        )

    op.create_table(
        "update_feedback",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("update_id", sa.Uuid(), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.LargeBinary(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_update_feedback_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["update_id"],
            ["case_update.id"],
            name=op.f("fk_update_feedback_update_id_case_update"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_feedback")),
        sa.UniqueConstraint("update_id", name=op.f("uq_update_feedback_update_id")),
    )
    with op.batch_alter_table("update_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_update_feedback_answered_at"), ["answered_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_update_feedback_case_id"), ["case_id"], unique=False)


def downgrade():
    with op.batch_alter_table("update_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_update_feedback_case_id"))
        batch_op.drop_index(batch_op.f("ix_update_feedback_answered_at"))
    op.drop_table("update_feedback")

    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_request_decide_by"))
        batch_op.drop_index(batch_op.f("ix_review_request_case_id"))
        batch_op.drop_index(batch_op.f("ix_review_request_acknowledge_by"))
    op.drop_table("review_request")

    with op.batch_alter_table("experience_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_experience_check_victim_id"))
        batch_op.drop_index(batch_op.f("ix_experience_check_case_id"))
        batch_op.drop_index(batch_op.f("ix_experience_check_answered_at"))
    op.drop_table("experience_check")

    with op.batch_alter_table("complaint_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_request_case_id"))
    op.drop_table("complaint_request")
