"""POST /api/v1/cases opens a case for the client's force and invites the victim."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.auth.codes import hash_code
from portal.data.models import Case, Victim
from portal.extensions import db
from tests.log_watch import sensitive

NEW = {
    "reference": "RSO/26/5150",
    "offence_category": "rape",
    "force_country": "wales",
    "reported_on": "2026-11-30",
    "officer_email": None,
    "preferred_name": "Alex",
    "language": "cy",
    "channel": "email",
    "email": "alex@example.org",
}


def _cases() -> int:
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(Case))


def test_a_new_case_is_opened_for_the_clients_force_with_an_activation_code(other, officer):
    answer = other.post("/api/v1/cases", {**NEW, "officer_email": officer.email})

    assert answer.status_code == 201, answer.json
    sensitive(answer.json["activation_code"])
    case = db.session.scalar(select(Case))
    assert answer.json["id"] == str(case.id) and answer.json["reference"] == "RSO/26/5150"
    assert case.force_code == "other" and case.force_country == "wales"
    assert case.officer_id == officer.id
    assert case.reported_on.isoformat() == "2026-11-30"
    victim = db.session.get(Victim, case.victim_id)
    assert victim.language == "cy" and victim.preferred_name == "Alex"
    # The code in the answer is the one the victim activates with (stored only hashed).
    assert victim.activation_code_hash == hash_code(answer.json["activation_code"])
    # Opened by the other force's system: only it may send events about the case.
    assert other.event("RSO/26/5150").status_code == 201


def test_the_home_force_cannot_send_events_to_a_case_the_other_force_opened(other, home, officer):
    other.post("/api/v1/cases", {**NEW, "officer_email": officer.email})
    assert home.event("RSO/26/5150").status_code == 404


def test_a_reference_that_exists_is_refused_naming_it(home, case, officer):
    answer = home.post(
        "/api/v1/cases", {**NEW, "reference": "rso/26/0707", "officer_email": officer.email}
    )
    assert answer.status_code == 409 and answer.json["field"] == "reference"
    assert _cases() == 1


def test_an_unknown_or_disabled_officer_is_refused_naming_the_field(home, officer):
    answer = home.post("/api/v1/cases", {**NEW, "officer_email": "nobody@force.example"})
    assert answer.status_code == 422 and answer.json["field"] == "officer_email"
    officer.is_disabled = True
    db.session.commit()
    answer = home.post("/api/v1/cases", {**NEW, "officer_email": officer.email})
    assert answer.status_code == 422 and answer.json["field"] == "officer_email"
    assert _cases() == 0


def test_missing_or_wrong_fields_are_named(home, officer):
    good = {**NEW, "officer_email": officer.email}
    cases = [
        ({**good, "offence_category": "burglary"}, "offence_category"),
        ({**good, "email": "not an email"}, "email"),
        ({k: v for k, v in good.items() if k != "email"}, "email"),  # the channel needs it
        ({**good, "channel": "text", "phone": "call me"}, "phone"),
        ({k: v for k, v in good.items() if k != "preferred_name"}, "preferred_name"),
        ({**good, "reference": "RSO 26 5150 !"}, "reference"),
    ]
    for payload, field in cases:
        answer = home.post("/api/v1/cases", payload)
        assert answer.status_code == 422, (field, answer.json)
        assert answer.json["field"] == field
    assert _cases() == 0


def test_text_no_database_or_encryption_can_hold_is_refused_naming_the_field(home, officer):
    good = {**NEW, "officer_email": officer.email}
    cases = [
        ({**good, "officer_email": "ada\x00@force.example"}, "officer_email"),
        ({**good, "preferred_name": "Al\x00ex"}, "preferred_name"),
        ({**good, "preferred_name": "Al\ud8d4ex"}, "preferred_name"),
    ]
    for payload, field in cases:
        answer = home.post("/api/v1/cases", payload)
        assert answer.status_code == 422, (field, answer.json)
        assert answer.json["field"] == field
    assert _cases() == 0


def test_the_report_date_is_required_real_and_not_in_the_future(home, officer):
    """The referral to support runs from the day of the report: without a true one, no case."""
    for given in (None, "30/11/2026", "2026-02-30", "2999-01-01"):
        body = {**NEW, "officer_email": officer.email, "reported_on": given}
        answer = home.post("/api/v1/cases", body)
        assert answer.status_code == 422, given
        assert answer.json["field"] == "reported_on"
    assert _cases() == 0
