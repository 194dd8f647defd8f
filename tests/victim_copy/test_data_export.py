"""The subject access export: every record about the victim, and nothing about anyone else."""

from __future__ import annotations

import json

from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, StaffUser
from portal.notifications.outbox import enqueue_for_update
from tests import factories
from tests.victim.conftest import sign_in


def _export(client) -> tuple[dict, str, object]:
    response = client.post("/my/copy/data", from_url="/my/copy/")
    assert response.status_code == 200
    raw = response.get_data(as_text=True)
    return json.loads(raw), raw, response


def test_the_export_holds_every_record_about_the_victim(signed_in, history, case):
    factories.share_with(case.victim, label="My sister")
    factories.make_obligation(case)
    enqueue_for_update(history["updates"][2], "update")
    db.session.commit()
    data, _raw, _response = _export(signed_in)

    you = data["you"]
    assert you["preferred_name"] == "Robin"
    assert you["full_name"] == "Robin Alderney"
    assert you["email"] == "robin.alderney@example.net"
    assert you["code_word"] == "kingfisher"
    assert you["access_id"] == case.victim.access_id
    [exported_case] = data["cases"]
    assert exported_case["crime_reference"] == "RSO/26/7711"
    assert [u["free_text"] for u in exported_case["updates"]] == [
        u.free_text for u in history["updates"]
    ]
    assert exported_case["updates"][1]["corrects_id"] == str(history["updates"][0].id)
    assert [m["body"] for m in exported_case["messages"]] == [m.body for m in history["messages"]]
    assert exported_case["rights_offered"][0]["response"] == "accepted"
    assert len(exported_case["duties_to_tell_you"]) == 1
    assert len(exported_case["notifications"]) == 1
    assert [g["label"] for g in data["people_you_share_with"]] == ["My sister"]
    assert data["sign_in_sessions"]  # this very session
    actions = {event["action"] for event in data["activity_record"]}
    assert "victim.signed_in" in actions


def test_the_export_holds_nothing_about_any_other_person(client, history, case):
    other_officer = factories.make_staff(display_name="DC Other Person")
    other_victim = factories.make_victim(
        preferred_name="Morwenna", full_name="Morwenna Tregarthen", email="morwenna@example.org"
    )
    other_case = factories.make_case(
        victim=other_victim, officer=other_officer, crime_reference="RSO/26/9988"
    )
    other_update = factories.make_update(other_case, "A charge decision for someone else.")
    other_message = factories.make_message(other_case, "Another person's private question.")
    other_grant = factories.share_with(other_victim, label="Morwenna's friend")
    factories.make_obligation(other_case)
    sign_in(client, other_victim)  # the other person's sessions and audit events exist too
    client.post("/my/copy/data", from_url="/my/copy/")
    client.post("/sign-out", from_url="/my/")

    sign_in(client, case.victim)
    _data, raw, _response = _export(client)
    for foreign in (
        str(other_victim.id),
        other_victim.access_id,
        "Morwenna",
        "Tregarthen",
        "RSO/26/9988",
        str(other_case.id),
        str(other_update.id),
        other_update.free_text,
        other_message.body,
        str(other_grant.id),
        str(other_grant.supporter_id),
        other_grant.supporter.access_id,
        "DC Other Person",
        str(other_officer.id),
    ):
        assert foreign not in raw, foreign
    # Staff accounts appear by the name the victim already sees, never by email or hash.
    for staff in db.session.scalars(select(StaffUser)):
        assert staff.email not in raw
        assert staff.password_hash not in raw
        assert str(staff.id) not in raw
    assert case.victim.passphrase_hash not in raw


def test_an_officer_reassignment_in_the_record_does_not_name_the_officers(signed_in, case):
    from portal import audit

    audit.record(
        "case.reassigned",
        case_id=case.id,
        subject=case,
        actor=case.officer,
        detail={"from": str(case.officer_id), "to": "someone-else"},
    )
    db.session.commit()
    _data, raw, _response = _export(signed_in)
    assert str(case.officer_id) not in raw
    assert "someone-else" not in raw


def test_the_export_is_an_attachment_never_cached_and_audited(signed_in, case):
    _data, _raw, response = _export(signed_in)
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith('.json"')
    for word in ("police", "case", "crime", "victim"):
        assert word not in disposition.lower()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "victim.data_exported"))
    assert event.subject_id == case.victim_id
