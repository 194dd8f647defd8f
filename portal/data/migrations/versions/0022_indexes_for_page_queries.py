"""indexes the page queries need at a national volume: staff by team, pending staff changes

Found by tests/scale/test_query_plans.py: the dashboard finds a team's cases through its
members (staff_user.team_id) and lists the staff changes still waiting (by expires_at);
neither had an index, so at a force's size both read the whole table on every dashboard.

Revision ID: 0022
Revises: 0021
"""

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f("ix_staff_user_team_id"), "staff_user", ["team_id"])
    op.create_index(op.f("ix_staff_change_expires_at"), "staff_change", ["expires_at"])


def downgrade():
    op.drop_index(op.f("ix_staff_change_expires_at"), table_name="staff_change")
    op.drop_index(op.f("ix_staff_user_team_id"), table_name="staff_user")
