"""indexes for the dashboard's lists of open exceptions: reviews, belongings, disputes

The dashboard lists a team's open review requests, belongings kept past their return date
and disputed re-issues of sign-in details. Each list found the team's cases first and then
looked in each case for a row, so a team of 2,000 cases cost 2,000 look-ups even when no
row was open anywhere. With these indexes the database starts from the open rows, which
are few, and checks each one's case.

Revision ID: 0024
Revises: 0023
"""

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_review_request_open", "review_request", ["scheme", "decided_on"])
    op.create_index(
        "ix_property_item_status_return", "property_item", ["status", "target_return_on"]
    )
    op.create_index(
        "ix_access_reissue_dispute_open", "access_reissue", ["dispute_closed_at", "disputed_at"]
    )


def downgrade():
    op.drop_index("ix_access_reissue_dispute_open", table_name="access_reissue")
    op.drop_index("ix_property_item_status_return", table_name="property_item")
    op.drop_index("ix_review_request_open", table_name="review_request")
