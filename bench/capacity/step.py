"""Run Locust once, headless, in its own process, at a number of users; read its figures.

Users are started over `ramp` seconds (so they do not all click at the same instant),
the figures are reset once all have started (`--reset-stats`), and measured for
`measure` seconds. Locust's own CPU time is read from the operating system once it has
exited (only the runner's children that have ended count, and the server has not), the
portal's from `bench.capacity.cpu`, and the whole machine's from /proc/stat: what is left
was other people's.
"""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import machine
from bench.capacity.search import Step

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
# Locust stops with failures in its stats and an exit code 1; 2 or more means it broke.
BROKEN_EXIT = 2


class StepError(RuntimeError):
    pass


def locust_command(host: str, users: int, ramp: int, measure: int, csv_prefix: Path) -> list:
    spawn_rate = max(users / max(ramp, 1), 1.0)
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        f"{spawn_rate:.2f}",
        "--run-time",
        f"{ramp + measure}s",
        "--reset-stats",
        "--csv",
        str(csv_prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "1",
    ]


def run(
    host: str,
    users: int,
    ramp: int,
    measure: int,
    people: Path,
    think: tuple[float, float] | None = None,
    portal_cpu: Callable[[], float] | None = None,
) -> dict:
    """Locust at `users` users: the figures for the search, per page, and CPU shares.

    `think` replaces the users' 5 to 15 s between actions: for the smoke test only.
    `portal_cpu` gives the CPU seconds the portal (server and database) has used so far.
    """
    with tempfile.TemporaryDirectory(prefix="bench-locust-") as folder:
        prefix = Path(folder) / "step"
        env = {**os.environ, "BENCH_CAPACITY_PEOPLE": str(people), "PYTHONPATH": str(PROJECT_ROOT)}
        if think:
            env["BENCH_CAPACITY_THINK"] = f"{think[0]},{think[1]}"
        before_cpu = _children_cpu()
        before_portal = portal_cpu() if portal_cpu else 0.0
        before_ticks = machine._cpu_ticks()
        started = time.monotonic()
        finished = subprocess.run(
            locust_command(host, users, ramp, measure, prefix),
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=ramp + measure + 120,
            check=False,
        )
        wall = time.monotonic() - started
        after_ticks = machine._cpu_ticks()
        locust_cpu = _children_cpu() - before_cpu
        portal = (portal_cpu() - before_portal) if portal_cpu else None
        stats = prefix.with_name("step_stats.csv")
        if finished.returncode >= BROKEN_EXIT or not stats.exists():
            raise StepError(f"Locust failed ({finished.returncode}): {finished.stderr[-1500:]}")
        rows = _read(stats)
        failures = _failures(prefix.with_name("step_failures.csv"))
    busy, total = (a - b for a, b in zip(after_ticks, before_ticks, strict=True))
    cores = os.cpu_count() or 1
    machine_share = busy / total if total > 0 else None
    locust_share = locust_cpu / (wall * cores)
    portal_share = portal / (wall * cores) if portal is not None else None
    others = None
    if machine_share is not None and portal_share is not None:
        others = round(max(machine_share - locust_share - portal_share, 0.0), 3)
    total_row = rows.pop("Aggregated", None) or {"requests": 0, "failures": 0}
    return {
        "users": users,
        "requests": total_row["requests"],
        "errors": total_row["failures"],
        "p50_ms": total_row.get("p50_ms"),
        "p95_ms": total_row.get("p95_ms"),
        "p99_ms": total_row.get("p99_ms"),
        "requests_per_second": total_row.get("requests_per_second", 0.0),
        "pages": rows,
        "failures": failures,
        "seconds": round(wall, 1),
        "locust_cpu_share": round(locust_share, 3),
        "portal_cpu_share": round(portal_share, 3) if portal_share is not None else None,
        "machine_cpu_share": round(machine_share, 3) if machine_share is not None else None,
        "others_cpu_share": others,  # everyone else's, during the step
    }


def as_step(result: dict) -> Step:
    return Step(
        users=result["users"],
        requests=result["requests"],
        errors=result["errors"],
        p95_ms=result["p95_ms"],
        requests_per_second=result["requests_per_second"],
    )


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None  # Locust writes "N/A" for a percentile with no requests


def _read(path: Path) -> dict[str, dict]:
    rows = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "requests_per_second": round(_number(row["Requests/s"]) or 0.0, 2),
                "p50_ms": _number(row["50%"]),
                "p95_ms": _number(row["95%"]),
                "p99_ms": _number(row["99%"]),
            }
    return rows


def _failures(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [
            {"name": row["Name"], "error": row["Error"][:300], "count": int(row["Occurrences"])}
            for row in csv.DictReader(handle)
        ][:10]
