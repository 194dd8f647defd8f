"""The results as Markdown: printed at the end of a run and written beside the JSON."""

from __future__ import annotations

from bench import pages, targets
from bench.data import BIG_TEAM_CASES
from bench.machine import line as machine_line

KB = targets.KB
HEADINGS = (
    "URL",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "ratio",
    "queries: 1 upd / 20 upd / as loaded",
)
TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def markdown(results: dict) -> str:
    measured = results["databases"]
    lines = ["# Benchmark results", "", *_setting_lines(results, measured), ""]
    for database, result in measured.items():
        lines += [f"## {TITLES[database]}", ""]
        if not result.get("available"):
            lines += [f"Not measured: {result.get('reason')}", ""]
            continue
        lines += [*_table(result), "", *(f"- {note}" for note in _notes(result)), ""]
    lines += ["## Easy-read guides", "", f"- {_guides_line(results['guides'])}", ""]
    lines += _targets_table(measured)
    return "\n".join(lines) + "\n"


def _setting_lines(results: dict, measured: dict) -> list[str]:
    run = results["settings"]
    lines = [
        f"- Machine: {machine_line(results['machine'])}.",
        f"- Server: gunicorn, {run['workers']} {run['worker_class']} workers, for the portal "
        "and for the bare Flask app alike.",
        f"- Load: {run['load_generator']}; {run['connections']} connections kept busy for "
        f"{run['seconds']} s per URL after a {run['warm_up_seconds']} s warm-up.",
    ]
    loaded = next((r["data"] for r in measured.values() if r.get("available")), None)
    if loaded:
        lines.append(
            f"- Data: {loaded['cases']:,} cases: {loaded['teams']} teams of "
            f"{loaded['officers_per_team']} officers, and a second team of "
            f"{BIG_TEAM_CASES:,} cases; {loaded['updates']:,} updates; the victim under "
            "load has 20 updates."
        )
    return lines


def _table(result: dict) -> list[str]:
    rows = result["rows"]
    body = [_cells(row, rows.get(row.key, {})) for row in pages.ALL]
    return [
        "| " + " | ".join(HEADINGS) + " |",
        "|" + "|".join(" --- " for _ in HEADINGS) + "|",
        *("| " + " | ".join(cells) + " |" for cells in body),
    ]


def _cells(row: pages.Measured, out: dict) -> list[str]:
    queries = _queries(out.get("queries"))
    if not out.get("available"):
        return [row.label, f"not measured: {out.get('reason', 'no data')}", *[""] * 5, queries]
    ratio = f"{out['ratio']:.1%} of {out['ratio_to']}" if "ratio" in out else "baseline"
    rate = f"{out['requests_per_second']:,.0f}" + (" *" if out.get("note") else "")
    return [
        row.label,
        rate,
        f"{out['p50_ms']:.1f}",
        f"{out['p95_ms']:.1f}",
        f"{out['p99_ms']:.1f}",
        str(out["errors"]),
        ratio,
        queries,
    ]


def _queries(counts: dict | None) -> str:
    if not counts:
        return "–"
    return " / ".join(
        str(counts.get(column)) if isinstance(counts.get(column), int) else "–"
        for column in ("at_1_update", "at_20_updates", "as_loaded")
    )


def _notes(result: dict) -> list[str]:
    notes = [_today_line(result.get("today") or {})]
    for row in pages.ALL:
        out = result["rows"].get(row.key, {})
        if out.get("note"):
            notes.append(f"\\* {row.label}: {out['note']} ({out['requests']} requests).")
    chosen = result.get("files", {})
    if chosen.get("static_asset"):
        notes.append(
            f"Static file: `/assets/{chosen['static_asset']}`, {chosen['static_bytes'] / KB:.1f}"
            f" KB, the built file nearest in size to the PDF ({chosen['pdf_bytes'] / KB:.1f} KB)."
        )
    notes.append(_transfer_line(result.get("transfer", {})))
    return notes


def _today_line(today: dict) -> str:
    if not today.get("available"):
        return f"Today's portal: not measured ({today.get('reason', 'skipped')})."
    shown = [
        f"{out['label']} {out['requests_per_second']:,.0f} req/s "
        f"({out['ratio']:.1%} of bare, p95 {out['p95_ms']:.0f} ms)"
        for out in today["rows"].values()
        if out.get("available") and "ratio" in out
    ]
    return f"Today's portal ({today['commit']}), in the same run: " + "; ".join(shown) + "."


def _transfer_line(weight: dict) -> str:
    if not weight.get("available"):
        return f"Page weight: not measured ({weight.get('reason', 'no answer')})"
    kept = sum(1 for asset in weight["assets"] if asset["kept_by_browser"])
    return (
        f"{weight['page']}: first view {weight['first_view_bytes'] / KB:.1f} KB, repeat view "
        f"{weight['repeat_view_bytes'] / KB:.1f} KB on the wire (the page itself "
        f"{weight['html_bytes'] / KB:.1f} KB, {weight['html_encoding']}; {kept} of "
        f"{len(weight['assets'])} linked files kept by the browser for a year)."
    )


def _guides_line(timed: dict) -> str:
    if not timed.get("available"):
        return f"Not measured ({timed.get('reason', 'no answer')})"
    return (
        f"One guide ({timed['guide']}) printed cold in a fresh process: "
        f"{timed['cold_render_seconds']} s (after {timed['import_seconds']} s to import "
        f"WeasyPrint), {timed['warm_render_seconds']} s when printed again. All "
        f"{timed['all_guides_pdfs']} guides in {len(timed['languages'])} languages "
        f"({', '.join(timed['languages'])}), with one ZIP per language, from an empty cache: "
        f"{timed['all_guides_seconds']} s."
    )


def _targets_table(measured: dict) -> list[str]:
    checked = {db: r["targets"] for db, r in measured.items() if r.get("available")}
    if not checked:
        return []
    names = [t["target"] for t in next(iter(checked.values()))]
    head = ["Target", *(TITLES[db] for db in checked)]
    lines = ["## Targets", "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for n, name in enumerate(names):
        cells = [f"{targets.verdict(found[n])}: {found[n]['value']}" for found in checked.values()]
        lines.append("| " + " | ".join([name, *cells]) + " |")
    return lines
