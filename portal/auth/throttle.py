"""Growing delays per account, kept in the database so every app instance shares them.

No account is ever locked. The first `FREE_TRIES` wrong tries cost nothing; after that,
the next try is checked only once a delay has passed since the last wrong one, and the
delay doubles with each further wrong try (1, 2, 4, 8 minutes), never more than
`MAX_DELAY`. A try made inside the delay is not checked and not counted, so nobody can
keep an account shut by trying again and again: at most `MAX_DELAY` after the last wrong
try that was checked, the right passphrase works.

Stored on the account: `failed_attempts` (wrong tries since the last successful sign-in)
and `locked_until` (the moment the next try will be checked: the time of the last wrong
try plus its delay). `failures_to_tell` (victims and supporters) keeps the count for the
person to read after they next sign in.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from portal.data.metrics import count_sign_in_failure
from portal.data.models import utcnow
from portal.extensions import db

FREE_TRIES = 5
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(minutes=15)


def delay_after(failures: int) -> timedelta:
    """How long the next try must wait after `failures` wrong tries in a row."""
    if failures < FREE_TRIES:
        return timedelta(0)
    doublings = min(failures - FREE_TRIES, 10)  # 2**10 minutes is past the cap already
    return min(FIRST_DELAY * 2**doublings, MAX_DELAY)


def must_wait(account) -> bool:
    """True while a try on this account would not be checked."""
    return account.locked_until is not None and account.locked_until > utcnow()


def record_failure(account) -> None:
    """Count a wrong try in the database itself (not in this process), then set the delay.

    The increment is one SQL statement, so two app instances failing the same account at
    once both count: no instance can lose the other's failure.
    """
    model = type(account)
    count_sign_in_failure(getattr(account, "kind", model.__tablename__))
    db.session.flush()
    db.session.execute(
        update(model)
        .where(model.id == account.id)
        .values(failed_attempts=model.failed_attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(account, ["failed_attempts"])
    wait = delay_after(account.failed_attempts)
    account.locked_until = utcnow() + wait if wait else None


def record_success(account) -> None:
    """A right passphrase or password: the count starts again from nothing.

    For an account that can be told (a victim's, a supporter's), the wrong tries since the
    last sign-in are kept to be shown once, on the next page they see.
    """
    if hasattr(type(account), "failures_to_tell"):
        account.failures_to_tell = (account.failures_to_tell or 0) + (account.failed_attempts or 0)
    account.failed_attempts = 0
    account.locked_until = None


def take_failures_to_tell(account) -> int:
    """The wrong tries the person has not been told of yet; after this, they have been."""
    count = account.failures_to_tell or 0
    if count:
        account.failures_to_tell = 0
        db.session.commit()
    return count
