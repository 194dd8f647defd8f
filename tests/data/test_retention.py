"""The retention purge: closed cases past their time go, with every row of the victim's data."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.data import victim_tables
from portal.data.models import AuditEvent, Case, CaseStatus, Victim, utcnow
from portal.data.retention import purge
from portal.extensions import db
from tests.data.records import one_of_everything, owned_rows_by_table, still_there
from tests.factories import make_case, make_message, make_update, make_victim


def _closed_case(days_ago: int, **fields) -> Case:
    case = make_case(**fields)
    make_update(case, text="Closing the investigation.")
    make_message(case, body="Thank you.")
    case.status = CaseStatus.CLOSED
    case.closed_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return case


def test_retention_purges_old_closed_cases_and_keeps_an_audit_record(app_context):
    old = _closed_case(days_ago=800)
    recent = _closed_case(days_ago=10)
    still_open = make_case()
    old_id, old_victim = old.id, old.victim_id
    report = purge(retention_days=730)
    assert report.cases == 1 and report.victims == 1
    assert report.rows["case_update"] == 1 and report.rows["message"] == 1
    assert db.session.get(Case, old_id) is None
    assert db.session.get(Victim, old_victim) is None
    assert db.session.get(Case, recent.id) is not None
    assert db.session.get(Case, still_open.id) is not None
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "retention.purge" in actions and "retention.purge_case" in actions


def test_retention_dry_run_removes_nothing(app_context):
    old = _closed_case(days_ago=800)
    report = purge(retention_days=730, dry_run=True)
    assert report.cases == 1
    assert db.session.get(Case, old.id) is not None


def test_retention_keeps_a_victim_who_has_another_case(app_context):
    victim = make_victim()
    _closed_case(days_ago=800, victim=victim)
    make_case(victim=victim)
    assert purge(retention_days=730).victims == 0
    assert db.session.get(Victim, victim.id) is not None


def test_retention_removes_the_victims_rows_from_every_table_in_the_registry(app, app_context):
    """Every table that holds a victim's data (portal/data/victim_tables.py) loses the
    purged victim's rows, but for those the registry says the purge keeps, and why."""
    gone, stays = make_victim(), make_victim()
    one_of_everything(app, gone, closed_days_ago=800)
    one_of_everything(app, stays)
    gone_rows, staying_rows = owned_rows_by_table(gone.id), owned_rows_by_table(stays.id)

    report = purge(retention_days=730)
    assert report.cases == 1 and report.victims == 1
    for entry in victim_tables.TABLES:
        left = still_there(entry.table, gone_rows[entry.name])
        if entry.purged:
            assert left == [], f"the purge left {len(left)} {entry.name} rows behind"
        else:
            assert sorted(left) == sorted(gone_rows[entry.name]), entry.kept_by_purge
        assert sorted(still_there(entry.table, staying_rows[entry.name])) == sorted(
            staying_rows[entry.name]
        ), f"the purge removed {entry.name} rows of a victim whose case is open"


def test_a_retention_dry_run_counts_what_the_real_one_removes(app, app_context):
    victim = make_victim()
    one_of_everything(app, victim, closed_days_ago=800)
    updates = len(owned_rows_by_table(victim.id)["case_update"])
    counted = purge(retention_days=730, dry_run=True)
    assert counted.rows["case_update"] == updates  # a correction counted once, not twice
    assert purge(retention_days=730).rows == counted.rows


def test_feedback_about_the_website_is_kept_no_longer_than_a_victims_data(app_context):
    """People write more than they are asked: old feedback goes with the same purge."""
    from portal.data.models import ServiceFeedback

    old = ServiceFeedback(language="en", it_worked="no", created_at=utcnow() - timedelta(days=731))
    old.trying_to = "I wanted to see my update"
    new = ServiceFeedback(language="cy", it_worked="yes")
    db.session.add_all([old, new])
    db.session.commit()
    old_id, new_id = old.id, new.id
    assert purge(retention_days=730, dry_run=True).rows["service_feedback"] == 1
    assert db.session.get(ServiceFeedback, old_id) is not None
    assert purge(retention_days=730).rows["service_feedback"] == 1
    db.session.expire_all()
    assert db.session.get(ServiceFeedback, old_id) is None
    assert db.session.get(ServiceFeedback, new_id) is not None
