"""Per-account lockout, kept in the database so every app instance shares it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from portal.data.models import utcnow
from portal.extensions import db

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


def is_locked(account) -> bool:
    return account.locked_until is not None and account.locked_until > utcnow()


def record_failure(account) -> None:
    """Count a failure in the database itself (not in this process), then lock if due.

    The increment is one SQL statement, so two app instances failing the same account at
    once both count: no instance can lose the other's failure.
    """
    model = type(account)
    db.session.flush()
    db.session.execute(
        update(model)
        .where(model.id == account.id)
        .values(failed_attempts=model.failed_attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(account, ["failed_attempts"])
    if account.failed_attempts >= MAX_FAILURES:
        account.locked_until = utcnow() + LOCKOUT
        account.failed_attempts = 0


def record_success(account) -> None:
    account.failed_attempts = 0
    account.locked_until = None
