"""One record of every kind a victim can have, and a way to find them from the schema alone.

Shared by the tests that show the retention purge, the export and the restore each cover
every table in the registry (portal/data/victim_tables.py). The rows are found here from
the columns, not from the registry, so a registry that reached rows wrongly would show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select

from portal.data import audit
from portal.data.models import Base, CaseStatus, OfferResponse, RightsRecord, Victim, utcnow
from portal.data.victim_tables import TABLES
from portal.extensions import db
from portal.rules.support_grants import invite
from tests import factories
from tests.log_watch import sensitive
from tests.sessions import signed_in_cookie


def one_of_everything(app, victim: Victim, closed_days_ago: int | None = None) -> dict:
    """A case for `victim` with at least one row in every table of the registry: closed
    `closed_days_ago` days ago if given, open if not. Returns what it made, by table."""
    fields = {}
    if closed_days_ago is not None:
        fields = {
            "status": CaseStatus.CLOSED,
            "closed_at": utcnow() - timedelta(days=closed_days_ago),
        }
    case = factories.make_case(victim=victim, **fields)
    arrest = factories.make_update(case, "We arrested a man.", event_type="suspect_arrested")
    correction = factories.make_update(case, "Correction: on Wednesday.", corrects=arrest)
    decision = factories.make_update(
        case, "We will not charge him.", event_type="no_further_action", published_at=utcnow()
    )
    rights = RightsRecord(
        case=case,
        offer="support_referral",
        offered_at=datetime(2026, 2, 3, 11, tzinfo=UTC),
        response=OfferResponse.ACCEPTED,
        recorded_by_id=case.officer_id,
    )
    db.session.add(rights)
    grant = factories.share_with(victim, label="Jo, my ISVA")
    invited, code = invite(victim, "My friend", "trusted_person", "everything", "f@example.org")
    sensitive(code)
    # In a request, so that the event has an address (kept beside the log, in audit_address).
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        audit.record("test.about_the_victim", case_id=case.id, subject=victim, actor=victim)
    db.session.commit()
    signed_in_cookie(app, victim)
    made = {
        "case": case,
        "case_update": [arrest, correction, decision],
        "message": factories.make_message(case, "When will I hear?"),
        "rights_record": rights,
        "obligation": (duty := factories.make_obligation(case)),
        "records_event": factories.make_records_event(case, duty, arrest),
        "property_item": factories.make_property_item(case),
        "officer_change": factories.make_officer_change(case),
        "notification": factories.queue_notification(case),
        "review_request": factories.make_review_request(decision, note="Please look again."),
        "complaint_request": factories.make_complaint(case),
        "records_request": factories.make_records_request(case, answer="question"),
        "access_reissue": factories.make_reissue_request(case, note="She lost her bag."),
        "update_feedback": factories.make_clarity_answer(arrest, "partly", comment="Unclear."),
        "safety_record": factories.make_safety_record(case),
        "safety_report": factories.make_safety_report(case),
        "experience_check": factories.make_experience_check(case, "2026-02"),
        "contact_pause": factories.make_contact_pause(case),
        "support_grant": [grant, invited],
    }
    return made


def owned_rows(table, victim_id) -> list:
    """The ids (keys) of every row of `table` that is about the victim, found from the
    schema alone: by its victim_id, case_id or principal_id, or a foreign key to one of the
    victim's support grants or to an audit event about the victim."""
    columns = table.columns
    key = _key(table)
    if table.name == "victim":
        return [victim_id] if db.session.get(Victim, victim_id) else []
    cases = Base.metadata.tables["case"]
    grants = Base.metadata.tables["support_grant"]
    victims_cases = select(cases.c.id).where(cases.c.victim_id == victim_id)
    victims_grants = select(grants.c.id).where(grants.c.victim_id == victim_id)
    conditions = []
    if "victim_id" in columns:
        conditions.append(columns.victim_id == victim_id)
    if "case_id" in columns:
        conditions.append(columns.case_id.in_(victims_cases))
    if "principal_id" in columns:
        conditions.append(
            (columns.principal_id == victim_id) & (columns.principal_kind == "victim")
        )
    for fk in table.foreign_keys:
        if fk.column.table is grants:
            conditions.append(fk.parent.in_(victims_grants))
        if fk.column.table.name == "audit_event":
            conditions.append(fk.parent.in_(owned_rows(fk.column.table, victim_id)))
    return list(db.session.execute(select(key).where(or_(*conditions))).scalars())


def _key(table):
    (key,) = table.primary_key.columns
    return key


def owned_rows_by_table(victim_id) -> dict[str, list]:
    """`owned_rows` for every table in the registry, each of which must have some."""
    found = {entry.name: owned_rows(entry.table, victim_id) for entry in TABLES}
    empty = [name for name, rows in found.items() if not rows]
    assert not empty, f"make at least one row of {empty} in one_of_everything"
    return found


def still_there(table, ids: list) -> list:
    key = _key(table)
    return list(db.session.execute(select(key).where(key.in_(ids))).scalars())
