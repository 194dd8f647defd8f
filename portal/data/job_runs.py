"""When each scheduled job last finished well, kept in the database so that /metrics (in
the web process) can show what the worker (another process) did."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from portal.data.models import JobRun, utcnow
from portal.extensions import db

RETENTION_PURGE = "retention_purge"
ROUTINE_REMINDERS = "routine_reminders"


def record_success(name: str, when: datetime | None = None) -> None:
    """Mark `name` as finished well now (committed at once: it is a fact on its own).

    One statement that inserts or updates: two workers finishing the same job at once
    (several hosts run the worker) both find no row, and a read-then-insert made the
    second one fail on the first one's row."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(JobRun).values(name=name, last_success_at=when or utcnow())
    db.session.execute(
        insert.on_conflict_do_update(
            index_elements=[JobRun.name],
            set_={"last_success_at": insert.excluded.last_success_at},
        )
    )
    db.session.commit()


def last_successes() -> dict[str, datetime]:
    return {run.name: run.last_success_at for run in db.session.scalars(select(JobRun))}
