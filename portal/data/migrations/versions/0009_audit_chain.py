"""the audit log as a hash chain; addresses beside it; TRUNCATE refused on PostgreSQL

Revision ID: 0009
Revises: 0008

Each audit event gets its place in a chain (`seq`), the hash of the event before it
(`prev_hash`) and its own hash (`row_hash`): `portal audit verify` then proves that no row
was changed, removed or slipped in. The events already there are chained here, oldest
first (by time, then id).

The address an event came from moves out of the chained row into `audit_address`, which the
retention purge may delete from (a chained row can never change; see
portal/data/models/audit.py).

On PostgreSQL a statement trigger now refuses TRUNCATE too, beside 0005's row trigger that
refuses UPDATE and DELETE. (The application's database role has neither privilege either:
docs/deployment.md.)

The hash is computed here by a frozen copy of the application's own function (migrations
never import application code, which may change after they are written);
tests/security/test_audit_chain.py chains rows through this migration and verifies them
with the application's.
"""

import hashlib
import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
FIELDS = (
    "id",
    "occurred_at",
    "actor_kind",
    "actor_id",
    "action",
    "case_id",
    "subject_kind",
    "subject_id",
    "detail",
)

audit_event = sa.table(
    "audit_event",
    sa.column("id", sa.Uuid()),
    sa.column("occurred_at", sa.DateTime(timezone=True)),
    sa.column("actor_kind", sa.String()),
    sa.column("actor_id", sa.Uuid()),
    sa.column("action", sa.String()),
    sa.column("case_id", sa.Uuid()),
    sa.column("subject_kind", sa.String()),
    sa.column("subject_id", sa.Uuid()),
    sa.column("detail", sa.JSON()),
    sa.column("remote_addr", sa.String()),
    sa.column("seq", sa.BigInteger()),
    sa.column("prev_hash", sa.String()),
    sa.column("row_hash", sa.String()),
)


def _plain(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.isoformat(timespec="microseconds")
    return value


def _hash(fields: dict, prev_hash: str) -> str:
    values = {name: _plain(value) for name, value in fields.items()}
    values["prev_hash"] = prev_hash
    data = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(data.encode()).hexdigest()


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    bind = op.get_bind()
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    # Its foreign key comes last: SQLite rebuilds audit_event below, and a table pointing at
    # it would stop the rebuild.
    op.create_table(
        "audit_address",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("remote_addr", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_audit_address")),
    )
    op.execute(
        "INSERT INTO audit_address (event_id, remote_addr) "
        "SELECT id, remote_addr FROM audit_event WHERE remote_addr IS NOT NULL"
    )
    if _postgresql():
        # Only this migration, as the tables' owner, may set the existing rows' places.
        op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))

    seq, prev = 0, GENESIS
    rows = bind.execute(
        sa.select(*(audit_event.c[name] for name in FIELDS)).order_by(
            audit_event.c.occurred_at, audit_event.c.id
        )
    ).all()
    for row in rows:
        seq += 1
        fields = {name: getattr(row, name) for name in FIELDS}
        fields["detail"] = fields["detail"] if fields["detail"] is not None else {}
        fields["seq"] = seq
        row_hash = _hash(fields, prev)
        bind.execute(
            audit_event.update()
            .where(audit_event.c.id == row.id)
            .values(seq=seq, prev_hash=prev, row_hash=row_hash, detail=fields["detail"])
        )
        prev = row_hash
    op.execute(
        sa.text(
            "INSERT INTO audit_chain_head (id, seq, last_hash) VALUES (1, :seq, :hash)"
        ).bindparams(seq=seq, hash=prev)
    )

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_audit_event_seq"), ["seq"], unique=True)
        batch_op.drop_column("remote_addr")
    with op.batch_alter_table("audit_address", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_audit_address_event_id_audit_event"), "audit_event", ["event_id"], ["id"]
        )
    if _postgresql():
        op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
        # 0005's function raises whatever fires it: a statement trigger refuses TRUNCATE.
        op.execute(
            """
            CREATE TRIGGER audit_event_no_truncate
            BEFORE TRUNCATE ON audit_event
            FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
            """
        )


def downgrade():
    bind = op.get_bind()
    if _postgresql():
        op.execute("DROP TRIGGER audit_event_no_truncate ON audit_event")
        op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    # Before SQLite rebuilds audit_event, nothing may point at it.
    with op.batch_alter_table("audit_address", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_audit_address_event_id_audit_event"), type_="foreignkey"
        )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remote_addr", sa.String(length=64), nullable=True))
        batch_op.drop_index(batch_op.f("ix_audit_event_seq"))
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    bind.execute(
        sa.text(
            "UPDATE audit_event SET remote_addr = (SELECT remote_addr FROM audit_address "
            "WHERE audit_address.event_id = audit_event.id)"
        )
    )
    op.drop_table("audit_address")
    op.drop_table("audit_chain_head")
    if _postgresql():
        op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
