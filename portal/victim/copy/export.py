"""A subject access export: every record the portal holds about one victim, as JSON.

Built from explicit lists of fields, never by dumping rows, so nothing about anyone else
slips in: staff appear only by the name the victim already sees, other people's
identifiers and addresses are left out, and secrets are named but never given (a
passphrase is kept only as a one-way hash, which is no use to anyone and is not included).

Which tables hold a victim's records, how their rows are reached and under which section
each is given is the registry's (portal/data/victim_tables.py), read by the retention purge
and the restore too: the export walks it, and shows each row through the list of fields
that SHOWN names for its table. Tests fail on a table with a victim's data that is missing
from the registry (tests/data/test_victim_tables.py), and on a registered row missing from
the export or a column neither exported nor deliberately left out
(tests/victim/copy/test_data_export.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from typing import NamedTuple

from sqlalchemy import select

from portal.data import victim_queries as queries
from portal.data import victim_tables
from portal.data.models import (
    AccessReissue,
    AuditEvent,
    AuthSession,
    Case,
    ComplaintRequest,
    ContactPause,
    ExperienceCheck,
    Message,
    Notification,
    Obligation,
    OfficerChange,
    PropertyItem,
    RecordsRequest,
    ReviewRequest,
    RightsRecord,
    SafetyRecord,
    SafetyReport,
    SupportGrant,
    Update,
    UpdateFeedback,
    Victim,
    utcnow,
)
from portal.data.victim_tables import Under, VictimTable
from portal.extensions import db

FORMAT = "beacon-personal-data"
VERSION = 1
NOT_INCLUDED = [
    "Your passphrase: we keep only a one-way scrambled form of it, which cannot be turned back.",
    "Codes you were given to set up or to invite someone: we keep only a scrambled form.",
    "An invitation code waiting to be emailed for you, and the address it is going to: we "
    "keep them, encrypted, only until the email is sent. The address is the other "
    "person's, and a code must never travel in a file.",
]


def _value(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _pick(row, *names: str) -> dict:
    return {name: _value(getattr(row, name)) for name in names}


def export(victim: Victim) -> dict:
    data = {"format": FORMAT, "version": VERSION, "generated_at": _value(utcnow())}
    for entry, section in victim_tables.sections(Under.TOP):
        data[section.key] = _top_section(entry, victim)
    data["not_included"] = NOT_INCLUDED
    return data


def _top_section(entry: VictimTable, victim: Victim):
    if entry.model is Victim:
        return _you(victim)
    if entry.model is Case:
        # Through the victim's own scoped query, as on every page of theirs: the same cases
        # as the registry's (those with the victim's victim_id).
        return [_case(case) for case in queries.cases(victim)]
    rows = _records(entry, victim_tables.of_victim(entry, victim.id))
    if entry.model is AuditEvent:  # shown from the victim's side: "you", or a kind of person
        return [_event(event, victim) for event in rows]
    return [SHOWN[entry.name].show(row) for row in rows]


def _records(entry: VictimTable, condition) -> list:
    order = SHOWN[entry.name].order
    query = select(entry.model).where(condition).order_by(order, entry.model.id)
    return list(db.session.scalars(query))


def _section(entry: VictimTable, condition) -> list[dict]:
    return [SHOWN[entry.name].show(row) for row in _records(entry, condition)]


def as_json(victim: Victim) -> bytes:
    return json.dumps(export(victim), ensure_ascii=False, indent=2).encode()


def _you(victim: Victim) -> dict:
    return _pick(
        victim,
        "id",
        "access_id",
        "preferred_name",
        "full_name",
        "email",
        "phone",
        "language",
        "terminology",
        "code_word",
        "channel",
        "routine_frequency",
        "quiet_hours_start",
        "quiet_hours_end",
        "voicemail_safe",
        "specific_notifications",
        "contact_via_isva",
        "isva_name",
        "isva_email",
        "plan_updated_at",
        "created_at",
        "activation_expires_at",
        "activated_at",
        "failed_attempts",
        "locked_until",
        "failures_to_tell",
        "is_disabled",
    )


def _case(case: Case) -> dict:
    data = _pick(
        case,
        "id",
        "crime_reference",
        "offence_category",
        "force_country",
        "enhanced_service",
        "status",
        "created_at",
        "closed_at",
        "last_contact_at",
        "reported_on",
    )
    data["officer"] = case.officer.display_name
    for entry, section in victim_tables.sections(Under.CASE):
        data[section.key] = _section(entry, victim_tables.in_case(entry, case.id))
    return data


def _rights(row: RightsRecord) -> dict:
    return _pick(row, "id", "offer", "offered_at", "response", "language", "note", "created_at")


def _officer_change(row: OfficerChange) -> dict:
    # The new officer by name, as the victim was told; staff account ids are not hers.
    data = _pick(row, "id", "update_id", "reason", "created_at")
    data["new_officer"] = row.to_officer.display_name
    return data


def _belonging(row: PropertyItem) -> dict:
    # What the police took, where it is, and what they said they would look at and why.
    return _pick(
        row,
        "id",
        "kind",
        "description",
        "basis",
        "taken_on",
        "scope_from",
        "scope_to",
        "scope_data",
        "scope_reason",
        "target_return_on",
        "status",
        "status_changed_at",
        "back_at",
        "created_at",
    )


def _duty(row: Obligation) -> dict:
    return _pick(
        row, "id", "event_type", "occurred_at", "due_at", "met_at", "met_by_update_id", "created_at"
    )


# Who was told and how, with what happened to each message. A delivery error is left out:
# it is the mail or text provider's own words, which may quote an address (an officer's
# work email, for a reminder to them). So are an emailed invitation's code (a secret that
# must never travel in a file) and the address it goes to (the supporter's, not the
# victim's, like their access ID; and both are gone once the email is sent).
def _notification(row: Notification) -> dict:
    return _pick(
        row,
        "id",
        "audience",
        "reason",
        "update_id",
        "message_id",
        "status",
        "channel",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "held_until",
        "routine_due_at",
    )


def _update(update: Update) -> dict:
    data = _pick(
        update,
        "id",
        "event_type",
        "created_at",
        "occurred_at",
        "published_at",
        "free_text",
        "language",
        "sensitive",
        "decided_by",
        "suspect_interviewed",
        "corrects_id",
        "read_at",
        "read_later_at",
        "call_requested_at",
    )
    data["published_by"] = update.published_by.display_name
    return data


def _message(message: Message) -> dict:
    data = _pick(message, "id", "kind", "from_victim", "update_id", "body", "created_at", "read_at")
    data.update(_pick(message, "reply_due_at", "answered_at"))
    data["from"] = "you" if message.from_victim else _staff_name(message)
    return data


def _staff_name(message: Message) -> str | None:
    return message.staff_author.display_name if message.staff_author else None


# The supervisor who acknowledged or decided a review, or passed a complaint on, is never
# named to the victim on the portal's pages, so not here either: only the dates and the
# outcome are the victim's.
def _review(row: ReviewRequest) -> dict:
    return _pick(
        row,
        "id",
        "update_id",
        "scheme",
        "requested_at",
        "told_at",
        "request_deadline",
        "acknowledge_by",
        "decide_by",
        "late",
        "note",
        "acknowledged_on",
        "decided_on",
        "outcome",
        "created_at",
    )


# Who asked for a new code and who approved it are staff accounts, named nowhere on the
# victim's pages: the dates, the reason and what became of it are the victim's.
def _reissue(row: AccessReissue) -> dict:
    return _pick(
        row,
        "id",
        "reason",
        "note",
        "status",
        "created_at",
        "decided_at",
        "used_at",
        "notice_seen_at",
        "disputed_at",
        "dispute_closed_at",
    )


def _complaint(row: ComplaintRequest) -> dict:
    return _pick(row, "id", "body", "created_at", "passed_on_at")


def _safety(row: SafetyRecord) -> dict:
    return _pick(
        row,
        "id",
        "release",
        "bail_date",
        "no_contact",
        "keep_away",
        "curfew",
        "other",
        "views",
        "views_not_asked",
        "recorded_at",
        "created_at",
    )


def _safety_report(row: SafetyReport) -> dict:
    return _pick(row, "id", "reported_at", "due_at", "handled_at", "created_at")


def _records_request(row: RecordsRequest) -> dict:
    # Who recorded it is a staff account, named on the case already: left out.
    return _pick(
        row,
        "id",
        "holder",
        "what",
        "reason",
        "who_will_see",
        "created_at",
        "read_at",
        "answer",
        "answer_text",
        "answered_at",
        "answer_dealt_with_at",
    )


def _clarity(row: UpdateFeedback) -> dict:
    return _pick(row, "id", "update_id", "answer", "comment", "answered_at", "created_at")


def _pause(row: ContactPause) -> dict:
    # Who read it is a staff account: when it was read is hers, not whose login it was.
    return _pick(
        row,
        "id",
        "case_id",
        "about",
        "choice",
        "until",
        "stage",
        "requested_at",
        "seen_at",
        "ended_at",
        "created_at",
    )


def _check(row: ExperienceCheck) -> dict:
    return _pick(
        row,
        "id",
        "case_id",
        "period",
        "created_at",
        "answered_at",
        "skipped",
        "kept_informed",
        "respect",
        "fairness",
    )


def _grant(grant: SupportGrant) -> dict:
    # The supporter's own account (their access ID) is theirs, not the victim's: left out.
    data = _pick(
        grant,
        "id",
        "label",
        "supporter_kind",
        "scope",
        "created_at",
        "invitation_expires_at",
        "accepted_at",
        "withdrawn_at",
    )
    # An invitation the victim asked us to email is a notification about the grant, with
    # no case: it sits here, under the grant it brought.
    for entry, section in victim_tables.sections(Under.GRANT):
        data[section.key] = _section(entry, victim_tables.in_grant(entry, grant.id))
    return data


def _session(row: AuthSession) -> dict:
    # The token's hash is left out: it is a scrambled form of a sign-in cookie, of no use
    # to the victim, and the one thing here that must never travel.
    return _pick(row, "id", "created_at", "last_seen_at", "ended_at", "end_reason")


# Records that belong to the victim's own data; any other subject (a staff account, say)
# is named by kind only.
OWN_SUBJECT_KINDS = {
    "victim",
    "case",
    "case_update",
    "message",
    "rights_record",
    "obligation",
    "officer_change",
    "property_item",
    "notification",
    "support_grant",
    "review_request",
    "complaint_request",
    "records_request",
    "access_reissue",
    "update_feedback",
    "experience_check",
    "contact_pause",
}
# Audit details are identifiers and choices; these say something about the victim's own
# records. Anything else (an officer's account id when a case moves, say) is left out.
OWN_DETAIL_KEYS = {
    "about",
    "again",
    "already_activated",
    "basis",
    "by_email",
    "choice",
    "code_stopped",
    "corrects",
    "country",
    "due_at",
    "event_type",
    "fields",
    "item_kind",
    "format",
    "language",
    "late",
    "offence",
    "offer",
    "on_time",
    "outcome",
    "reason",
    "response",
    "scope",
    "scoped",
    "sensitive",
    "status_after",
    "status_before",
    "set",
    "stage",
    "update",
}


def _event(event: AuditEvent, victim: Victim) -> dict:
    by_you = event.actor_kind == "victim" and event.actor_id == victim.id
    own_subject = event.subject_kind in OWN_SUBJECT_KINDS
    return {
        "id": _value(event.id),
        "occurred_at": _value(event.occurred_at),
        "action": event.action,
        "case_id": _value(event.case_id),
        "subject_kind": event.subject_kind,
        "subject_id": _value(event.subject_id) if own_subject else None,
        "detail": {k: v for k, v in (event.detail or {}).items() if k in OWN_DETAIL_KEYS},
        # Who acted, by kind only; an address only when it was the victim's own.
        "by": "you" if by_you else event.actor_kind,
        "from_address": event.remote_addr if by_you else None,
    }


class Shown(NamedTuple):
    order: object  # the column the records are given in order of (then by id)
    show: Callable  # the record's own list of fields


# How the rows of each table in the registry are shown. Not here: the victim's own
# account, the one row `_you` shows, and the cases, which come in the victim's own scoped
# query's order. An audit event is shown with the victim, to say "you" or a kind of person.
SHOWN = {
    "case_update": Shown(Update.published_at, _update),
    "message": Shown(Message.created_at, _message),
    "rights_record": Shown(RightsRecord.offered_at, _rights),
    "obligation": Shown(Obligation.due_at, _duty),
    "officer_change": Shown(OfficerChange.created_at, _officer_change),
    "property_item": Shown(PropertyItem.taken_on, _belonging),
    "notification": Shown(Notification.created_at, _notification),
    "review_request": Shown(ReviewRequest.requested_at, _review),
    "complaint_request": Shown(ComplaintRequest.created_at, _complaint),
    "records_request": Shown(RecordsRequest.created_at, _records_request),
    "access_reissue": Shown(AccessReissue.created_at, _reissue),
    "safety_record": Shown(SafetyRecord.recorded_at, _safety),
    "safety_report": Shown(SafetyReport.reported_at, _safety_report),
    "update_feedback": Shown(UpdateFeedback.answered_at, _clarity),
    "experience_check": Shown(ExperienceCheck.period, _check),
    "contact_pause": Shown(ContactPause.requested_at, _pause),
    "support_grant": Shown(SupportGrant.created_at, _grant),
    "auth_session": Shown(AuthSession.created_at, _session),
    "audit_event": Shown(AuditEvent.occurred_at, _event),
}
