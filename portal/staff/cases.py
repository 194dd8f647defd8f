"""What an officer does to a case, other than publishing: open it, invite the victim,
record rights offered and reply to questions. Reassigning a case is
`portal.rules.reassignment`: it tells the victim.

Each change is one transaction with its audit event. Audit details carry identifiers and
choices, never what anyone wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.data import audit
from portal.data.models import (
    Case,
    CaseStatus,
    Message,
    MessageKind,
    RightsRecord,
    StaffUser,
    Victim,
    utcnow,
)
from portal.data.outbox import enqueue_for_reply
from portal.data.scoping import visible_cases
from portal.extensions import db
from portal.rules import access_reissue, publishing, questions
from portal.rules.access_reissue import set_activation_code
from portal.rules.victims_code import LONDON, requires_enhanced_service
from portal.security.crypto import blind_index


class DuplicateReference(ValueError):
    """A case with this crime reference exists already."""


@dataclass(frozen=True)
class NewCase:
    crime_reference: str
    offence_category: str
    force_country: str
    reported_on: date
    preferred_name: str
    language: str
    channel: str
    routine_frequency: str
    email: str | None = None
    phone: str | None = None


def normalise_reference(reference: str) -> str:
    return " ".join(reference.upper().split())


def reference_taken(reference: str) -> bool:
    index = blind_index(normalise_reference(reference))
    return db.session.scalar(select(Case.id).where(Case.crime_reference_index == index)) is not None


def create_case(
    details: NewCase, officer: StaffUser, force_code: str | None = None
) -> tuple[Case, str]:
    """Record the case and an invited victim; return the case and its activation code.

    Every new case starts a new victim record and a new invitation, even for someone who
    already has a case: one person can have several cases, and an officer can never
    attach a case to an account that exists just by typing its email (that would put the
    officer's words in someone's account, or show that she has one). If the email is
    already a victim's sign-in email, the new record keeps it as a contact email only and
    is signed in to with its access ID; the officer's answer is the same either way.

    `force_code` is set when a force's records system opens the case (portal/staff/api/):
    only that force's system may then send events about it. None: the deployment's own.
    """
    reference = normalise_reference(details.crime_reference)
    if reference_taken(reference):
        raise DuplicateReference(reference)
    try:
        return _record_case(details, officer, reference, force_code, may_sign_in_with_email=True)
    except IntegrityError:
        db.session.rollback()
    if reference_taken(reference):  # the same reference, recorded a moment ago
        raise DuplicateReference(reference)
    # The email became someone's sign-in email a moment ago: as if it had been all along.
    return _record_case(details, officer, reference, force_code, may_sign_in_with_email=False)


def _email_is_free(email: str) -> bool:
    taken = select(Victim.id).where(Victim.email_index == blind_index(email))
    return db.session.scalar(taken) is None


def _record_case(
    details: NewCase,
    officer: StaffUser,
    reference: str,
    force_code: str | None,
    may_sign_in_with_email: bool,
) -> tuple[Case, str]:
    victim = Victim(
        language=details.language,
        channel=details.channel,
        routine_frequency=details.routine_frequency,
    )
    victim.ensure_id()
    victim.preferred_name = details.preferred_name.strip()
    if details.email:
        victim.email = details.email.strip()
        # The same one query whether the email is free or not, so it takes the same time.
        if _email_is_free(victim.email) and may_sign_in_with_email:
            victim.email_index = blind_index(victim.email)
    if details.phone:
        victim.phone = details.phone.strip()
    case = Case(
        victim=victim,
        officer=officer,
        offence_category=details.offence_category,
        force_country=details.force_country,
        reported_on=details.reported_on,
        enhanced_service=requires_enhanced_service(details.offence_category),
        crime_reference_index=blind_index(reference),
        force_code=force_code,
    )
    case.ensure_id()
    case.crime_reference = reference
    db.session.add_all([victim, case])
    publishing.record_referral_duty(case, officer)
    code = set_activation_code(victim)
    audit.record(
        "case.created",
        case_id=case.id,
        subject=case,
        detail={"offence": details.offence_category, "country": details.force_country},
    )
    audit.record("case.activation_code_issued", case_id=case.id, subject=victim)
    db.session.commit()
    return case, code


class NeedsApproval(PermissionError):
    """The victim has activated: a new code needs a supervisor (portal.rules.access_reissue)."""


def issue_new_code(case: Case) -> str:
    """Replace the activation code of a victim who has not activated yet (the old code
    stops working), at once: there is nothing of theirs behind it yet.

    For someone who has activated, a new code would replace their passphrase and access
    ID: it needs a request and a supervisor's approval (`access_reissue`), never this.
    """
    if access_reissue.needs_approval(case.victim):
        raise NeedsApproval(case.id)
    code = set_activation_code(case.victim)
    audit.record(
        "case.activation_code_reissued",
        case_id=case.id,
        subject=case.victim,
        detail={"already_activated": False},
    )
    db.session.commit()
    return code


def open_case(case: Case) -> None:
    """Audit the opening and mark the victim's questions as read by the police.

    Read is not answered: a question stays in the caseload and on the dashboard, with its
    reply date, until a reply is sent (portal.rules.questions)."""
    db.session.execute(
        update(Message)
        .where(
            Message.case_id == case.id,
            Message.from_victim.is_(True),
            Message.kind == MessageKind.QUESTION,
            Message.read_at.is_(None),
        )
        .values(read_at=utcnow())
    )
    audit.record("case.opened", case_id=case.id, subject=case)
    db.session.commit()


def reply(case: Case, body: str, officer: StaffUser) -> Message:
    message = Message(case=case, kind=MessageKind.REPLY, from_victim=False, staff_author=officer)
    message.ensure_id()
    message.body = body
    message.read_at = None
    db.session.add(message)
    answered = questions.answer_open_questions(case, utcnow())
    enqueue_for_reply(message)
    audit.record(
        "message.reply_sent",
        case_id=case.id,
        subject=message,
        detail={"questions_answered": answered},
    )
    db.session.commit()
    return message


def questions_answered_another_way(case: Case) -> int:
    """Mark the open questions answered (by phone or in person); how many. Audited with the
    number only; the victim is sent nothing."""
    answered = questions.answer_open_questions(case, utcnow())
    if answered:
        audit.record(
            "message.questions_answered_another_way",
            case_id=case.id,
            subject=case,
            detail={"questions_answered": answered},
        )
    db.session.commit()
    return answered


def call_request_done(case: Case, message: Message) -> None:
    if message.case_id != case.id or message.kind != MessageKind.CALL_REQUEST:
        return
    message.read_at = message.read_at or utcnow()
    audit.record("message.call_request_done", case_id=case.id, subject=message)
    db.session.commit()


def record_offer(
    case: Case, offer: str, offered_on: date, response: str, officer, language: str | None = None
) -> None:
    """Record an offer and the answer; for an interpreter, the language (an ISO 639 code)."""
    offered_at = datetime.combine(offered_on, datetime.min.time().replace(hour=12), LONDON)
    record = RightsRecord(
        case=case,
        offer=offer,
        offered_at=offered_at,
        response=response,
        recorded_by_id=officer.id,
        language=language,
    )
    record.ensure_id()
    db.session.add(record)
    detail = {"offer": offer, "response": response}
    if language:
        detail["language"] = language
    audit.record("rights.offer_recorded", case_id=case.id, subject=record, detail=detail)
    db.session.commit()


def close(case: Case) -> None:
    """Close the case: it leaves the caseload and the routine reminders, the victim can
    still read everything, and the retention clock starts."""
    case.status = CaseStatus.CLOSED
    case.closed_at = utcnow()
    audit.record("case.closed", case_id=case.id, subject=case)
    db.session.commit()


def reopen(case: Case) -> None:
    case.status = CaseStatus.OPEN
    case.closed_at = None
    audit.record("case.reopened", case_id=case.id, subject=case)
    db.session.commit()


def recently_closed(principal, limit: int = 50) -> list[Case]:
    """The closed cases `principal` may see, most recently closed first."""
    query = (
        visible_cases(principal)
        .where(Case.status == CaseStatus.CLOSED)
        .options(joinedload(Case.victim))
        .order_by(Case.closed_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
