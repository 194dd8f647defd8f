"""Two portal instances on one PostgreSQL and one Redis behave as one service.

Each instance is a separate gunicorn process on its own port, as two app hosts behind a
load balancer would be: a session started on one is good on the other, the per-address
limit and the delay after wrong tries are counted across both, and two notification workers
running at once send each notification exactly once.

Needs PostgreSQL (PORTAL_DATABASE_URL) and Redis; `.ci/run` provides both. Without
them these tests are skipped with the command that runs them.
"""

from __future__ import annotations

import os
import subprocess
from types import SimpleNamespace

import pytest
import redis

from portal.auth import throttle
from portal.data.models import Channel, Notification, NotificationStatus, Victim
from portal.extensions import db
from tests import factories
from tests.factories import PASSPHRASE
from tests.scale.servers import Server, new_browser, portal_command, post_form, stop

pytestmark = pytest.mark.scale_out

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
WORKER_SECONDS = 120
HOW_TO_RUN = (
    "needs PostgreSQL and Redis. Run: createdb -h 127.0.0.1 -U postgres portal_scale && "
    "PORTAL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/portal_scale "
    "PORTAL_TEST_REDIS_URL=redis://127.0.0.1:6379/15 "
    ".venv/bin/python -m pytest -p no:cacheprovider tests/scale (or .ci/run, which does both)"
)
WRONG = "not the passphrase at all, sorry"


def _redis_or_none() -> redis.Redis | None:
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
        client.ping()
    except redis.RedisError:
        return None
    return client


@pytest.fixture(scope="module")
def shared_services(app):
    """The one database and the one Redis both instances use; skipped when missing."""
    # Row locks and a shared Redis are what is tested: SQLite has neither. The PostgreSQL
    # half of .ci/run always runs these.
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("Scale-out " + HOW_TO_RUN)
    store = _redis_or_none()
    if store is None:
        message = f"Redis does not answer at {REDIS_URL}: scale-out " + HOW_TO_RUN
        # Asked for by name (CI sets it): a Redis that is down is a failure, not a skip.
        if "PORTAL_TEST_REDIS_URL" in os.environ:
            pytest.fail(message)
        pytest.skip(message)
    env = {
        "PORTAL_ENV": "test",
        "PORTAL_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "PORTAL_RATELIMIT_STORAGE_URL": REDIS_URL,
    }
    yield env, store
    store.close()


@pytest.fixture(scope="module")
def two_instances(shared_services):
    env, _ = shared_services
    servers = []
    try:
        servers = [Server(env), Server(env)]
        for server in servers:
            server.wait_until_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def instances(two_instances, shared_services):
    """Both instances, with the shared rate-limit store emptied (this test's Redis db)."""
    shared_services[1].flushdb()
    return two_instances


@pytest.fixture
def victim(app_context):
    """Who signs in: only the id and access ID, since the instances change the row."""
    victim = factories.make_victim(preferred_name="Sam")
    factories.make_case(victim=victim)
    signing_in = SimpleNamespace(id=victim.id, access_id=victim.access_id)
    db.session.remove()
    return signing_in


def _sign_in(browser, server, identifier: str, passphrase: str):
    return post_form(
        browser, server, "/sign-in", {"identifier": identifier, "passphrase": passphrase}
    )


def test_a_victim_signed_in_on_one_instance_is_signed_in_on_the_other(instances, victim):
    first, second = instances
    browser = new_browser()
    signed_in = _sign_in(browser, first, victim.access_id, PASSPHRASE)
    assert signed_in.status_code == 303
    assert signed_in.headers["Location"].endswith("/my/")

    home = browser.get(second.url("/my/"), allow_redirects=False, timeout=30)
    assert home.status_code == 200
    assert "Sam" in home.text

    signed_out = post_form(browser, second, "/sign-out", {}, from_path="/my/")
    assert signed_out.status_code == 303
    after = browser.get(first.url("/my/"), allow_redirects=False, timeout=30)
    assert after.status_code in (302, 303), "a session ended on one instance lived on"


def test_the_per_address_limit_counts_tries_on_both_instances(instances, app_context):
    first, second = instances
    browser = new_browser()
    answers = [
        _sign_in(browser, first if n % 2 == 0 else second, "B-NOBODY-HERE", WRONG).status_code
        for n in range(50)  # the limit: 50 wrong tries per address in 15 minutes, 25 on each
    ]
    assert answers == [200] * 50, "a try within the limit was refused"
    assert _sign_in(browser, first, "B-NOBODY-HERE", WRONG).status_code == 429
    assert _sign_in(browser, second, "B-NOBODY-HERE", WRONG).status_code == 429


def test_the_delay_after_wrong_tries_counts_failures_on_both_instances(instances, victim):
    first, second = instances
    browser = new_browser()
    for n in range(throttle.FREE_TRIES):
        server = first if n % 2 == 0 else second
        assert _sign_in(browser, server, victim.access_id, WRONG).status_code == 200

    right_passphrase = _sign_in(browser, second, victim.access_id, PASSPHRASE)
    assert right_passphrase.status_code == 200, "an account inside its delay was signed in"
    assert throttle.must_wait(db.session.get(Victim, victim.id))


def test_two_workers_at_once_send_each_notification_exactly_once(
    shared_services, smtp_server, app_context
):
    env, _ = shared_services
    addresses = []
    for n in range(45):  # more than two batches, so both workers have work at once
        address = f"person{n}@example.org"
        victim = factories.make_victim(email=address, channel=Channel.EMAIL)
        factories.queue_notification(factories.make_case(victim=victim))
        addresses.append(address)
    db.session.remove()
    worker_env = {
        **env,
        "PORTAL_SMTP_HOST": "127.0.0.1",
        "PORTAL_SMTP_PORT": str(smtp_server.port),
        "PORTAL_SMTP_TLS": "none",
        "PORTAL_BASE_URL": "https://beacon.example.org",
    }
    workers = [portal_command(worker_env, "notifications", "send-due") for _ in range(2)]
    try:
        for worker in workers:
            _, errors = worker.communicate(timeout=WORKER_SECONDS)
            assert worker.returncode == 0, errors[-2000:]
    except subprocess.TimeoutExpired:
        pytest.fail(f"a notification worker did not finish within {WORKER_SECONDS} seconds")
    finally:
        for worker in workers:
            stop(worker)

    delivered = sorted(to for mail in smtp_server.received for to in mail["rcpt_tos"])
    assert delivered == sorted(addresses), "a notification was sent twice, or not at all"
    statuses = {n.status for n in db.session.scalars(db.select(Notification))}
    assert statuses == {NotificationStatus.SENT}
