"""Which numbers of users to try, and which figure the tries give. Pure: no I/O.

Start at a small number and double while a step passes (p95 under the limit, no error),
then bisect between the largest pass and the smallest failure until they are close. A
step passes only with some requests measured: an empty step proves nothing.

Figures on a shared machine are noisy, so a pass above a failure can happen. The figure
is always the largest pass *below the smallest failure*: a pass above it is not trusted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

P95_LIMIT_MS = 200.0
# Bisect until the gap between pass and failure is at most this share of the pass (or
# MIN_GAP users, whichever is larger): finer than that, noise decides more than the host.
GAP_SHARE = 0.1
MIN_GAP = 5


@dataclass(frozen=True)
class Step:
    users: int
    requests: int
    errors: int
    p95_ms: float | None
    requests_per_second: float

    @property
    def passed(self) -> bool:
        return (
            self.requests > 0
            and self.errors == 0
            and self.p95_ms is not None
            and self.p95_ms < P95_LIMIT_MS
        )

    @property
    def why_not(self) -> str:
        if self.passed:
            return ""
        if self.requests == 0:
            return "no requests measured"
        if self.errors:
            return f"{self.errors} error(s)"
        return f"p95 {self.p95_ms:g} ms"


@dataclass(frozen=True)
class Figure:
    users: int  # 0 when not even the smallest number tried passed
    step: Step | None  # the step that gave it
    limited_by: str  # why not more: the first failure above it, or the cap


def bounds(steps: list[Step]) -> tuple[Step | None, Step | None]:
    """(largest pass below the smallest failure, smallest failure); either may be None."""
    failures = [step for step in steps if not step.passed]
    lowest_failure = min(failures, key=lambda step: step.users, default=None)
    ceiling = lowest_failure.users if lowest_failure else math.inf
    passes = [step for step in steps if step.passed and step.users < ceiling]
    return max(passes, key=lambda step: step.users, default=None), lowest_failure


def next_users(steps: list[Step], start: int, max_users: int) -> int | None:
    """The number of users to try next, or None when the search is done."""
    if not steps:
        return start
    best, failure = bounds(steps)
    tried = {step.users for step in steps}
    if failure is None:  # everything passed so far: double, up to the cap
        doubled = min(best.users * 2, max_users)
        return None if doubled in tried else doubled
    low = best.users if best else 0
    if failure.users - low <= max(MIN_GAP, low * GAP_SHARE):
        return None
    middle = (low + failure.users) // 2 if best else failure.users // 2
    return None if middle < 1 or middle in tried else middle


def figure(steps: list[Step], max_users: int) -> Figure:
    best, failure = bounds(steps)
    if failure is not None:
        limited = f"at {failure.users} users: {failure.why_not}"
    elif best is not None and best.users >= max_users:
        limited = f"the cap of {max_users} users was reached with no failure (--max-users)"
    else:
        limited = "the search stopped before any failure (--max-steps)"
    return Figure(users=best.users if best else 0, step=best, limited_by=limited)
