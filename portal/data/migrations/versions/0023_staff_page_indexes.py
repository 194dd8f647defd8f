"""indexes for the staff pages: a team's open cases, open deadlines and waiting questions

The dashboard counts and lists a team's deadlines and questions in SQL; these indexes hold
every column those queries read, so the database answers from the index alone.

Revision ID: 0023
Revises: 0022
"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_case_officer_status_contact",
        "case",
        ["officer_id", "status", "last_contact_at", "id"],
    )
    op.create_index(
        "ix_obligation_case_open",
        "obligation",
        ["case_id", "met_at", "due_at", "event_type"],
    )
    op.create_index(
        "ix_message_case_waiting",
        "message",
        ["case_id", "answered_at", "kind", "from_victim", "reply_due_at", "created_at"],
    )


def downgrade():
    op.drop_index("ix_message_case_waiting", table_name="message")
    op.drop_index("ix_obligation_case_open", table_name="obligation")
    op.drop_index("ix_case_officer_status_contact", table_name="case")
