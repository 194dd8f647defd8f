"""The capacity run's locustfile, for a few seconds, against a real server.

27 signed-in users (victims, officers, a supervisor) with under a second of
thought instead of 5 to 15 s, so that every action happens: reading pages,
asking a question and publishing an update through the real forms with their CSRF
tokens. Not one request may fail: a failure here would be counted as the host's in the
capacity figure. Runs Locust in its own process, as the capacity run does; SQLite.
"""

from __future__ import annotations

import importlib.util
import os
from functools import partial

import pytest

from bench import data, databases, server
from bench.capacity import cpu, mix, people, step

HOW_TO_RUN = (
    "Locust is not installed. Run: .venv/bin/python -m pip install -e '.[dev]' (it is in "
    "the dev extras), then .venv/bin/python -m pytest tests/scale/test_capacity_smoke.py"
)
# One of each weight: 18 victims, 8 officers, 1 supervisor (fewer, and Locust may start
# no supervisor at all: it shares users out by weight).
USERS = sum(mix.weights().values())
SECONDS = 12
THINK = (0.5, 1.0)
# Every kind of action: the request names the locustfile gives them.
EXPECTED = {
    "victim": {"home", "an update", "rights", "a guide", "questions", "send a question"},
    "officer": {
        "caseload",
        "a case",
        "update form",
        "update preview",
        "publish",
        "published update",
    },
    "supervisor": {"dashboard"},
}

pytestmark = pytest.mark.skipif(importlib.util.find_spec("locust") is None, reason=HOW_TO_RUN)


@pytest.fixture
def bench_server(tmp_path, monkeypatch):
    """A benchmark database with a little data, served by gunicorn; its people signed in."""
    # The server is started from this environment: the test suite's own PORTAL_ settings
    # (its database, keys) must not reach it, or the cookies signed here would not match.
    for name in [name for name in os.environ if name.startswith("PORTAL_")]:
        monkeypatch.delenv(name)
    with databases.throwaway("sqlite") as url:
        app = databases.migrated_app(url)
        with app.app_context():
            data.load(cases=60, teams=2, officers_per_team=3)
        population = people.find(app)
        roster = tmp_path / "people.json"
        people.sign_in(app, population, USERS, roster)
        databases.release(app)
        with server.serving("portal:create_app()", databases.settings_env(url), "/healthz") as base:
            yield base, roster, population


def test_every_kind_of_user_does_every_action_without_one_failure(bench_server):
    base, roster, population = bench_server
    assert population.guides, "no easy-read guides found: the victims would read none"
    portal_cpu = partial(cpu.portal_seconds, None)  # SQLite: the server is all of it
    result = step.run(
        base, USERS, ramp=1, measure=SECONDS, people=roster, think=THINK, portal_cpu=portal_cpu
    )
    assert result["errors"] == 0, result["failures"]
    assert result["requests"] > 0
    done: dict[str, set[str]] = {kind: set() for kind in EXPECTED}
    for name, row in result["pages"].items():
        kind, action = name.split(": ", 1)
        assert row["failures"] == 0, (name, result["failures"])
        if row["requests"]:
            done[kind].add(action)
    for kind, actions in EXPECTED.items():
        assert actions <= done[kind], f"{kind}s never did: {sorted(actions - done[kind])}"
    # The CPU shares are measured, not left empty: the server and Locust both worked.
    assert 0 < result["locust_cpu_share"] <= 1
    assert 0 < result["portal_cpu_share"] <= 1
