"""A long list cut to its first few, with how many there are in all.

The dashboard shows the most urgent of each long list and says how many more there are,
so the page costs the same for a team of 20 cases and for one of 2,000. The database
orders and cuts the list (ORDER BY ... LIMIT) and counts the rest (COUNT).
"""

from __future__ import annotations

from dataclasses import dataclass

# How many of each list the dashboard shows.
SHOWN = 20


@dataclass(frozen=True)
class Capped:
    """The first `SHOWN` of a list and how many there are in all."""

    shown: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self):
        return iter(self.shown)

    def __len__(self) -> int:
        return len(self.shown)
