"""The benchmark: `make bench`, or `python -m bench.run [--database sqlite] [--seconds 3]`.

For each database it makes a throwaway database, migrates it, loads a force's worth of
data (`bench.data`), counts database queries per page in-process (`bench.queries`), then
serves a bare Flask app and the portal under gunicorn with the same settings
(`bench.server`), checks that every URL in `bench.pages` answers 200, drives load at it
with `wrk` from a separate process (`bench.load`) and weighs a first and a repeat view
(`bench.transfer`). The easy-read guides are timed once, in a fresh process
(`bench.guides`). It prints Markdown and writes `bench/results/results.json` and `.md`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import requests

from bench import (
    baseline,
    data,
    databases,
    files,
    guides,
    load,
    machine,
    national,
    pages,
    queries,
    report,
    server,
    targets,
    transfer,
)

RESULTS = Path(__file__).resolve().parent / "results"
# A URL measured while other programs took the CPUs is measured once more; after that the
# figure stands, marked, so a busy machine cannot stretch the run much past ten minutes.
BUSY_RETRIES = 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--capacity" in argv:  # `make bench BENCH_ARGS="--capacity ..."`: see bench.capacity
        from bench.capacity.runner import main as capacity

        return capacity([arg for arg in argv if arg != "--capacity"])
    args = _arguments(argv)
    try:
        load.wrk_path()  # fail at once, with the fix, rather than after loading data
    except load.LoadError as error:
        _say(str(error))
        return 2
    if args.national:
        return national.main(args, _measure, RESULTS, _say)
    results = {
        "machine": machine.describe(),
        "settings": {
            "workers": args.workers,
            "worker_class": server.WORKER_CLASS,
            "load_generator": load.describe(),
            "connections": args.connections,
            "seconds": args.seconds,
            "warm_up_seconds": load.WARM_UP_SECONDS,
            "cases": args.cases,
        },
        "databases": {},
    }
    _say(f"Machine: {machine.line(results['machine'])}")
    results["guides"] = {"available": False, "reason": "skipped (--no-guides)"}
    if not args.no_guides:
        _say("Timing the easy-read guides: one printed cold, then every one...")
        results["guides"] = guides.measure_in_fresh_process()
    chosen = databases.DATABASES if args.database == "both" else (args.database,)
    for database in chosen:
        _say(f"\n== {database}")
        try:
            results["databases"][database] = run_one(database, args)
        except (RuntimeError, OSError, subprocess.SubprocessError, requests.RequestException) as e:
            _say(f"{database}: not measured: {e}")
            results["databases"][database] = {"available": False, "reason": str(e)}
    text = report.markdown(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    (RESULTS / "results.md").write_text(text)
    _say(f"\n{text}\nWritten to {RESULTS}/results.json and results.md")
    measured = all(result.get("available") for result in results["databases"].values())
    return 0 if measured else 1


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument("--database", choices=(*databases.DATABASES, "both"), default="both")
    parser.add_argument("--seconds", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=20, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=server.WORKERS, help="gunicorn workers")
    parser.add_argument("--cases", type=int, default=2000, help="cases to load")
    parser.add_argument(
        "--postgres",
        default=databases.DEFAULT_POSTGRES,
        help="a PostgreSQL URL allowed to create databases (a throwaway one is made there)",
    )
    parser.add_argument("--no-guides", action="store_true", help="skip timing the guides")
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="do not measure today's portal (bench/baseline.py): the N-times targets then "
        "say not measured",
    )
    parser.add_argument(
        "--national",
        action="store_true",
        help="PostgreSQL only: four pages at --cases cases, then at 200,000 cases and "
        "2,000,000 updates (bench/national.py; writes bench/results/national.*)",
    )
    parser.add_argument(
        "--capacity",
        action="store_true",
        help="run the capacity search instead (python -m bench.capacity --help for its options)",
    )
    return parser.parse_args(argv)


def run_one(database: str, args: argparse.Namespace) -> dict:
    with databases.throwaway(database, args.postgres) as url:
        app = databases.migrated_app(url)
        started = time.perf_counter()
        with app.app_context():
            loaded = data.load(cases=args.cases)
        databases.analyze(app)
        _say(f"Loaded {loaded.cases} cases in {time.perf_counter() - started:.0f} s")
        cookies = data.cookies_for(app, loaded)
        chosen = files.pick(app)
        rows = {row.key: {"label": row.label} for row in pages.ALL}
        for key, counts in queries.count_pages(app, loaded, cookies, chosen).items():
            rows[key]["queries"] = counts
        databases.release(app)

        with server.serving("bench.bare_app:app", {}, "/", args.workers) as bare:
            rows["bare"].update(_measure(pages.BARE, bare, None, {}, args))
        env = databases.settings_env(url)
        with server.serving("portal:create_app()", env, "/healthz", args.workers) as portal:
            for row in (pages.STATIC, *pages.PAGES):
                params = {**chosen, **loaded.params.get(row.signed_in_as or "", {})}
                cookie = cookies.get(row.signed_in_as) if row.signed_in_as else None
                rows[row.key].update(_measure(row, portal, cookie, params, args))
            home = next(row for row in pages.PAGES if row.key == pages.TRANSFER_PAGE)
            weight = transfer.weigh(portal, home.path, cookies.get(home.signed_in_as))
        today = {} if args.no_baseline else _measure_baseline(app, env, loaded, chosen, args)
        _add_ratios(rows)
        _add_ratios_to(today, rows["bare"])
        return {
            "today": today,
            "available": True,
            "data": loaded.summary(),
            "files": chosen,
            "rows": rows,
            "transfer": {"page": home.label, **weight},
            "targets": targets.check(rows, weight, args.connections, database, today),
        }


def _measure_baseline(app, env: dict, loaded, chosen: dict, args) -> dict:
    """The pages whose targets are multiples of today's, served by the portal as it was
    at bench.baseline.BASELINE_COMMIT, against the same database (bench/baseline.py)."""
    _say(f"  Today's portal ({baseline.BASELINE_COMMIT}), for the targets that compare with it:")
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    measured = {}
    try:
        with (
            baseline.checkout() as project,
            server.serving("portal:create_app()", env, "/healthz", args.workers, project) as old,
        ):
            for row in pages.PAGES:
                if row.key not in baseline.PAGES:
                    continue
                token = loaded.tokens[row.signed_in_as]
                cookie = (cookie_name, baseline.bare_token_cookie(app, token))
                params = {**chosen, **loaded.params.get(row.signed_in_as or "", {})}
                measured[row.key] = {"label": row.label, **_measure(row, old, cookie, params, args)}
    except (baseline.NoBaseline, RuntimeError) as error:
        _say(f"  today's portal not measured: {error}")
        return {"available": False, "reason": str(error)}
    return {"available": True, "commit": baseline.BASELINE_COMMIT, "rows": measured}


def _add_ratios_to(today: dict, bare: dict) -> None:
    for out in today.get("rows", {}).values():
        if out.get("available") and bare.get("available") and bare["requests_per_second"]:
            out["ratio"] = round(out["requests_per_second"] / bare["requests_per_second"], 4)


def _measure(row: pages.Measured, base: str, cookie, params: dict, args) -> dict:
    path = pages.resolve(row.path, params)
    if path is None:
        return {"available": False, "reason": "no data for this URL"}
    headers = load.headers_for(cookie, row.compressed)
    problem = load.check_answers_200(base + path, headers)
    if problem:
        _say(f"  {row.label}: not measured ({problem})")
        return {"available": False, "path": path, "reason": problem}
    connections = row.connections or args.connections
    for attempt in range(1 + BUSY_RETRIES):
        if machine.wait_for_quiet() > machine.BUSY_SHARE:
            _say("  (other programs are busy: measuring anyway)")
        _say(f"  {row.label}: {args.seconds} s at {connections} connection(s)")
        result = load.run(base + path, headers, args.seconds, connections).as_dict()
        # Sampled once the load stops and the server is idle: anyone busy now was most
        # likely busy during the run too, and took CPU the figure should have had.
        others = machine.busy_after_load()
        if others <= machine.BUSY_SHARE:
            break
        again = "; once more" if attempt < BUSY_RETRIES else ""
        _say(f"  (other programs used {others:.0%} of the CPUs meanwhile{again})")
    if others > machine.BUSY_SHARE:
        busy = f"other programs were using {others:.0%} of the CPUs"
        result["note"] = f"{result['note']}; {busy}" if result["note"] else busy
    if row.public_cache:
        result.update(load.cache_headers(base + path, headers))
    return {"available": True, "path": path, "others_cpu_share": round(others, 2), **result}


def _add_ratios(rows: dict) -> None:
    for row in pages.ALL:
        out, base = rows[row.key], rows.get(row.baseline, {})
        if out.get("available") and base.get("available") and base["requests_per_second"]:
            out["ratio"] = round(out["requests_per_second"] / base["requests_per_second"], 3)
            out["ratio_to"] = row.baseline


def _say(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
