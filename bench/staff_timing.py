"""In-process timing of the staff pages at 200 and at 2,000 team cases (no servers).

    .venv/bin/python -m bench.staff_timing --database sqlite --requests 30

Loads the benchmark's data into a throwaway database, then asks the Flask test client for
each page many times, signed in as the principal of the small team and of the big one in
turn (so both see the same load from anything else on the machine), and prints the
median and the fastest time a request, and the speed at 2,000 as a share of that at 200.
The figures are for comparing pages measured in the same process, not absolute speeds.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench import data, databases

# (name, path, principal at 200 cases, principal at 2,000)
PAIRS = (
    ("caseload", "/staff/", "officer_load", "officer_big"),
    ("dashboard", "/staff/dashboard", "supervisor_load", "supervisor_big"),
    ("team caseload", "/staff/", "supervisor_load", "supervisor_big"),
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
        for name, path, small, big in PAIRS:
            at_200, at_2000 = _time(app, path, loaded, (small, big), args.requests)
            print(
                f"{name:14} 200: median {statistics.median(at_200):6.1f} ms, "
                f"fastest {min(at_200):6.1f} | 2,000: median {statistics.median(at_2000):6.1f}"
                f" ms, fastest {min(at_2000):6.1f} | speed at 2,000 / at 200: "
                f"{statistics.median(at_200) / statistics.median(at_2000):.2f}"
            )
        databases.release(app)


def _time(app, path: str, loaded, who: tuple[str, str], requests: int):
    clients = []
    for key in who:
        client = app.test_client()
        cookie = data.cookie_for(app, loaded.tokens[key], loaded.principals[key][0])
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
        for _ in range(2):  # the session's once-a-minute write, and warm caches
            assert client.get(path).status_code == 200, (path, key)
        clients.append(client)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(requests):
        for client, found in zip(clients, times, strict=True):
            started = time.perf_counter()
            response = client.get(path)
            found.append(1000 * (time.perf_counter() - started))
            assert response.status_code == 200
    return times


if __name__ == "__main__":
    main()
