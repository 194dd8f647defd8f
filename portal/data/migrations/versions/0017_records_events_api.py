"""the records system's events API: its events, used nonces, a case's force; request ids; job runs

Revision ID: 0017
Revises: 0012

`records_event` keeps each event the force's records system sent (one per sender's event
id and client), `api_nonce` the nonces of signed requests within their window,
`case.force_code` the force whose records system may write to the case (empty: the
deployment's own), and `notification.request_id` the web request that queued a
notification, so the worker's log line joins it; `job_run` when each scheduled job last
finished well (for /metrics).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "records_event",
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("sender_event_id", sa.String(length=128), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("obligation_id", sa.Uuid(), nullable=True),
        sa.Column("update_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_records_event_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["obligation_id"],
            ["obligation.id"],
            name=op.f("fk_records_event_obligation_id_obligation"),
        ),
        sa.ForeignKeyConstraint(
            ["update_id"], ["case_update.id"], name=op.f("fk_records_event_update_id_case_update")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records_event")),
        sa.UniqueConstraint(
            "client_id", "sender_event_id", name=op.f("uq_records_event_client_id")
        ),
    )
    with op.batch_alter_table("records_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_records_event_case_id"), ["case_id"], unique=False)
    op.create_table(
        "api_nonce",
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id", "nonce", name=op.f("pk_api_nonce")),
    )
    with op.batch_alter_table("api_nonce", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_nonce_seen_at"), ["seen_at"], unique=False)
    op.create_table(
        "job_run",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_run")),
    )
    op.add_column("case", sa.Column("force_code", sa.String(length=20), nullable=True))
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("request_id")
    # Not a batch: SQLite would copy "case", and every table pointing at it blocks that.
    # Both databases drop a plain column in place.
    op.execute('ALTER TABLE "case" DROP COLUMN force_code')
    op.drop_table("job_run")
    with op.batch_alter_table("api_nonce", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_nonce_seen_at"))
    op.drop_table("api_nonce")
    with op.batch_alter_table("records_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_event_case_id"))
    op.drop_table("records_event")
