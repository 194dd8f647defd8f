"""the victim's belongings the police took: each item, its basis, a device's scope, its return date

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "property_item",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.LargeBinary(), nullable=True),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("scope_from", sa.Date(), nullable=True),
        sa.Column("scope_to", sa.Date(), nullable=True),
        sa.Column("scope_data", sa.String(length=200), nullable=True),
        sa.Column("scope_reason", sa.LargeBinary(), nullable=True),
        sa.Column("target_return_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("back_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_property_item_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_property_item_recorded_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_property_item")),
    )
    with op.batch_alter_table("property_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_property_item_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_property_item_target_return_on"), ["target_return_on"], unique=False
        )


def downgrade():
    with op.batch_alter_table("property_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_property_item_target_return_on"))
        batch_op.drop_index(batch_op.f("ix_property_item_case_id"))
    op.drop_table("property_item")
