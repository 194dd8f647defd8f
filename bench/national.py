"""The national run: `python -m bench.run --national` (PostgreSQL only).

It loads the benchmark's usual data (`bench.data`: 2,000 cases in ten teams, beside a
second team of 2,000, so about 4,000 in all; "the 2,000-case figure" below is the usual
run's, for the same people) and measures the victim's home
page, an update page, the caseload and the dashboard; then `bulk_load` brings the same
database up to 200,000 cases and 2,000,000 updates with COPY (the rows:
`bench.national_rows`) and VACUUM ANALYZE, and the same four pages are measured again
with the same people signed in. `check` says, page by page, whether the national figure is
within 1.5 times the 2,000-case one. Results: bench/results/national.json and .md.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from bench import bulk, data, databases, machine, pages, server
from bench import national_rows as rows

TOTAL_CASES = 200_000
TOTAL_UPDATES = 2_000_000
# The pages measured at both volumes (keys of bench.pages.PAGES) and how much slower the
# national figure may be: within 1.5 times, i.e. at least 1 / 1.5 of the requests a second.
PAGES = ("victim_home", "victim_update", "caseload", "dashboard")
SLOWER_AT_MOST = 1.5


def bulk_load(
    app,
    cases: int = TOTAL_CASES,
    updates: int = TOTAL_UPDATES,
    seed: int = 18,
    say: Callable[[str], None] = print,
) -> dict:
    """Bring an already loaded PostgreSQL database up to `cases` and `updates` in total,
    then VACUUM ANALYZE. Returns what was added and how long it took."""
    from portal.data.models import utcnow
    from portal.extensions import db

    started = time.perf_counter()
    rng = random.Random(seed)
    with app.app_context(), db.engine.connect() as connection:
        pg = connection.connection.driver_connection
        if connection.dialect.name != "postgresql":
            raise RuntimeError("the national volume is loaded into PostgreSQL only")
        had_cases = pg.execute('SELECT count(*) FROM "case"').fetchone()[0]
        had_updates = pg.execute("SELECT count(*) FROM case_update").fetchone()[0]
        new_cases, new_updates = cases - had_cases, updates - had_updates
        if new_cases <= 0 or new_updates < new_cases * rows.FEWEST_UPDATES:
            raise RuntimeError(f"cannot add to {had_cases} cases and {had_updates} updates")
        # One transaction, not waiting for the disk at its end: nobody else is waiting for
        # these rows, and if the machine fails the run is simply started again.
        pg.execute("SET LOCAL synchronous_commit = off")
        say(f"Adding {new_cases:,} cases and {new_updates:,} updates by COPY...")
        now = utcnow()
        teams, staff, officers = rows.plan_staff(new_cases)
        planned = rows.plan_cases(rng, now, officers, new_cases, new_updates)
        tables = (
            ("team", rows.TEAM, rows.team_rows(teams, now)),
            ("staff_user", rows.STAFF, rows.staff_rows(staff, now)),
            ("victim", rows.VICTIM, rows.victim_rows(rng, planned, now)),
            ("case", rows.CASE, rows.case_rows(rng, planned)),
            ("case_update", rows.UPDATE, rows.update_rows(rng, planned, now)),
            ("obligation", rows.OBLIGATION, rows.obligation_rows(rng, planned, now)),
            ("message", rows.MESSAGE, rows.message_rows(rng, planned, now)),
            ("auth_session", rows.SESSION, rows.session_rows(rng, planned, staff, now)),
        )
        added = {
            table: bulk.copy_rows(pg, table, columns, made, say) for table, columns, made in tables
        }
        pg.commit()
    loaded = time.perf_counter() - started
    say(f"Loaded in {loaded:.0f} s; VACUUM ANALYZE...")
    databases.analyze(app)
    total = time.perf_counter() - started
    say(f"National volume ready in {total:.0f} s ({total - loaded:.0f} s of VACUUM ANALYZE)")
    return {
        "cases": had_cases + new_cases,
        "updates": had_updates + new_updates,
        "added": added,
        "load_seconds": round(loaded, 1),
        "vacuum_analyze_seconds": round(total - loaded, 1),
        "total_seconds": round(total, 1),
    }


def check(at_2000: dict, national: dict) -> list[dict]:
    """Per page: national req/s at least the 2,000-case figure / 1.5. Entries are shaped as
    `bench.targets` makes them: the target's wording, the figure, and met (None: not
    measured)."""
    found = []
    for key in PAGES:
        before, after = at_2000.get(key, {}), national.get(key, {})
        name = f"{_label(key)}: national req/s ≥ its 2,000-case req/s ÷ {SLOWER_AT_MOST}"
        if not (before.get("available") and after.get("available")):
            found.append({"target": name, "value": "not available", "met": None})
            continue
        ratio = after["requests_per_second"] / before["requests_per_second"]
        shown = (
            f"{after['requests_per_second']:,.0f} against "
            f"{before['requests_per_second']:,.0f} req/s ({ratio:.2f}×)"
        )
        found.append({"target": name, "value": shown, "met": ratio >= 1 / SLOWER_AT_MOST})
    return found


def main(args, measure: Callable, results_folder: Path, say: Callable[[str], None]) -> int:
    """`bench.run --national`: `measure` is bench.run's own, so the figures are taken as the
    usual run takes them."""
    results = {
        "machine": machine.describe(),
        "settings": {
            "workers": args.workers,
            "connections": args.connections,
            "seconds": args.seconds,
            "cases_at_first": args.cases,
        },
    }
    say(f"Machine: {machine.line(results['machine'])}")
    try:
        results.update(run(args, measure, say))
    except (RuntimeError, OSError) as error:
        say(f"national run: not measured: {error}")
        results.update({"available": False, "reason": str(error)})
    text = markdown(results)
    results_folder.mkdir(exist_ok=True)
    (results_folder / "national.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    (results_folder / "national.md").write_text(text)
    say(f"\n{text}\nWritten to {results_folder}/national.json and national.md")
    return 0 if results.get("available") else 1


def run(args, measure: Callable, say: Callable[[str], None]) -> dict:
    chosen = [row for row in pages.PAGES if row.key in PAGES]
    with databases.throwaway("postgresql", args.postgres) as url:
        app = databases.migrated_app(url)
        started = time.perf_counter()
        with app.app_context():
            loaded = data.load(cases=args.cases)
        databases.analyze(app)
        say(f"Loaded {loaded.cases} cases in {time.perf_counter() - started:.0f} s")
        cookies = data.cookies_for(app, loaded)
        databases.release(app)
        say(f"\n== at {loaded.cases:,} cases")
        at_2000 = _measure_pages(url, chosen, loaded, cookies, args, measure)
        say("\n== bulk loading to national volume")
        volume = bulk_load(app, TOTAL_CASES, TOTAL_UPDATES, say=say)
        _keep_signed_in(app, loaded)
        databases.release(app)
        say(f"\n== at {volume['cases']:,} cases")
        national = _measure_pages(url, chosen, loaded, cookies, args, measure)
    return {
        "available": True,
        "data": loaded.summary(),
        "volume": volume,
        "at_2000_cases": at_2000,
        "national": national,
        "targets": check(at_2000, national),
    }


def markdown(results: dict) -> str:
    lines = ["# National run", "", f"- Machine: {machine.line(results['machine'])}."]
    if not results.get("available"):
        return "\n".join([*lines, "", f"Not measured: {results.get('reason')}", ""])
    volume, run = results["volume"], results["settings"]
    lines += [
        f"- Load: {run['connections']} connections for {run['seconds']} s a URL, "
        f"{run['workers']} gunicorn workers, as in `make bench`; PostgreSQL.",
        f"- First {results['data']['cases']:,} cases (`bench.data`), then by COPY up to "
        f"{volume['cases']:,} cases and {volume['updates']:,} updates: "
        + ", ".join(f"{count:,} {table}" for table, count in volume["added"].items())
        + " rows added.",
        f"- Bulk load {volume['load_seconds']:.0f} s, VACUUM ANALYZE "
        f"{volume['vacuum_analyze_seconds']:.0f} s.",
        "",
        "| page | req/s at 2,000 cases | p95 ms | req/s national | p95 ms | national ÷ 2,000 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key in PAGES:
        before, after = results["at_2000_cases"].get(key, {}), results["national"].get(key, {})
        ratio = (
            f"{after['requests_per_second'] / before['requests_per_second']:.2f}"
            if before.get("available") and after.get("available")
            else "-"
        )
        lines.append(f"| {_label(key)} | {_figures(before)} | {_figures(after)} | {ratio} |")
    lines += ["", "| target | value | met |", "| --- | --- | --- |"]
    for target in results["targets"]:
        met = "not measured" if target["met"] is None else "met" if target["met"] else "**not met**"
        lines.append(f"| {target['target']} | {target['value']} | {met} |")
    return "\n".join(lines) + "\n"


def _measure_pages(url, chosen, loaded, cookies, args, measure) -> dict:
    measured = {}
    env = databases.settings_env(url)
    with server.serving("portal:create_app()", env, "/healthz", args.workers) as portal:
        for row in chosen:
            params = loaded.params.get(row.signed_in_as or "", {})
            cookie = cookies.get(row.signed_in_as)
            measured[row.key] = {"label": row.label, **measure(row, portal, cookie, params, args)}
    return measured


def _keep_signed_in(app, loaded) -> None:
    """The people measured were idle while the rows went in, perhaps longer than the
    sign-in's idle limit: mark them seen now, as their next click would have."""
    from sqlalchemy import text

    from portal.extensions import db

    hashes = [hashlib.sha256(token.encode()).hexdigest() for token in loaded.tokens.values()]
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE auth_session SET last_seen_at = now() WHERE token_hash = ANY(:hashes)"),
            {"hashes": hashes},
        )


def _label(key: str) -> str:
    return next(row.label for row in pages.PAGES if row.key == key)


def _figures(out: dict) -> str:
    if not out.get("available"):
        return f"not measured: {out.get('reason', 'no data')} | -"
    mark = " *" if out.get("note") else ""
    return f"{out['requests_per_second']:,.0f}{mark} | {out['p95_ms']:.1f}"
