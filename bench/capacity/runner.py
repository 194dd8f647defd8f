"""The capacity run: `python -m bench.capacity [--database sqlite] [--measure 30]`.

Makes a throwaway database (PostgreSQL by default, as in production), loads the
benchmark's data, serves the portal under gunicorn as `bench.run` does (2 sync workers),
then runs Locust headless in its own process at more and more simultaneous users
(`bench.capacity.search`) and reports the largest number served with a p95 under 200 ms
and no error. Writes `bench/results/capacity.json` and `capacity.md`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from bench import data, databases, machine, server
from bench.capacity import cpu, mix, people, report, search, step

RESULTS = Path(__file__).resolve().parents[1] / "results"
START_USERS = 50
MAX_USERS = 3200
MAX_STEPS = 9
RAMP_SECONDS = 10
MEASURE_SECONDS = 30
WARM_UP_SECONDS = 15


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.monotonic()
    results = {
        "machine": machine.describe(),
        "settings": {
            "database": args.database,
            "workers": args.workers,
            "worker_class": server.WORKER_CLASS,
            "cases": args.cases,
            "ramp_seconds": args.ramp,
            "measure_seconds": args.measure,
            "warm_up_seconds": WARM_UP_SECONDS,
            "start_users": args.start_users,
            "max_users": args.max_users,
            "max_steps": args.max_steps,
            "p95_limit_ms": search.P95_LIMIT_MS,
            "load_generator": f"Locust {_locust_version()}, headless, in a separate process "
            "on the same machine over loopback",
        },
        "mix": mix.describe(),
    }
    _say(f"Machine: {machine.line(results['machine'])}")
    try:
        results.update(_run(args))
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        _say(f"Not measured: {error}")
        results.update({"available": False, "reason": str(error)})
    results["run_seconds"] = round(time.monotonic() - started)
    text = report.markdown(results)
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "capacity.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
        (RESULTS / "capacity.md").write_text(text)
    _say(f"\n{text}")
    if not args.no_write:
        _say(f"Written to {RESULTS}/capacity.json and capacity.md")
    return 0 if results.get("available") else 1


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.capacity", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument("--database", choices=databases.DATABASES, default="postgresql")
    parser.add_argument("--postgres", default=databases.DEFAULT_POSTGRES, help="server URL")
    parser.add_argument("--cases", type=int, default=2000, help="cases to load")
    parser.add_argument("--workers", type=int, default=server.WORKERS, help="gunicorn workers")
    parser.add_argument("--start-users", type=int, default=START_USERS)
    parser.add_argument("--max-users", type=int, default=MAX_USERS)
    parser.add_argument("--max-steps", type=int, default=MAX_STEPS, help="Locust runs at most")
    parser.add_argument(
        "--ramp", type=int, default=RAMP_SECONDS, help="seconds to start a step's users"
    )
    parser.add_argument(
        "--measure",
        type=int,
        default=MEASURE_SECONDS,
        help="seconds measured per step, once all users have started (longer: steadier)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; keep results/")
    return parser.parse_args(argv)


def _run(args: argparse.Namespace) -> dict:
    with databases.throwaway(args.database, args.postgres) as url:
        app = databases.migrated_app(url)
        loading = time.monotonic()
        with app.app_context():
            loaded = data.load(cases=args.cases)
        databases.analyze(app)
        population = people.find(app)
        databases.release(app)
        _say(f"Loaded {loaded.cases} cases in {time.monotonic() - loading:.0f} s")
        steps: list[search.Step] = []
        name = urlsplit(url).path.lstrip("/") if args.database == "postgresql" else None
        portal_cpu = partial(cpu.portal_seconds, name)
        measured: list[dict] = []
        env = databases.settings_env(url)
        with (
            server.serving("portal:create_app()", env, "/healthz", args.workers) as base,
            tempfile.TemporaryDirectory(prefix="bench-capacity-") as folder,
        ):
            roster = Path(folder) / "people.json"
            # Each worker compiles each template on its first request: a short run first,
            # not counted, so the first step measures pages and not compiling.
            people.sign_in(app, population, args.start_users, roster)
            _say(f"  Warming up: {args.start_users} users for {WARM_UP_SECONDS} s")
            step.run(base, args.start_users, args.ramp, WARM_UP_SECONDS, roster)
            while len(steps) < args.max_steps:
                users = search.next_users(steps, args.start_users, args.max_users)
                if users is None:
                    break
                people.sign_in(app, population, users, roster)
                # As bench.run does: wait (a bounded time) for other programs to quieten,
                # and keep the share they still used beside the step's figures.
                others = machine.wait_for_quiet()
                _say(f"  {users} users: {args.ramp} s to start them, {args.measure} s measured")
                result = step.run(
                    base, users, args.ramp, args.measure, roster, portal_cpu=portal_cpu
                )
                result["others_cpu_share_before"] = round(others, 2)
                measured.append(result)
                steps.append(step.as_step(result))
                _say("    " + report.step_line(result, steps[-1]))
                time.sleep(2)  # the last requests of the step drain before the next
        figure = search.figure(steps, args.max_users)
        return {
            "available": True,
            "data": {**loaded.summary(), "people": population.summary()},
            "steps": measured,
            "figure": {
                "users": figure.users,
                "requests_per_second": figure.step.requests_per_second if figure.step else None,
                "p95_ms": figure.step.p95_ms if figure.step else None,
                "limited_by": figure.limited_by,
            },
        }


def _locust_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("locust")
    except PackageNotFoundError:
        return "(not installed: pip install -e '.[dev]')"


def _say(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
