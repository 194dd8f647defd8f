"""feedback about the service, from the phase banner: no account, no case, no address

Revision ID: 0015
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "service_feedback",
        sa.Column("trying_to", sa.LargeBinary(), nullable=True),
        sa.Column("it_worked", sa.String(length=10), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_feedback")),
    )


def downgrade():
    op.drop_table("service_feedback")
