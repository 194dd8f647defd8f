"""The delay after wrong tries lives in the database, so every app instance sees the same count."""

from __future__ import annotations

import pytest

from portal.auth import throttle
from portal.data.models import Victim
from portal.extensions import db
from tests.factories import make_victim


@pytest.fixture
def second_instance(another_app):
    """Another app instance on the same database, as a second server would be."""
    return another_app()


def _fail_once(app, victim_id) -> None:
    with app.app_context():
        victim = db.session.get(Victim, victim_id)
        throttle.record_failure(victim)
        db.session.commit()
        db.session.remove()


def test_failures_on_two_instances_add_up_to_one_delay(app, second_instance):
    with app.app_context():
        victim_id = make_victim().id
        db.session.remove()
    for attempt in range(throttle.FREE_TRIES):
        _fail_once(app if attempt % 2 == 0 else second_instance, victim_id)
    for instance in (app, second_instance):
        with instance.app_context():
            assert throttle.must_wait(db.session.get(Victim, victim_id))
            db.session.remove()


def test_a_stale_copy_of_the_account_does_not_lose_a_failure(app, second_instance):
    with app.app_context():
        victim_id = make_victim().id
        stale = db.session.get(Victim, victim_id)  # loaded before the other instance fails
        _fail_once(second_instance, victim_id)
        throttle.record_failure(stale)
        db.session.commit()
        assert stale.failed_attempts == 2
        db.session.remove()
