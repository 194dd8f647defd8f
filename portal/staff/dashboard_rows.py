"""The rows of the dashboard's "By officer" and "By event" tables, built in Python.

Four such tables, of up to 20 rows of six cells each, built cell by cell in Jinja, cost
more than the queries behind them. The template passes the rows to `portalTable`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from portal.rules.compliance import Tally


def _share(tally: Tally) -> str:
    return "–" if tally.share is None else f"{tally.share:.1f}%"


def tally_rows(
    tallies: Iterable[tuple[str, Tally]], label: Callable[[str], str] | None = None
) -> list[list[dict]]:
    """One row for each (name, tally): the name (through `label`), then due, on time,
    late, not met and the share met on time, right-aligned as numbers."""
    return [
        [
            {"text": label(name) if label else name},
            {"text": tally.due, "format": "numeric"},
            {"text": tally.met_on_time, "format": "numeric"},
            {"text": tally.met_late, "format": "numeric"},
            {"text": tally.not_met, "format": "numeric"},
            {"text": _share(tally), "format": "numeric"},
        ]
        for name, tally in tallies
    ]
