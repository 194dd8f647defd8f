"""The registry of tables that hold a victim's data: complete, and true to the schema.

The retention purge, the export and the restore each read it; the tests beside each of
them show that it covers every table here (tests/data/test_retention.py for the purge,
tests/data/test_backup.py for the restore, tests/victim/copy/test_data_export.py for the
export).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Column, ForeignKey, MetaData, Table, Uuid

from portal.data.models import Base, Victim
from portal.data.victim_tables import BY_NAME, TABLES, Reach, VictimTable

# A column that names a victim, a case or a sign-in, with or without a foreign key: the
# audit log's case_id has none (the log outlives the case), nor has a sign-in's principal_id
# (it names a victim or a member of staff).
NAMING_COLUMNS = {"victim_id", "case_id", "principal_id"}


def tables_about_a_victim(metadata: MetaData) -> set[str]:
    """Every table that refers to a victim, directly or through another table that does
    (a case, a support grant, an update...), or names one by a column with no foreign key."""
    found = {"victim"}
    while True:
        more = {
            table.name
            for table in metadata.sorted_tables
            if table.name not in found
            and (
                any(fk.column.table.name in found for fk in table.foreign_keys)
                or any(column.name in NAMING_COLUMNS for column in table.columns)
            )
        }
        if not more:
            return found
        found |= more


def test_every_table_about_a_victim_is_in_the_registry_and_nothing_else_is():
    about_a_victim = tables_about_a_victim(Base.metadata)
    assert {"victim", "case", "notification", "audit_event", "auth_session"} <= about_a_victim
    missing = sorted(about_a_victim - set(BY_NAME))
    assert not missing, (
        f"{missing} hold a victim's data but are not in portal/data/victim_tables.py: add "
        "each, saying how its rows are reached, where the export shows them and whether the "
        "purge removes them, so that retention, the export and the restore all know of it"
    )
    assert set(BY_NAME) <= about_a_victim, "the registry names a table with no victim's data"
    assert len(BY_NAME) == len(TABLES), "a table is in the registry twice"


def test_the_walk_finds_a_new_table_that_refers_to_a_victim_directly_or_through_another():
    metadata = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(metadata)
    Table(
        "victim_note",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("written_for", ForeignKey("victim.id")),
    )
    Table(
        "update_photo",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("update_id", ForeignKey("case_update.id")),
    )
    Table("staff_note", metadata, Column("id", Uuid, primary_key=True), Column("text", Uuid))

    assert tables_about_a_victim(metadata) - set(BY_NAME) == {"victim_note", "update_photo"}


# The columns through which each way of reaching a victim's rows runs.
COLUMNS_OF = {
    Reach.ITSELF: {"id"},
    Reach.VICTIM: {"victim_id"},
    Reach.CASE: {"case_id"},
    Reach.GRANT: {"grant_id"},
    Reach.SIGN_IN: {"principal_kind", "principal_id"},
    Reach.AUDIT: {"actor_kind", "actor_id", "subject_kind", "subject_id", "case_id"},
    Reach.ADDRESS: {"event_id"},
}
# A foreign key to one of these must be a declared way to reach the row: the purge removes
# a row by it before the row it points at.
REACH_BY_FOREIGN_KEY = {"victim": Reach.VICTIM, "case": Reach.CASE, "support_grant": Reach.GRANT}


def test_each_table_is_reached_through_columns_it_has_and_by_every_key_to_a_victim():
    for entry in TABLES:
        columns = {column.name for column in entry.table.columns}
        for reach in entry.reached:
            assert COLUMNS_OF[reach] <= columns, f"{entry.name} has no columns for {reach}"
        for fk in entry.table.foreign_keys:
            reach = REACH_BY_FOREIGN_KEY.get(fk.column.table.name)
            assert reach is None or reach in entry.reached, (
                f"{entry.name}.{fk.parent.name} points at a {fk.column.table.name}: "
                f"add {reach} to how its rows are reached"
            )


def test_a_table_cannot_be_registered_with_no_export_section_and_no_reason():
    for entry in TABLES:
        assert entry.exported_as or entry.left_out_of_export.strip(), entry.name
    with pytest.raises(ValueError, match="say why it is left out"):
        VictimTable(Victim, (Reach.ITSELF,))


def test_the_purge_keeps_only_the_audit_log_and_says_why():
    kept = {entry.name: entry.kept_by_purge for entry in TABLES if not entry.purged}
    assert set(kept) == {"audit_event"}
    assert "append-only" in kept["audit_event"]


def test_no_two_sections_of_the_export_in_one_place_share_a_name():
    places = [(section.under, section.key) for entry in TABLES for section in entry.exported_as]
    assert len(places) == len(set(places))
