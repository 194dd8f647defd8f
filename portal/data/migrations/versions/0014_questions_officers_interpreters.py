"""questions as duties, the named officer, the reason for a new officer, interpreter languages

Revision ID: 0014
Revises: 0012

- message.reply_due_at and message.answered_at: a victim's question stays open until it is
  answered, not until someone opens the case page. Questions asked before this revision
  keep no reply date; one that had been read counts as answered, as the caseload used to.
- staff_user.rank and staff_user.collar_number: shown to the victim with the name.
- officer_change: a supervisor gave the case to another officer; the update that told the
  victim, the new officer and the reason picked from a short list.
- rights_record.language: the language of an interpreter, as an ISO 639 code.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
# Plain ADD and DROP COLUMN (SQLite 3.35 and later have them): a batch copy of staff_user
# or message would drop a table that other tables' rows refer to.
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("message", sa.Column("reply_due_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("message", sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_message_reply_due_at"), "message", ["reply_due_at"])
    op.execute(
        "UPDATE message SET answered_at = read_at "
        "WHERE kind = 'question' AND from_victim AND read_at IS NOT NULL"
    )
    op.add_column("staff_user", sa.Column("rank", sa.String(length=40), nullable=True))
    op.add_column("staff_user", sa.Column("collar_number", sa.String(length=12), nullable=True))
    op.add_column("rights_record", sa.Column("language", sa.String(length=12), nullable=True))
    op.create_table(
        "officer_change",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("update_id", sa.Uuid(), nullable=False),
        sa.Column("from_officer_id", sa.Uuid(), nullable=False),
        sa.Column("to_officer_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("changed_by_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_officer_change_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["update_id"], ["case_update.id"], name=op.f("fk_officer_change_update_id_case_update")
        ),
        sa.ForeignKeyConstraint(
            ["from_officer_id"],
            ["staff_user.id"],
            name=op.f("fk_officer_change_from_officer_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["to_officer_id"],
            ["staff_user.id"],
            name=op.f("fk_officer_change_to_officer_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["staff_user.id"],
            name=op.f("fk_officer_change_changed_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officer_change")),
        sa.UniqueConstraint("update_id", name=op.f("uq_officer_change_update_id")),
    )
    op.create_index(op.f("ix_officer_change_case_id"), "officer_change", ["case_id"])


def downgrade():
    op.drop_index(op.f("ix_officer_change_case_id"), table_name="officer_change")
    op.drop_table("officer_change")
    op.execute("ALTER TABLE rights_record DROP COLUMN language")
    op.execute("ALTER TABLE staff_user DROP COLUMN collar_number")
    op.execute("ALTER TABLE staff_user DROP COLUMN rank")
    op.drop_index(op.f("ix_message_reply_due_at"), table_name="message")
    op.execute("ALTER TABLE message DROP COLUMN answered_at")
    op.execute("ALTER TABLE message DROP COLUMN reply_due_at")
