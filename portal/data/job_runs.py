"""When each scheduled job last finished well, kept in the database so that /metrics (in
the web process) can show what the worker (another process) did."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from portal.data.models import JobRun, utcnow
from portal.extensions import db

RETENTION_PURGE = "retention_purge"
ROUTINE_REMINDERS = "routine_reminders"


def record_success(name: str, when: datetime | None = None) -> None:
    """Mark `name` as finished well now (committed at once: it is a fact on its own)."""
    run = db.session.get(JobRun, name)
    if run is None:
        run = JobRun(name=name, last_success_at=when or utcnow())
        db.session.add(run)
    else:
        run.last_success_at = when or utcnow()
    db.session.commit()


def last_successes() -> dict[str, datetime]:
    return {run.name: run.last_success_at for run in db.session.scalars(select(JobRun))}
