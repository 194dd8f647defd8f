"""who made a decision and the scheme to review it; the date a crime was reported

Revision ID: 0013
Revises: 0012

- `case_update.decided_by` ("police" or "cps") and `case_update.suspect_interviewed`: which
  review scheme a decision opens (portal/rules/victims_code/review_schemes.py). Existing
  decisions not to charge were all presented as police decisions; they are marked so, and
  whether the suspect was interviewed stays unknown (the police review stays offered).
- `review_request.scheme`: "police" (the supervisors' queue) or "cps" (the victim is asking
  the CPS; no police deadlines, so those two columns may now be empty).
- `case.reported_on`: the day the crime was reported, which starts the referral duty.
  Existing cases take the London day they were created on, the best date the portal has.
"""

from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

LONDON = ZoneInfo("Europe/London")


def upgrade():
    # Plain ADD COLUMN (and DROP COLUMN below, SQLite 3.35 and later): a batch copy of
    # `case` or `case_update` would drop a table that other tables' rows refer to.
    op.add_column("case_update", sa.Column("decided_by", sa.String(length=10), nullable=True))
    op.add_column("case_update", sa.Column("suspect_interviewed", sa.Boolean(), nullable=True))
    op.execute(
        "UPDATE case_update SET decided_by = 'police' "
        "WHERE event_type IN ('no_further_action', 'decision_not_to_investigate', "
        "'charged', 'out_of_court_disposal')"
    )
    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scheme", sa.String(length=10), nullable=False, server_default="police")
        )
        batch_op.alter_column(
            "acknowledge_by", existing_type=sa.DateTime(timezone=True), nullable=True
        )
        batch_op.alter_column("decide_by", existing_type=sa.DateTime(timezone=True), nullable=True)
    # Left nullable in the schema for the same reason (SQLite cannot add a NOT NULL column
    # in place); every existing row is filled here, and the new-case form requires it.
    op.add_column("case", sa.Column("reported_on", sa.Date(), nullable=True))
    _backfill_reported_on()


def _backfill_reported_on():
    case = sa.table(
        "case",
        sa.column("id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("reported_on", sa.Date()),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(case.c.id, case.c.created_at)).all():
        created = row.created_at
        if created.tzinfo is None:  # SQLite hands back naive UTC
            created = created.replace(tzinfo=UTC)
        connection.execute(
            case.update()
            .where(case.c.id == row.id)
            .values(reported_on=created.astimezone(LONDON).date())
        )


def downgrade():
    op.execute('ALTER TABLE "case" DROP COLUMN reported_on')
    op.execute("DELETE FROM review_request WHERE scheme = 'cps'")
    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.alter_column("decide_by", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.alter_column(
            "acknowledge_by", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.drop_column("scheme")
    op.execute("ALTER TABLE case_update DROP COLUMN suspect_interviewed")
    op.execute("ALTER TABLE case_update DROP COLUMN decided_by")
