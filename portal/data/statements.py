"""Statements built once for each shape and run again with new bind parameters.

A dashboard's queries are wide: CASE expressions, window counts, joins to the case and its
officer. Building one with SQLAlchemy's operators, and working out the cache key that
finds its compiled SQL, cost about as much as running it. A statement kept here is built
the first time its shape is asked for, with every value that changes between requests
(a team's id, a moment) as a bind parameter, and SQLAlchemy keeps its cache key with it.
The key names the shape: what the statement is, whose scope it reads
(`scoping.bound_copied_scope`) and anything else that changes its SQL, never a value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

Statement = TypeVar("Statement")

_BUILT: dict[Hashable, object] = {}


def once(key: Hashable, build: Callable[[], Statement]) -> Statement:
    """The statement kept under `key`, built by `build()` the first time it is asked for.
    Two threads building the same shape at once build it twice, harmlessly."""
    found = _BUILT.get(key)
    if found is None:
        found = _BUILT[key] = build()
    return found  # type: ignore[return-value]
