"""In-process timing of the staff pages at 200 and at 2,000 team cases (no servers).

    .venv/bin/python -m bench.staff_timing --database sqlite --requests 30

Loads the benchmark's data into a throwaway database, then asks the Flask test client for
each page many times, signed in as each principal, and prints the mean time a request.
The figures are for comparing pages measured in the same process, not absolute speeds.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench import data, databases

PAGES = (
    ("caseload_200", "/staff/", "officer_load"),
    ("caseload_2000", "/staff/", "officer_big"),
    ("team_caseload_200", "/staff/", "supervisor_load"),
    ("team_caseload_2000", "/staff/", "supervisor_big"),
    ("dashboard_200", "/staff/dashboard", "supervisor_load"),
    ("dashboard_2000", "/staff/dashboard", "supervisor_big"),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=databases.DATABASES, default="sqlite")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with databases.throwaway(args.database) as url:
        app = databases.migrated_app(url)
        started = time.perf_counter()
        with app.app_context():
            loaded = data.load()
        print(f"loaded {loaded.cases} cases in {time.perf_counter() - started:.1f} s")
        databases.analyze(app)
        for key, path, who in PAGES:
            print(f"{key:22} {_time(app, path, loaded, who, args.requests):8.1f} ms")
        databases.release(app)


def _time(app, path: str, loaded, who: str, requests: int) -> float:
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], data.cookie_for(app, loaded.tokens[who]))
    response = client.get(path)  # once first: the session's once-a-minute write
    assert response.status_code == 200, (path, who, response.status_code)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return 1000 * statistics.median(times)


if __name__ == "__main__":
    main()
