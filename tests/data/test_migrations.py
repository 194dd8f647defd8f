"""The migrations build exactly the models' schema, on whichever database the suite uses."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from portal.data.database import render_migration_item
from portal.data.models import Base
from portal.extensions import db


def _differences():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_item": render_migration_item},
        )
        return compare_metadata(context, Base.metadata)


def test_migrations_produce_exactly_the_models_schema(app_context):
    assert _differences() == []


def test_migrations_go_down_to_nothing_and_back_up(app_context):
    downgrade(revision="base")
    with db.engine.connect() as connection:
        remaining = set(db.inspect(connection).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    upgrade()
    assert _differences() == []


def test_seeded_encrypted_data_survives_downgrade_and_upgrade(app_context):
    from sqlalchemy import select

    from portal.data.models import Update, Victim
    from tests.factories import make_case, make_update, make_victim

    case = make_case(victim=make_victim(preferred_name="Ffion"), crime_reference="RSO/26/4242")
    make_update(case, text="Mae dyddiad llys wedi'i bennu.")
    db.session.remove()
    downgrade(revision="0001")  # every later migration down, on data that exists
    upgrade()
    db.session.remove()
    assert db.session.scalar(select(Victim)).preferred_name == "Ffion"
    assert db.session.scalar(select(Update)).free_text == "Mae dyddiad llys wedi'i bennu."
    assert _differences() == []


def test_a_case_from_before_the_date_of_report_gets_the_london_day_it_was_created(
    app_context,
):
    """Migration 0013: older cases take their London creation day as the report date, and
    older decisions not to charge are marked as the police's."""
    from datetime import UTC, date, datetime

    from sqlalchemy import select

    from portal.data.models import Case, Update
    from tests.factories import make_case, make_update

    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    case = make_case(created_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    make_update(case, text="Not charged, because.", event_type="no_further_action")
    db.session.remove()
    downgrade(revision="0012")
    upgrade()
    db.session.remove()
    assert db.session.scalar(select(Case.reported_on)) == date(2026, 7, 1)
    assert db.session.scalar(select(Update.decided_by)) == "police"
    assert _differences() == []
