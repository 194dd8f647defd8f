"""The targets from the issue, checked against one database's results."""

from __future__ import annotations

from bench import pages

KB = 1000  # the byte targets are in kilobytes of 1,000 bytes: the stricter reading
HOME_RATIO, HOME_P95_MS = 0.40, 50
PDF_RATIO = 0.80
FIRST_VIEW_KB, REPEAT_VIEW_KB = 100, 20


def check(rows: dict, weight: dict, connections: int) -> list[dict]:
    """One entry per target: its wording, the figure, and met (True, False or None)."""
    home, pdf = rows.get("victim_home", {}), rows.get("guide_pdf", {})
    found = [
        _target(
            f"Victim home page ≥ {HOME_RATIO:.0%} of the bare endpoint's req/s",
            home.get("ratio"),
            lambda r: r >= HOME_RATIO,
            lambda r: f"{r:.1%}",
        ),
        _target(
            f"Victim home page p95 < {HOME_P95_MS} ms at {connections} connections",
            home.get("p95_ms") if home.get("available") else None,
            lambda v: v < HOME_P95_MS,
            lambda v: f"{v:.0f} ms",
        ),
        _target(
            f"Cached PDF ≥ {PDF_RATIO:.0%} of the static file's req/s",
            pdf.get("ratio"),
            lambda r: r >= PDF_RATIO,
            lambda r: f"{r:.1%}",
        ),
    ]
    for row in pages.PAGES:
        if not row.growth:
            continue
        counts = rows.get(row.key, {}).get("queries", {})
        one, twenty = counts.get("at_1_update"), counts.get("at_20_updates")
        found.append(
            _target(
                f"{row.label}: same queries at 1 and 20 updates",
                (one, twenty) if isinstance(one, int) and isinstance(twenty, int) else None,
                lambda v: v[0] == v[1],
                lambda v: f"{v[0]} and {v[1]}",
            )
        )
    measured = weight.get("available")
    found += [
        _target(
            f"First view ≤ {FIRST_VIEW_KB} KB compressed",
            weight.get("first_view_bytes") if measured else None,
            lambda b: b <= FIRST_VIEW_KB * KB,
            lambda b: f"{b / KB:.1f} KB",
        ),
        _target(
            f"Repeat view ≤ {REPEAT_VIEW_KB} KB compressed",
            weight.get("repeat_view_bytes") if measured else None,
            lambda b: b <= REPEAT_VIEW_KB * KB,
            lambda b: f"{b / KB:.1f} KB",
        ),
    ]
    return found


def verdict(target: dict) -> str:
    met = target["met"]
    return "not measured" if met is None else "met" if met else "**not met**"


def _target(name, value, meets, show) -> dict:
    if value is None:
        return {"target": name, "value": "not available", "met": None}
    return {"target": name, "value": show(value), "met": bool(meets(value))}
