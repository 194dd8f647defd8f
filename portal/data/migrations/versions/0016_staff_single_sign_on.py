"""staff accounts remember the identity provider's subject they are linked to

A staff member's first sign-in through the force's identity provider links the account to
the provider's (issuer, subject) pair; later sign-ins find the account by that pair alone,
so a changed email address at the provider cannot move a sign-in to another account.

Revision ID: 0016
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("staff_user", sa.Column("oidc_issuer", sa.String(255), nullable=True))
    op.add_column("staff_user", sa.Column("oidc_subject", sa.String(255), nullable=True))
    op.create_index(
        "ix_staff_user_oidc_identity", "staff_user", ["oidc_issuer", "oidc_subject"], unique=True
    )


def downgrade():
    op.drop_index("ix_staff_user_oidc_identity", table_name="staff_user")
    # A plain DROP COLUMN (SQLite 3.35 and later have it): a batch copy of the table would
    # drop `staff_user`, which other tables' rows refer to.
    op.execute("ALTER TABLE staff_user DROP COLUMN oidc_subject")
    op.execute("ALTER TABLE staff_user DROP COLUMN oidc_issuer")
