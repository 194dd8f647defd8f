"""Demo data: realistic, humane, and about nobody real.

Idempotent: a second run finds the demo team and changes nothing, except that it issues
a fresh activation code for the invitation still waiting (codes are stored only hashed,
so the old one cannot be printed again).
"""

from __future__ import annotations

from datetime import time, timedelta

import pyotp
from flask_migrate import upgrade
from sqlalchemy import column, inspect, literal, select, table

from portal.auth.codes import hash_code, new_code
from portal.auth.passwords import hash_secret
from portal.data.models import (
    Case,
    Message,
    MessageKind,
    Obligation,
    OfferResponse,
    RightsRecord,
    StaffRole,
    StaffUser,
    Team,
    Update,
    Victim,
    utcnow,
)
from portal.extensions import db
from portal.rules.victims_code import event_rule, london_date
from portal.security.crypto import blind_index

DEMO_TEAM = "Demo team: Rape and Serious Sexual Offences"
STAFF_PASSWORD = "demo staff password 2026"  # noqa: S105 - demo only, refused in production
DEMO_STAFF = (
    (
        "officer@demo.invalid",
        "DC Priya Shah",
        StaffRole.OFFICER,
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    ),
    (
        "officer.cy@demo.invalid",
        "DC Rhys Morgan",
        StaffRole.OFFICER,
        "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    ),
    (
        "supervisor@demo.invalid",
        "DS Helen Okafor",
        StaffRole.SUPERVISOR,
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    ),
    ("admin@demo.invalid", "Jo Admin", StaffRole.ADMIN, "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"),
)
DEMO_VICTIMS = (
    # access id, passphrase, preferred name, language, crime reference, offence, country, officer
    ("B-DEMO-SAM1", "quiet river morning tea", "Sam", "en", "RSO/26/1041", "rape", "england", 0),
    (
        "B-DEMO-ELER",
        "coed glas ar y mynydd",
        "Eleri",
        "cy",
        "RSO/26/2207",
        "sexual_assault",
        "wales",
        1,
    ),
    (
        "B-DEMO-ALEX",
        "lantern harbour winter sky",
        "Alex",
        "en",
        "RSO/26/0788",
        "assault_by_penetration",
        "england",
        0,
    ),
)
INVITED_REFERENCE = "RSO/26/3310"


class DemoRefused(RuntimeError):
    """Raised instead of writing demo data beside real accounts."""


def prepare_demo() -> dict:
    """Upgrade the database, load the demo data if absent, and return the sign-ins."""
    _refuse_a_database_the_demo_did_not_make()
    upgrade()
    team = db.session.scalar(select(Team).where(Team.name == DEMO_TEAM))
    if team is None:
        _create(Team(name=DEMO_TEAM))
    invitation_code = _reissue_invitation()
    db.session.commit()
    return {
        "staff": [
            {"role": str(role), "email": email, "password": STAFF_PASSWORD, "totp_secret": secret}
            for email, _name, role, secret in DEMO_STAFF
        ],
        "victims": [
            {"access_id": access_id, "passphrase": passphrase, "case_reference": reference}
            for access_id, passphrase, _n, _l, reference, *_ in DEMO_VICTIMS
        ],
        "invitations": [{"activation_code": invitation_code, "case_reference": INVITED_REFERENCE}],
    }


def _refuse_a_database_the_demo_did_not_make() -> None:
    """The demo staff's passwords and TOTP secrets are published. So they go only into an
    empty database or one the demo made: a wrong PORTAL_DATABASE_URL, even with PORTAL_ENV
    set to development, cannot put them beside real accounts and cases. Checked before
    the migrations run, so such a database is not touched at all."""
    existing = set(inspect(db.engine).get_table_names())
    if "team" in existing:
        teams = table("team", column("name"))
        if db.session.scalar(select(literal(1)).where(teams.c.name == DEMO_TEAM)) is not None:
            return
    for name in ("staff_user", "victim", "case"):
        if name in existing and db.session.scalar(select(literal(1)).select_from(table(name))):
            db.session.rollback()
            raise DemoRefused(
                "This database already holds accounts or cases that the demo did not make. "
                "Demo data goes only into a database of its own: point PORTAL_DATABASE_URL "
                "at an empty database, or unset it to use SQLite in the instance folder."
            )
    db.session.rollback()


def _create(team: Team) -> None:
    db.session.add(team)
    password_hash = hash_secret(STAFF_PASSWORD)
    staff = []
    for email, name, role, secret in DEMO_STAFF:
        user = StaffUser(
            email=email,
            display_name=name,
            staff_role=role,
            team=team if role != StaffRole.ADMIN else None,
            password_hash=password_hash,
            contact_phone="0300 123 4567" if role == StaffRole.OFFICER else None,
            contact_hours="Monday to Friday, 9am to 5pm" if role == StaffRole.OFFICER else None,
            rank="detective_constable" if role == StaffRole.OFFICER else None,
            collar_number="4321" if role == StaffRole.OFFICER else None,
            totp_enrolled_at=utcnow(),
        )
        user.totp_secret = secret
        staff.append(user)
    db.session.add_all(staff)
    for row in DEMO_VICTIMS:
        _create_victim_and_case(row, staff)
    _create_invited_victim(staff[0])


def _case(victim: Victim, reference: str, offence: str, country: str, officer: StaffUser) -> Case:
    case = Case(
        offence_category=offence,
        force_country=country,
        enhanced_service=True,
        victim=victim,
        officer=officer,
        crime_reference_index=blind_index(reference),
        last_contact_at=utcnow() - timedelta(days=9),
        # Reported five weeks ago: every story below runs from then.
        reported_on=london_date(utcnow() - timedelta(days=35)),
    )
    case.crime_reference = reference
    db.session.add(case)
    return case


def _create_victim_and_case(row, staff: list[StaffUser]) -> None:
    access_id, passphrase, name, language, reference, offence, country, officer_index = row
    officer = staff[officer_index]
    victim = Victim(
        access_id=access_id,
        language=language,
        passphrase_hash=hash_secret(passphrase),
        activated_at=utcnow() - timedelta(days=20),
        channel="email" if name != "Eleri" else "text",
        routine_frequency="fortnightly" if name == "Sam" else "monthly",
        quiet_hours_start=time(21, 0),
        quiet_hours_end=time(8, 0),
    )
    victim.preferred_name = name
    victim.email = f"{name.lower()}@example.com"
    victim.email_index = blind_index(victim.email)
    db.session.add(victim)
    case = _case(victim, reference, offence, country, officer)
    now = utcnow()
    story = STORIES[name]
    for days_ago, event_type, text, sensitive in story:
        occurred = now - timedelta(days=days_ago, hours=3)
        update = Update(
            case=case,
            event_type=event_type,
            occurred_at=occurred,
            published_at=occurred + timedelta(hours=5),
            published_by=officer,
            language=language,
            sensitive=sensitive,
            idempotency_key=f"demo-{access_id}-{days_ago}",
            # The demo's decisions are the police's, about a suspect interviewed under caution.
            decided_by="police" if event_rule(event_type).is_decision else None,
            suspect_interviewed=True if event_type == "no_further_action" else None,
        )
        update.free_text = text
        db.session.add(update)
        db.session.add(
            Obligation(
                case=case,
                event_type=event_type,
                occurred_at=occurred,
                due_at=occurred + timedelta(days=1),
                met_at=update.published_at,
                recorded_by_id=officer.id,
            )
        )
    db.session.add(
        RightsRecord(
            case=case,
            offer="support_referral",
            offered_at=now - timedelta(days=19),
            response=OfferResponse.ACCEPTED,
            recorded_by_id=officer.ensure_id(),
        )
    )
    if name == "Sam":
        message = Message(case=case, kind=MessageKind.QUESTION, from_victim=True)
        message.body = "Will I have to see him at the police station if I come in again?"
        db.session.add(message)
        # An arrest two working days ago that nobody has told Sam about yet: overdue.
        db.session.add(
            Obligation(
                case=case,
                event_type="bail_conditions_changed",
                occurred_at=now - timedelta(days=2),
                due_at=now - timedelta(days=1),
                recorded_by_id=officer.id,
            )
        )


def _create_invited_victim(officer: StaffUser) -> None:
    victim = Victim(language="en", channel="portal")
    victim.preferred_name = "Jordan"
    db.session.add(victim)
    _case(victim, INVITED_REFERENCE, "rape", "england", officer)


def _reissue_invitation() -> str:
    case_victim = db.session.scalars(
        select(Victim).where(Victim.activated_at.is_(None), Victim.access_id.is_(None))
    ).first()
    code = new_code()
    if case_victim is not None:
        case_victim.activation_code_hash = hash_code(code)
        case_victim.activation_expires_at = utcnow() + timedelta(days=7)
    return code


STORIES = {
    "Sam": (
        (
            18,
            "support_referral",
            "I have passed your details to the local ISVA service, as you asked. "
            "They will contact you in the next two days.",
            False,
        ),
        (
            12,
            "suspect_arrested",
            "The man you named was arrested this morning. He is being kept at the station for now.",
            False,
        ),
        (
            11,
            "released_under_investigation",
            "He has been released while we keep investigating. He has been told not to "
            "contact you. If he does, call 999.",
            False,
        ),
    ),
    "Eleri": (
        (
            30,
            "charged",
            "Mae'r dyn wedi cael ei gyhuddo. "
            "Byddaf yn eich ffonio i esbonio beth sy'n digwydd nesaf.",
            False,
        ),
        (
            10,
            "court_date_set",
            "Mae dyddiad wedi'i bennu yn Llys y Goron Caerdydd. Bydd y Gwasanaeth Tystion yn "
            "cysylltu â chi.",
            False,
        ),
    ),
    "Alex": (
        (
            25,
            "interviewed_under_caution",
            "The suspect was interviewed today. He answered our questions.",
            False,
        ),
        (
            4,
            "no_further_action",
            "I am sorry to tell you that the Crown Prosecution Service has decided not to "
            "charge. I would like to talk this through with you.",
            True,
        ),
    ),
}


def describe_sign_ins(sign_ins: dict, base_url: str) -> str:
    lines = [f"The portal is at {base_url}", "", "Victims (sign in at /sign-in):"]
    for victim in sign_ins["victims"]:
        lines.append(f"  access ID {victim['access_id']}  passphrase: {victim['passphrase']}")
    lines += ["", "Waiting to activate (at /activate):"]
    for invite in sign_ins["invitations"]:
        lines.append(f"  activation code {invite['activation_code']}")
    lines += ["", "Staff (sign in at /staff/sign-in; TOTP codes from the secret below):"]
    for staff in sign_ins["staff"]:
        code = pyotp.TOTP(staff["totp_secret"]).now()
        lines.append(
            f"  {staff['role']:<10} {staff['email']:<26} password: {staff['password']}"
            f"  TOTP secret: {staff['totp_secret']} (code now: {code})"
        )
    return "\n".join(lines)
