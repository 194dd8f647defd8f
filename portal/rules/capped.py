"""A long list cut to its first few, with how many there are in all.

The dashboard shows the most urgent of each long list and says how many more there are,
so the page costs the same for a team of 20 cases and for one of 2,000. The database
orders and cuts the list (ORDER BY ... LIMIT) and, in the same query and round trip,
counts the rows the limit left out: a window count by default, or a count of its own where
that costs less (`firsts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Row, Select, Subquery, func, select

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


def with_total(query: Select) -> Select:
    """`query` with one more column, `total`: how many rows it has before its LIMIT."""
    return query.add_columns(func.count().over().label("total"))


def firsts(
    query: Select, order_by: tuple, limit: int, *, total_of: Select | None = None
) -> Subquery:
    """The first `limit` rows of `query` in that order, with a `total` column, as a
    subquery: `query` selects only ids and sort keys, so the rows sorted are narrow, and
    the caller joins the few kept to what it shows.

    The total is `query`'s rows before the cut (a window count), or, with `total_of`, how
    many rows that query has, counted in the same statement. Where an index holds a
    team's rows in `order_by`'s order, the database then reads only the first `limit` of
    them and counts the rest, which costs far less than keeping every row for the window
    and sorting them all.
    """
    if total_of is None:
        return with_total(query).order_by(*order_by).limit(limit).subquery()
    total = select(func.count()).select_from(total_of.subquery()).scalar_subquery()
    return query.add_columns(total.label("total")).order_by(*order_by).limit(limit).subquery()


def capped(rows: Sequence[Row], item: Callable[[Row], object]) -> Capped:
    """The rows of a `with_total` query as a Capped list of `item(row)`."""
    return Capped([item(row) for row in rows], rows[0].total if rows else 0)
