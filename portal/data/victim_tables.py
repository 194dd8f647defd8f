"""The registry of every table that holds a victim's data, and how its rows are reached.

Three parts of the portal must agree on which tables those are, and all three read them here:

- the retention purge (portal/data/retention.py) removes, with each purged case, the rows
  that sit in that case, and with the victim's account the rows reached from the victim
  that sit in no case; a table it keeps says why;
- the subject-access export (portal/victim/copy/export.py) gives every row of every table
  here, in the section the entry names; a table it leaves out says why (one does: the
  audit's addresses, given with the events they belong to);
- the restore (portal/data/backup.py) refuses to call a restore done when the restored
  database lacks one of these tables, and counts the rows of each.

A table holds a victim's data when it has a foreign key to a victim, a case or a support
grant, or to a table that does (a notification points at a message, which sits in a
case), or when it names a victim, a case or a sign-in by a column with no foreign key (the
audit log's case_id, a sign-in's principal_id). tests/data/test_victim_tables.py walks the
models and fails on any such table that is not here.

Not here: the supporter's own account (`supporter`). It points at no victim, and it is the
supporter's data, not the victim's; the victim's side of it is the support grant, which is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sqlalchemy import ColumnElement, Table, or_, select

from portal.data.models import (
    AccessReissue,
    AuditAddress,
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
    RecordsEvent,
    RecordsRequest,
    ReviewRequest,
    RightsRecord,
    SafetyRecord,
    SafetyReport,
    SupportGrant,
    Update,
    UpdateFeedback,
    Victim,
)


class Reach(Enum):
    """How a table's rows are reached from a victim."""

    ITSELF = "the victim's own account: victim.id"
    VICTIM = "by the row's victim_id"
    CASE = "through one of the victim's cases: case_id"
    GRANT = "through one of the victim's support grants: grant_id"
    SIGN_IN = "a sign-in of the victim's: principal_kind 'victim' and principal_id"
    AUDIT = "an event done by the victim, or about the victim, one of their grants or cases"
    ADDRESS = "where an audit event reached as AUDIT came from: event_id"


class Under(Enum):
    """Where the export puts a section."""

    TOP = "at the top of the file"
    CASE = "in each case"
    GRANT = "in each person the victim shares with"


@dataclass(frozen=True)
class Section:
    key: str
    under: Under = Under.TOP


@dataclass(frozen=True)
class VictimTable:
    model: type
    reached: tuple[Reach, ...]
    # Where the export gives the rows: one section, or one per place a row can sit.
    exported_as: tuple[Section, ...] = ()
    # Why the export leaves the table out, for a table with no section.
    left_out_of_export: str = ""
    # Why the retention purge keeps the table's rows; empty: the purge removes them.
    kept_by_purge: str = ""

    def __post_init__(self) -> None:
        if not self.exported_as and not self.left_out_of_export:
            raise ValueError(f"{self.name}: give an export section, or say why it is left out")

    @property
    def name(self) -> str:
        return self.model.__tablename__

    @property
    def table(self) -> Table:
        return self.model.__table__

    @property
    def purged(self) -> bool:
        return not self.kept_by_purge


# In the order the export gives its sections.
TABLES: tuple[VictimTable, ...] = (
    VictimTable(Victim, (Reach.ITSELF,), (Section("you"),)),
    VictimTable(Case, (Reach.VICTIM,), (Section("cases"),)),
    VictimTable(Update, (Reach.CASE,), (Section("updates", Under.CASE),)),
    VictimTable(Message, (Reach.CASE,), (Section("messages", Under.CASE),)),
    VictimTable(RightsRecord, (Reach.CASE,), (Section("rights_offered", Under.CASE),)),
    VictimTable(Obligation, (Reach.CASE,), (Section("duties_to_tell_you", Under.CASE),)),
    VictimTable(OfficerChange, (Reach.CASE,), (Section("officer_changes", Under.CASE),)),
    VictimTable(PropertyItem, (Reach.CASE,), (Section("belongings_taken", Under.CASE),)),
    # About a case, or (an invitation by email) about a grant and no case: each sits where
    # it belongs, in the export and in the purge.
    VictimTable(
        Notification,
        (Reach.CASE, Reach.GRANT),
        (Section("notifications", Under.CASE), Section("invitation_emails", Under.GRANT)),
    ),
    # What the force's records system sent about the case. Left out of the export: each
    # row's kind and time are given already, as the duty it started or the update it
    # published; the rest is the records system's own ids.
    VictimTable(
        RecordsEvent,
        (Reach.CASE,),
        left_out_of_export="each event's kind and time are given already, as the duty to "
        "tell you it started or the update it published; the rest is the force's own "
        "record-keeping ids",
    ),
    # The police's requests to a third party for her records, and her answers to them.
    VictimTable(RecordsRequest, (Reach.CASE,), (Section("records_requests", Under.CASE),)),
    VictimTable(ReviewRequest, (Reach.CASE,), (Section("review_requests", Under.CASE),)),
    VictimTable(ComplaintRequest, (Reach.CASE,), (Section("complaint_requests", Under.CASE),)),
    # A new activation code asked for through the case, for the victim's account.
    VictimTable(AccessReissue, (Reach.CASE,), (Section("new_sign_in_codes", Under.CASE),)),
    VictimTable(ContactPause, (Reach.CASE,), (Section("pauses_and_stepping_back", Under.CASE),)),
    VictimTable(SafetyRecord, (Reach.CASE,), (Section("safety_and_bail", Under.CASE),)),
    VictimTable(SafetyReport, (Reach.CASE,), (Section("breach_or_worry_reports", Under.CASE),)),
    VictimTable(UpdateFeedback, (Reach.CASE,), (Section("clarity_answers", Under.CASE),)),
    # The victim's own answers, one a month whichever case prompted them: the export gives
    # them once, at the top; the purge removes each with the case it counts for.
    VictimTable(ExperienceCheck, (Reach.VICTIM, Reach.CASE), (Section("monthly_checks"),)),
    VictimTable(SupportGrant, (Reach.VICTIM,), (Section("people_you_share_with"),)),
    VictimTable(AuthSession, (Reach.SIGN_IN,), (Section("sign_in_sessions"),)),
    VictimTable(
        AuditEvent,
        (Reach.AUDIT,),
        (Section("activity_record"),),
        kept_by_purge="the audit log is append-only (the database refuses to change or delete "
        "a row, and a hash chain proves it) and holds no personal text: identifiers and "
        "choices only; the purge adds its own entries saying what it removed and when",
    ),
    # The addresses are kept out of the chained rows so that the purge can forget them: with
    # each purged case the addresses of its events, with the account those of every other
    # event reached from the victim (staff's own sign-ins keep theirs, being reached from no
    # victim). SECURITY.md, "Audit log", says why.
    VictimTable(
        AuditAddress,
        (Reach.ADDRESS,),
        left_out_of_export="given with the event it belongs to, as the activity record's "
        "from_address, when the victim did what the event records",
    ),
)

BY_NAME: dict[str, VictimTable] = {entry.name: entry for entry in TABLES}


def sections(under: Under) -> list[tuple[VictimTable, Section]]:
    """Every export section in one place (the top, each case, each grant), in order."""
    return [
        (entry, section)
        for entry in TABLES
        for section in entry.exported_as
        if section.under is under
    ]


def in_case(entry: VictimTable, case_id) -> ColumnElement[bool]:
    """The entry's rows that sit in one case (an address: where the case's events came from)."""
    if Reach.ADDRESS in entry.reached:
        return entry.model.event_id.in_(select(AuditEvent.id).where(AuditEvent.case_id == case_id))
    return entry.model.case_id == case_id


def in_grant(entry: VictimTable, grant_id) -> ColumnElement[bool]:
    """The entry's rows about one support grant."""
    return entry.model.grant_id == grant_id


def of_victim(entry: VictimTable, victim_id, reaches=None) -> ColumnElement[bool]:
    """The entry's rows reached from the victim by `reaches` (by all of its own if not told)."""
    model = entry.model
    cases = select(Case.id).where(Case.victim_id == victim_id)
    grants = select(SupportGrant.id).where(SupportGrant.victim_id == victim_id)
    conditions = []
    for reach in reaches if reaches is not None else entry.reached:
        match reach:
            case Reach.ITSELF:
                conditions.append(model.id == victim_id)
            case Reach.VICTIM:
                conditions.append(model.victim_id == victim_id)
            case Reach.CASE:
                conditions.append(model.case_id.in_(cases))
            case Reach.GRANT:
                conditions.append(model.grant_id.in_(grants))
            case Reach.SIGN_IN:
                conditions.append(
                    (model.principal_kind == "victim") & (model.principal_id == victim_id)
                )
            case Reach.AUDIT:
                conditions.append(
                    or_(
                        (model.actor_kind == "victim") & (model.actor_id == victim_id),
                        (model.subject_kind == "victim") & (model.subject_id == victim_id),
                        (model.subject_kind == "support_grant") & model.subject_id.in_(grants),
                        model.case_id.in_(cases),
                    )
                )
            case Reach.ADDRESS:
                events = select(AuditEvent.id).where(
                    of_victim(BY_NAME["audit_event"], victim_id, [Reach.AUDIT])
                )
                conditions.append(model.event_id.in_(events))
            case _:  # a new kind of reach must be taught here before an entry uses it
                raise ValueError(f"{entry.name}: no way to reach rows {reach}")
    return or_(*conditions)
