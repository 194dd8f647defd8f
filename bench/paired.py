"""One page of today's portal against this one, measured in turns: a ratio that drift
cannot flatter or spoil.

    .venv/bin/python -m bench.paired --database sqlite --page victim_home --rounds 8

`make bench` measures this portal's pages, then today's (bench/baseline.py), one after the
other. On a machine shared with others, the speed can drift between the two, and the
ratio moves with it. Here both portals are served at once, against the same database, and
`wrk` drives each in turn for a few seconds, the order swapped every round (this, today;
today, this; ...). Each round gives a ratio of two figures taken side by side; the median
of the rounds is printed with every round's figures.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics

from bench import baseline, data, databases, load, pages, server


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.paired")
    parser.add_argument("--database", choices=databases.DATABASES, default="sqlite")
    parser.add_argument("--page", choices=baseline.PAGES, default="victim_home")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=5, help="seconds of load per turn")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--postgres", default=databases.DEFAULT_POSTGRES)
    args = parser.parse_args()
    row = next(row for row in pages.PAGES if row.key == args.page)
    with databases.throwaway(args.database, args.postgres) as url:
        app = databases.migrated_app(url)
        with app.app_context():
            loaded = data.load()
        databases.analyze(app)
        ours = data.cookies_for(app, loaded)[row.signed_in_as]
        theirs = (
            app.config["SESSION_COOKIE_NAME"],
            baseline.bare_token_cookie(app, loaded.tokens[row.signed_in_as]),
        )
        path = pages.resolve(row.path, loaded.params.get(row.signed_in_as, {}))
        databases.release(app)
        env = databases.settings_env(url)
        with contextlib.ExitStack() as stack:
            project = stack.enter_context(baseline.checkout())
            today = stack.enter_context(
                server.serving("portal:create_app()", env, "/healthz", project=project)
            )
            this = stack.enter_context(server.serving("portal:create_app()", env, "/healthz"))
            turns = {"this": (this, ours), "today": (today, theirs)}
            figures: dict[str, list[float]] = {"this": [], "today": []}
            for number in range(args.rounds):
                order = ("this", "today") if number % 2 == 0 else ("today", "this")
                for name in order:
                    base, cookie = turns[name]
                    result = load.run(
                        base + path, load.headers_for(cookie, True), args.seconds, args.connections
                    )
                    figures[name].append(result.requests_per_second)
                ratio = figures["this"][-1] / figures["today"][-1]
                print(
                    f"round {number + 1}: this {figures['this'][-1]:.0f} req/s, "
                    f"today {figures['today'][-1]:.0f} req/s, ratio {ratio:.2f}",
                    flush=True,
                )
    ratios = [mine / old for mine, old in zip(figures["this"], figures["today"], strict=True)]
    print(
        f"{row.label} on {args.database}: median ratio {statistics.median(ratios):.2f} "
        f"(from {min(ratios):.2f} to {max(ratios):.2f} over {args.rounds} rounds); "
        f"median this {statistics.median(figures['this']):.0f} req/s, "
        f"today {statistics.median(figures['today']):.0f} req/s"
    )


if __name__ == "__main__":
    main()
