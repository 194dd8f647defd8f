"""Small factories: each builds one realistic record with sensible defaults.

They need an app context (encrypted fields use the app's keys) and commit, so what they
build is visible to the test client's requests.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta

from portal.auth.codes import ALPHABET, hash_code
from portal.auth.passwords import hash_secret
from portal.data.models import (
    Case,
    Message,
    OfficerChange,
    StaffRole,
    StaffUser,
    Team,
    Update,
    Victim,
    utcnow,
)
from portal.extensions import db
from portal.rules.victims_code import london_date
from portal.security.crypto import blind_index
from tests.log_watch import sensitive

_counter = itertools.count(1)
PASSPHRASE = "amber kettle winter lane"
STAFF_PASSWORD = "a long staff password for tests"
# Hashing with argon2 is slow on purpose; do it once for all factories.
_HASHES: dict[str, str] = {}
sensitive(PASSPHRASE, STAFF_PASSWORD)


def _hashed(secret: str) -> str:
    if secret not in _HASHES:
        _HASHES[secret] = hash_secret(secret)
    return _HASHES[secret]


def _access_id(n: int, suffix: str = "TEST") -> str:
    """A well-formed access ID (`B-XXXX-TEST`, `B-XXXX-SUPP`) unique to `n`, however many
    tests ran before.

    The middle group is `n` written in the code alphabet, so it stays four symbols long:
    a counter written in decimal grew to five digits after a thousand victims and no
    longer looked like an access ID to the sign-in form."""
    symbols = ""
    for _ in range(4):
        n, digit = divmod(n, len(ALPHABET))
        symbols = ALPHABET[digit] + symbols
    return f"B-{symbols}-{suffix}"


def make_team(name: str | None = None) -> Team:
    team = Team(name=name or f"Team {next(_counter)}")
    db.session.add(team)
    db.session.commit()
    return team


def make_staff(role: str = StaffRole.OFFICER, team: Team | None = None, **fields) -> StaffUser:
    n = next(_counter)
    user = StaffUser(
        email=fields.pop("email", f"staff{n}@force.example"),
        display_name=fields.pop("display_name", f"DC Test {n}"),
        staff_role=role,
        team=team if team is not None or role == StaffRole.ADMIN else make_team(),
        password_hash=_hashed(fields.pop("password", STAFF_PASSWORD)),
        totp_enrolled_at=utcnow(),
        **fields,
    )
    user.totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    db.session.add(user)
    db.session.commit()
    return user


def make_victim(activated: bool = True, passphrase: str = PASSPHRASE, **fields) -> Victim:
    n = next(_counter)
    sensitive(passphrase, fields.get("email"), fields.get("preferred_name"))
    email = fields.pop("email", None)
    name = fields.pop("preferred_name", f"Person {n}")
    victim = Victim(
        access_id=fields.pop("access_id", _access_id(n)) if activated else None,
        passphrase_hash=_hashed(passphrase) if activated else None,
        activated_at=utcnow() - timedelta(days=1) if activated else None,
        **fields,
    )
    victim.preferred_name = name
    if email:
        victim.email = email
        victim.email_index = blind_index(email)
    db.session.add(victim)
    db.session.commit()
    return victim


def invite_victim(code: str, **fields) -> Victim:
    sensitive(code)
    victim = make_victim(activated=False, **fields)
    victim.activation_code_hash = hash_code(code)
    victim.activation_expires_at = utcnow() + timedelta(days=7)
    db.session.commit()
    return victim


def make_case(victim: Victim | None = None, officer: StaffUser | None = None, **fields) -> Case:
    # Five digits from 9: never one of the four-digit references tests write by hand, however
    # many cases the run has made before.
    reference = fields.pop("crime_reference", f"RSO/26/9{next(_counter):04d}")
    sensitive(reference)
    case = Case(
        victim=victim or make_victim(),
        officer=officer or make_staff(),
        offence_category=fields.pop("offence_category", "rape"),
        force_country=fields.pop("force_country", "england"),
        enhanced_service=fields.pop("enhanced_service", True),
        reported_on=fields.pop("reported_on", london_date(utcnow() - timedelta(days=3))),
        crime_reference_index=blind_index(reference),
        **fields,
    )
    case.crime_reference = reference
    db.session.add(case)
    db.session.commit()
    return case


def make_update(case: Case, text: str | None = "An update.", **fields) -> Update:
    sensitive(text)
    update = Update(
        case=case,
        event_type=fields.pop("event_type", "routine_update"),
        occurred_at=fields.pop("occurred_at", utcnow() - timedelta(hours=2)),
        published_by=fields.pop("published_by", case.officer),
        idempotency_key=fields.pop("idempotency_key", uuid.uuid4().hex),
        **fields,
    )
    update.free_text = text
    db.session.add(update)
    db.session.commit()
    return update


def make_message(case: Case, body: str = "A question.", **fields) -> Message:
    sensitive(body)
    message = Message(case=case, **fields)
    message.body = body
    db.session.add(message)
    db.session.commit()
    return message


def queue_notification(case: Case, reason: str = "update", **update_fields):
    """Publish an update and queue its notification, as the staff view's publish does."""
    from portal.data.outbox import enqueue_for_update

    notification = enqueue_for_update(make_update(case, **update_fields), reason)
    db.session.commit()
    return notification


def make_obligation(case: Case, event_type: str = "suspect_arrested", **fields):
    """A Victims' Code duty on `case`: due in a day unless told otherwise, not yet met."""
    from portal.data.models import Obligation

    occurred_at = fields.pop("occurred_at", utcnow() - timedelta(hours=1))
    obligation = Obligation(
        case=case,
        event_type=event_type,
        occurred_at=occurred_at,
        due_at=fields.pop("due_at", occurred_at + timedelta(days=1)),
        recorded_by_id=case.officer_id,
        **fields,
    )
    db.session.add(obligation)
    db.session.commit()
    return obligation


SUPPORTER_PASSPHRASE = "copper meadow lantern fig"
sensitive(SUPPORTER_PASSPHRASE)


def make_supporter(passphrase: str = SUPPORTER_PASSPHRASE, **fields):
    """A supporter's account (an ISVA or trusted person), with no grant yet."""
    from portal.data.models import Supporter

    supporter = Supporter(
        access_id=fields.pop("access_id", _access_id(next(_counter), "SUPP")),
        passphrase_hash=_hashed(passphrase),
        **fields,
    )
    db.session.add(supporter)
    db.session.commit()
    return supporter


def share_with(victim: Victim, supporter=None, scope: str = "everything", **fields):
    """An accepted grant: `victim` shares `scope` with `supporter` (made if not given)."""
    from portal.data.models import SupportGrant

    label = fields.pop("label", "Jo, my ISVA")
    grant = SupportGrant(
        victim=victim,
        supporter=supporter or make_supporter(),
        scope=scope,
        supporter_kind=fields.pop("supporter_kind", "isva"),
        accepted_at=fields.pop("accepted_at", utcnow() - timedelta(hours=1)),
        **fields,
    )
    grant.ensure_id()
    grant.label = label
    db.session.add(grant)
    db.session.commit()
    return grant


def make_review_request(decision: Update, note: str | None = None, **fields):
    """A review request for `decision`, with its deadlines worked out as the portal does."""
    from portal.data.models import ReviewRequest
    from portal.rules.victims_code import vrr_acknowledge_by, vrr_decision_by, vrr_request_deadline

    sensitive(note)
    requested_at = fields.pop("requested_at", utcnow())
    country = decision.case.force_country
    request = ReviewRequest(
        case_id=decision.case_id,
        update_id=decision.id,
        requested_at=requested_at,
        told_at=decision.published_at,
        request_deadline=vrr_request_deadline(decision.published_at),
        acknowledge_by=vrr_acknowledge_by(requested_at, country),
        decide_by=vrr_decision_by(requested_at, country),
        **fields,
    )
    request.ensure_id()
    request.note = note
    db.session.add(request)
    db.session.commit()
    return request


def make_safety_record(case: Case, keep_away: str = "12 Elm Road, Leeds", **fields):
    """The suspect on bail, kept away from her address, her views asked first."""
    from datetime import date

    from portal.data.models import SafetyRecord

    sensitive(keep_away)
    fields.setdefault("release", "bail")
    fields.setdefault("bail_date", date(2026, 4, 1))
    fields.setdefault("no_contact", True)
    row = SafetyRecord(case_id=case.id, recorded_by_id=case.officer_id, **fields)
    row.ensure_id()
    row.keep_away = keep_away
    row.views = "I want him kept away from my street."
    db.session.add(row)
    db.session.commit()
    return row


def make_safety_report(case: Case, **fields):
    """A victim's "Report a breach or a worry", not yet handled, due today."""
    from portal.data.models import SafetyReport, utcnow
    from portal.rules.safety import report_due

    now = fields.pop("reported_at", None) or utcnow()
    row = SafetyReport(case_id=case.id, reported_at=now, due_at=report_due(now), **fields)
    db.session.add(row)
    db.session.commit()
    return row


def make_complaint(case: Case, body: str | None = "I want to complain about a call.", **fields):
    """A victim's request to complain (Right 12), not yet passed on."""
    from portal.data.models import ComplaintRequest

    sensitive(body)
    complaint = ComplaintRequest(case_id=case.id, **fields)
    complaint.ensure_id()
    complaint.body = body
    db.session.add(complaint)
    db.session.commit()
    return complaint


def make_clarity_answer(update: Update, answer: str = "yes", comment: str | None = None, **fields):
    """A victim's answer to "Was this message clear?" on `update`."""
    from portal.data.models import UpdateFeedback

    sensitive(comment)
    feedback = UpdateFeedback(update_id=update.id, case_id=update.case_id, answer=answer, **fields)
    feedback.ensure_id()
    feedback.comment = comment
    db.session.add(feedback)
    db.session.commit()
    return feedback


def make_experience_check(case: Case, period: str, **fields):
    """A monthly check for the victim of `case`: answered now unless told otherwise."""
    from portal.data.models import ExperienceCheck

    check = ExperienceCheck(
        victim_id=case.victim_id,
        case_id=case.id,
        period=period,
        answered_at=fields.pop("answered_at", utcnow()),
        **fields,
    )
    db.session.add(check)
    db.session.commit()
    return check


def make_reissue_request(case: Case, requested_by: StaffUser | None = None, **fields):
    """An officer's request, waiting for a supervisor, for a new activation code for the
    (activated) victim of `case`."""
    from portal.data.models import AccessReissue

    note = fields.pop("note", None)
    sensitive(note)
    reissue = AccessReissue(
        case=case,
        requested_by=requested_by or case.officer,
        reason=fields.pop("reason", "other" if note else "forgot"),
        **fields,
    )
    reissue.ensure_id()
    reissue.note = note
    db.session.add(reissue)
    db.session.commit()
    return reissue


def make_officer_change(case: Case, to_officer: StaffUser | None = None, reason: str = "leave"):
    """A case moved to another officer, with the update that told the victim."""
    to_officer = to_officer or make_staff(team=case.officer.team)
    update = make_update(case, None, event_type="officer_changed")
    change = OfficerChange(
        case=case,
        update=update,
        from_officer_id=case.officer_id,
        to_officer_id=to_officer.id,
        reason=reason,
        changed_by_id=case.officer_id,
    )
    case.officer = to_officer
    db.session.add(change)
    db.session.commit()
    return change


def make_records_event(case: Case, obligation=None, update: Update | None = None, **fields):
    """An event the force's records system sent through the API, as a draft by default."""
    from portal.data.models import RecordsEvent, RecordsOutcome

    event = RecordsEvent(
        case=case,
        client_id=fields.pop("client_id", "rms-test"),
        sender_event_id=fields.pop("sender_event_id", uuid.uuid4().hex),
        content_hash="0" * 64,
        event_type=fields.pop("event_type", "suspect_arrested"),
        occurred_at=fields.pop("occurred_at", utcnow() - timedelta(hours=2)),
        outcome=RecordsOutcome.PUBLISHED if update is not None else RecordsOutcome.DRAFT,
        obligation=obligation,
        update=update,
        **fields,
    )
    db.session.add(event)
    db.session.commit()
    return event


def make_contact_pause(case: Case, choice: str = "no_updates", **fields):
    """A victim's request to pause (portal.rules.pauses), as if made from her page."""
    from portal.data.models import ContactPause

    pause = ContactPause(
        case=case,
        about=fields.pop("about", "break"),
        choice=choice,
        stage=fields.pop("stage", 1),
        **fields,
    )
    db.session.add(pause)
    db.session.commit()
    return pause


def make_records_request(case: Case, answer: str | None = None, **fields):
    """A request to a third party for the victim's records, recorded by the case's officer;
    with `answer`, the victim has answered it ("object" or "question")."""
    from portal.data.models import RecordsRequest

    found = RecordsRequest(
        case=case,
        holder=fields.pop("holder", "counselling"),
        recorded_by_id=case.officer_id,
        answer=answer,
        answered_at=utcnow() if answer else None,
        **fields,
    )
    found.ensure_id()
    found.what = "Counselling notes from 2026."
    found.reason = "To check what was said about the first meeting."
    found.who_will_see = "The investigating team."
    db.session.add(found)
    db.session.commit()
    return found


def make_property_item(case: Case, description: str | None = "Black phone in a red case", **fields):
    """An item the police took from the victim (a phone by default, with a scope) and its
    return date."""
    from datetime import date

    from portal.data.models import PropertyItem

    kind = fields.pop("kind", "phone")
    device = kind == "phone"
    item = PropertyItem(
        case=case,
        kind=kind,
        basis=fields.pop("basis", "consent"),
        taken_on=fields.pop("taken_on", date(2026, 2, 2)),
        scope_from=fields.pop("scope_from", date(2026, 1, 1) if device else None),
        scope_to=fields.pop("scope_to", date(2026, 1, 31) if device else None),
        scope_data=fields.pop("scope_data", "messages" if device else None),
        target_return_on=fields.pop("target_return_on", date(2026, 2, 16)),
        status=fields.pop("status", "with_police"),
        recorded_by_id=case.officer_id,
        **fields,
    )
    item.ensure_id()
    item.description = description
    item.scope_reason = "The messages he sent in January." if device else None
    db.session.add(item)
    db.session.commit()
    return item
