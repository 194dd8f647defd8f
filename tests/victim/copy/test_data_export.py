"""The subject access export: every record about the victim, and nothing about anyone else."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.data.models import AuditEvent, StaffRole, StaffUser, utcnow
from portal.data.outbox import enqueue_for_update
from portal.data.victim_tables import BY_NAME, TABLES, Under, VictimTable
from portal.extensions import db
from portal.rules import complaints
from portal.rules import feedback as answers
from portal.rules import review as rules
from portal.rules.support_grants import invite
from portal.victim.copy.export import SHOWN, export
from tests import factories
from tests.data.records import one_of_everything, owned_rows_by_table
from tests.log_watch import sensitive
from tests.sign_in import sign_in

REVIEW_NOTE = "Please look again at what my neighbour saw."
COMPLAINT = "Nobody called me back for three weeks."
CLARITY_COMMENT = "I did not understand what the lab means."
INVITED = "my.friend@example.org"
sensitive(INVITED)


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
    from portal.data import audit

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


def _decision(case, text="We will not charge him."):
    return factories.make_update(
        case, text, event_type="no_further_action", published_at=utcnow(), read_at=utcnow()
    )


@pytest.fixture
def voice(case, history):
    """The victim's own voice, through the portal's own functions: a review request (then
    acknowledged and decided by a supervisor), a complaint request (passed on), an answer
    to "Was this clear?" with a comment, and a monthly check."""
    victim = case.victim
    supervisor = factories.make_staff(
        role=StaffRole.SUPERVISOR,
        display_name="DS Rowena Quillfeather",
        email="rowena.quillfeather@force.example",
    )
    review = rules.request_review(victim, _decision(case), REVIEW_NOTE, utcnow())
    rules.acknowledge(review, date(2026, 3, 2), supervisor)
    rules.decide(review, date(2026, 3, 20), "upheld", supervisor)
    complaint = complaints.request_complaint(victim, case, COMPLAINT, utcnow())
    complaints.pass_on(complaint, supervisor, utcnow())
    clarity = answers.record_clarity(history["updates"][2], "partly", CLARITY_COMMENT, utcnow())
    check = answers.offer_monthly_check(victim, case.id, utcnow())
    answers.record_check(
        check, {"kept_informed": "4", "respect": "5", "fairness": "3"}, False, utcnow()
    )
    return {
        "supervisor": supervisor,
        "review": review,
        "complaint": complaint,
        "clarity": clarity,
        "check": check,
    }


def test_the_export_holds_the_victims_own_voice_in_their_own_words(signed_in, case, voice):
    data, raw, _response = _export(signed_in)
    [exported_case] = data["cases"]

    [review] = exported_case["review_requests"]
    assert review["id"] == str(voice["review"].id)
    assert review["note"] == REVIEW_NOTE  # decrypted: it is the victim's own text
    assert review["acknowledged_on"] == "2026-03-02"
    assert review["decided_on"] == "2026-03-20"
    assert review["outcome"] == "upheld"
    assert review["late"] is False
    for deadline in ("request_deadline", "acknowledge_by", "decide_by"):
        assert review[deadline]
    [complaint] = exported_case["complaint_requests"]
    assert complaint["body"] == COMPLAINT
    assert complaint["passed_on_at"]
    [clarity] = exported_case["clarity_answers"]
    assert clarity["answer"] == "partly"
    assert clarity["comment"] == CLARITY_COMMENT
    assert clarity["update_id"] == str(voice["clarity"].update_id)
    [check] = data["monthly_checks"]
    assert (check["kept_informed"], check["respect"], check["fairness"]) == (4, 5, 3)
    assert check["skipped"] is False
    assert check["period"] == voice["check"].period
    actions = {event["action"] for event in data["activity_record"]}
    assert {"review.requested", "review.acknowledged", "review.decided"} <= actions
    assert {"complaint.requested", "complaint.passed_on"} <= actions
    outcome = next(e for e in data["activity_record"] if e["action"] == "review.decided")
    assert outcome["detail"] == {"outcome": "upheld"}

    # The supervisor is never named to the victim for these steps, so not here either.
    supervisor = voice["supervisor"]
    for foreign in ("Quillfeather", supervisor.email, str(supervisor.id)):
        assert foreign not in raw, foreign


def test_the_supporters_view_of_shared_updates_is_in_the_record(signed_in, case, history):
    """The victim sees who read what through a grant: the views are in the export too,
    under the grant's id, with the supporter only as "supporter"."""
    from portal.rules.support_grants import record_view

    grant = factories.share_with(case.victim, label="Jo, my ISVA")
    record_view(grant.supporter, grant, history["updates"][2])
    data, raw, _response = _export(signed_in)

    [view] = [e for e in data["activity_record"] if e["action"] == "supporter.viewed_update"]
    assert view["by"] == "supporter"
    assert view["subject_id"] == str(grant.id)
    assert view["detail"] == {"update": str(history["updates"][2].id)}
    assert [g["label"] for g in data["people_you_share_with"]] == ["Jo, my ISVA"]
    assert str(grant.supporter_id) not in raw
    assert grant.supporter.access_id not in raw


# -- Every record: every table in the registry, every row and every column -----------------
#
# Which tables hold a victim's data, and where the export gives each, is the registry's
# (portal/data/victim_tables.py); tests/data/test_victim_tables.py fails on a table about a
# victim that is not in it. Here: every row of every registered table is in the export, in
# the sections the registry names, and every column is either given or left out on purpose.


def _exported(data: dict, entry: VictimTable) -> list[dict]:
    """The records the export gives for `entry`, in every section the registry names."""
    cases = data[BY_NAME["case"].exported_as[0].key]
    grants = data[BY_NAME["support_grant"].exported_as[0].key]
    rows = []
    for section in entry.exported_as:
        match section.under:
            case Under.TOP:
                value = data[section.key]
                rows += value if isinstance(value, list) else [value]
            case Under.CASE:
                rows += [row for case in cases for row in case[section.key]]
            case Under.GRANT:
                rows += [row for grant in grants for row in grant[section.key]]
    return rows


def test_the_export_gives_every_record_of_every_table_in_the_registry(app, victim):
    one_of_everything(app, victim)
    someone_else = factories.make_victim(preferred_name="Morwenna")
    one_of_everything(app, someone_else)
    data = export(victim)

    theirs = owned_rows_by_table(someone_else.id)
    for name, owned in owned_rows_by_table(victim.id).items():
        entry = BY_NAME[name]
        if not entry.exported_as:
            continue  # left out, for the reason the registry gives (tested below)
        exported = {row.get("id") for row in _exported(data, entry)}
        missing = [str(row_id) for row_id in owned if str(row_id) not in exported]
        assert not missing, f"{name}: records missing from the export: {missing}"
        foreign = [str(row_id) for row_id in theirs[name] if str(row_id) in exported]
        assert not foreign, f"{name}: someone else's records in the export: {foreign}"


def test_the_export_knows_how_to_show_every_table_the_registry_gives_it():
    given = {entry.name for entry in TABLES if entry.exported_as}
    assert given == {"victim", "case", *SHOWN}


# Columns given under another name: a member of staff appears by the name the portal
# already shows the victim, never by their account's id.
SHOWN_AS = {
    ("case", "officer_id"): "officer",
    ("case_update", "published_by_id"): "published_by",
    ("message", "staff_author_id"): "from",
    ("audit_event", "actor_kind"): "by",
}

# Columns deliberately left out, each with its reason. A new column that is neither in the
# export nor here fails the test, so adding a column means deciding about it.
SHOWN_BY_PLACE = "shown by where the record sits in the file (under its case, or under you)"
CHAIN = "the event's place and hashes in the audit log's chain: they say nothing about anyone"
STAFF_ACCOUNT = "a member of staff's account id: staff are named only as the portal names them"
# Copies the database keeps for the supervisors' dashboard (migration 0025).
COPIED_OFFICER = "a copy of the case's officer's account id, for staff dashboards: " + STAFF_ACCOUNT
COPIED_TEAM = "a copy of the id of the officer's team, for staff dashboards: nothing about her"
LEFT_OUT_COLUMNS = {
    "contact_pause": {"seen_by_id": STAFF_ACCOUNT, "case_officer_id": COPIED_OFFICER},
    "victim": {
        "email_index": "a keyed scramble of the email address, used only to sign in",
        "passphrase_hash": "a one-way scramble of the passphrase (said in not_included)",
        "activation_code_hash": "a one-way scramble of a setup code (said in not_included)",
    },
    "case": {
        "victim_id": SHOWN_BY_PLACE,
        "crime_reference_index": "a keyed scramble of the reference; the reference is given",
        "force_code": "which force's records system may send events about the case: the "
        "force's own record-keeping, nothing about the victim",
        "officer_team_id": COPIED_TEAM,
        "routine_frequency": "a copy of her choice of how often to hear from us, kept for staff "
        "dashboards; the choice itself is given with her contact choices",
    },
    "case_update": {
        "case_id": SHOWN_BY_PLACE,
        "idempotency_key": "a random key that stops a double click publishing twice",
    },
    "message": {
        "case_id": SHOWN_BY_PLACE,
        "case_officer_id": COPIED_OFFICER,
        "case_team_id": COPIED_TEAM,
    },
    "rights_record": {"case_id": SHOWN_BY_PLACE, "recorded_by_id": STAFF_ACCOUNT},
    "obligation": {
        "case_id": SHOWN_BY_PLACE,
        "recorded_by_id": STAFF_ACCOUNT,
        "case_officer_id": COPIED_OFFICER,
        "case_team_id": COPIED_TEAM,
    },
    "property_item": {"case_id": SHOWN_BY_PLACE, "recorded_by_id": STAFF_ACCOUNT},
    "officer_change": {
        "case_id": SHOWN_BY_PLACE,
        "from_officer_id": STAFF_ACCOUNT,
        "changed_by_id": STAFF_ACCOUNT,
        # Given as new_officer: the name she was told, not a staff account's id.
        "to_officer_id": STAFF_ACCOUNT,
    },
    "notification": {
        "case_id": SHOWN_BY_PLACE,
        "last_error": "the mail or text provider's own words, which may quote an address "
        "that is not the victim's (an officer's work email, for a reminder to them)",
        "claimed_by": "which of the portal's machines sent it",
        "claimed_until": "a sending machine's hold on the row",
        "grant_id": "shown by where the record sits in the file (an invitation by email "
        "sits under the grant it brought)",
        "invitation_code": "an invitation code waiting to be emailed: a secret that must never "
        "travel in a file (said in not_included), and NULL once the email is sent",
        "supporter_email": "the address an invitation is emailed to: the supporter's, not the "
        "victim's (like their access ID), and NULL once the email is sent",
        "staff_user_id": "set only on a message to a member of staff about their own "
        "account, which is never one of the victim's notifications",
        "request_id": "a random id joining the portal's log lines about the notification",
    },
    "review_request": {
        "case_id": SHOWN_BY_PLACE,
        "acknowledged_by_id": STAFF_ACCOUNT,
        "decided_by_id": STAFF_ACCOUNT,
    },
    "complaint_request": {"case_id": SHOWN_BY_PLACE, "passed_on_by_id": STAFF_ACCOUNT},
    "records_request": {
        "case_id": SHOWN_BY_PLACE,
        "recorded_by_id": STAFF_ACCOUNT,
        "answer_dealt_with_by_id": STAFF_ACCOUNT,
        "case_officer_id": COPIED_OFFICER,
    },
    "access_reissue": {
        "case_id": SHOWN_BY_PLACE,
        "requested_by_id": STAFF_ACCOUNT,
        "decided_by_id": STAFF_ACCOUNT,
    },
    "safety_record": {"case_id": SHOWN_BY_PLACE, "recorded_by_id": STAFF_ACCOUNT},
    "safety_report": {"case_id": SHOWN_BY_PLACE, "handled_by_id": STAFF_ACCOUNT},
    "update_feedback": {"case_id": SHOWN_BY_PLACE},
    "experience_check": {"victim_id": SHOWN_BY_PLACE},
    "support_grant": {
        "victim_id": SHOWN_BY_PLACE,
        "supporter_id": "the supporter's own account: their data, not the victim's",
        "invitation_code_hash": "a one-way scramble of an invitation code (in not_included)",
    },
    "auth_session": {
        "token_hash": "a one-way scramble of a sign-in cookie: no use to anyone, never sent",
        "principal_kind": SHOWN_BY_PLACE,
        "principal_id": SHOWN_BY_PLACE,
    },
    "audit_event": {
        "actor_id": "who acted may be a member of staff; `by` says what kind of person",
        "seq": CHAIN,
        "prev_hash": CHAIN,
        "row_hash": CHAIN,
    },
}


def test_every_column_of_every_table_in_the_registry_is_given_or_left_out_for_a_reason(app, victim):
    one_of_everything(app, victim)
    data = export(victim)

    for entry in TABLES:
        if not entry.exported_as:
            continue  # left out of the export, for the reason the registry gives
        exported = _exported(data, entry)
        assert exported, f"make at least one {entry.name!r} row for the victim in this test"
        keys = set().union(*(row.keys() for row in exported))
        left_out = LEFT_OUT_COLUMNS.get(entry.name, {})
        for column in entry.table.columns:
            shown_as = SHOWN_AS.get((entry.name, column.name), column.name)
            assert shown_as in keys or column.name in left_out, (
                f"{entry.name}.{column.name} is neither in the export nor left out on purpose"
            )
            assert not (shown_as in keys and column.name in left_out), (
                f"{entry.name}.{column.name} is said to be left out but is in the export"
            )
    # The addresses, left out as a table, are given with the victim's own events.
    addresses = {row["from_address"] for row in _exported(data, BY_NAME["audit_event"])}
    assert "192.0.2.7" in addresses
    # The allow-list names only real tables and columns, so it cannot go stale unseen.
    for name, columns in LEFT_OUT_COLUMNS.items():
        assert set(columns) <= {column.name for column in BY_NAME[name].table.columns}, name


def test_the_export_holds_no_other_persons_voice(client, case, voice):
    other_victim = factories.make_victim(preferred_name="Morwenna")
    other_case = factories.make_case(victim=other_victim)
    decision = _decision(other_case, "Not charged, for someone else.")
    # Through the portal's own functions, so the other person's audit events exist too.
    review = rules.request_review(other_victim, decision, "Morwenna's review note.", utcnow())
    complaint = complaints.request_complaint(
        other_victim, other_case, "Morwenna's complaint.", utcnow()
    )
    clarity = factories.make_clarity_answer(decision, "no", comment="Morwenna's comment.")
    check = factories.make_experience_check(
        other_case, voice["check"].period, kept_informed=1, answered_at=utcnow()
    )
    sign_in(client, case.victim)

    _data, raw, _response = _export(client)
    for foreign in (
        "Morwenna",
        str(review.id),
        str(complaint.id),
        str(clarity.id),
        str(check.id),
        str(decision.id),
        str(other_case.id),
    ):
        assert foreign not in raw, foreign


def test_a_skipped_monthly_check_is_in_the_export_as_skipped(signed_in, case):
    check = answers.offer_monthly_check(case.victim, case.id, datetime(2026, 2, 3, tzinfo=UTC))
    answers.record_check(check, {}, True, datetime(2026, 2, 3, 1, tzinfo=UTC))
    data, _raw, _response = _export(signed_in)
    [exported] = data["monthly_checks"]
    assert exported["skipped"] is True
    assert exported["period"] == "2026-02"
    assert exported["kept_informed"] is None


def test_an_invitation_by_email_is_in_the_export_without_its_code_or_address(signed_in, case):
    grant, code = invite(case.victim, "My friend", "trusted_person", "everything", INVITED)
    sensitive(code)
    data, raw, _response = _export(signed_in)

    [shared] = data["people_you_share_with"]
    assert shared["id"] == str(grant.id)
    [emailed] = shared["invitation_emails"]
    assert emailed["audience"] == "supporter" and emailed["status"] == "pending"
    assert code not in raw and INVITED not in raw
    [invited] = [e for e in data["activity_record"] if e["action"] == "sharing.invited"]
    assert invited["detail"] == {"scope": "everything", "by_email": True}
    assert data["cases"][0]["notifications"] == []
