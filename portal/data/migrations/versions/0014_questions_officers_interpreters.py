"""questions as duties, the named officer, the reason for a new officer, interpreter languages

Revision ID: 0014
Revises: 0012

- message.reply_due_at and message.answered_at: a victim's question stays open until it is
  answered, not until someone opens the case page. Questions asked before this revision
  keep no reply date; one that had been read counts as answered, as the caseload used to.
- staff_user.rank and staff_user.collar_number: shown to the victim with the name.
- case_update.new_officer_id and case_update.officer_change_reason: the update that tells
  the victim about a new officer names them and says why.
- rights_record.language: the language of an interpreter, as an ISO 639 code.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_message_reply_due_at"), ["reply_due_at"])
    op.execute(
        "UPDATE message SET answered_at = read_at "
        "WHERE kind = 'question' AND from_victim AND read_at IS NOT NULL"
    )
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rank", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("collar_number", sa.String(length=12), nullable=True))
    with op.batch_alter_table("case_update", schema=None) as batch_op:
        batch_op.add_column(sa.Column("new_officer_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("officer_change_reason", sa.String(length=30), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_case_update_new_officer_id_staff_user"),
            "staff_user",
            ["new_officer_id"],
            ["id"],
        )
    with op.batch_alter_table("rights_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=12), nullable=True))


def downgrade():
    with op.batch_alter_table("rights_record", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("case_update", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_case_update_new_officer_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_column("officer_change_reason")
        batch_op.drop_column("new_officer_id")
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("collar_number")
        batch_op.drop_column("rank")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_reply_due_at"))
        batch_op.drop_column("answered_at")
        batch_op.drop_column("reply_due_at")
