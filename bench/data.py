"""Realistic data for the benchmark, written straight into a fresh database.

A force's worth of cases: ten teams of eight officers, each team with a supervisor, each
officer with about 25 open cases (a heavy but real load for a specialist investigator, so
a supervisor's dashboard covers about 200), each case with a victim, three updates, a
Victims' Code duty and a question or two. A big team of 2,000 open cases (80 officers at
the same 25 each, one supervisor) shows whether the staff pages grow with the team.
Beside them, two small teams exist only to show whether a page's database queries grow
with the number of updates: one holds a victim with 1 update, the other a victim with 20
(each with its own officer and supervisor).

Rows go in through the ORM (the encrypted attributes need the app's keys) in large
batches, one commit per batch. Everyone who signs in gets a real server-side session row;
`cookie_for` turns its token into the signed cookie a browser would send.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from portal.auth.passwords import hash_secret
from portal.data.models import (
    AuthSession,
    Case,
    Message,
    MessageKind,
    Obligation,
    StaffRole,
    StaffUser,
    Team,
    Update,
    Victim,
    utcnow,
)
from portal.extensions import db
from portal.security.crypto import blind_index

# Event types a routine case sees; a decision not to charge is sensitive (content note).
EVENTS = (
    "routine_update",
    "suspect_arrested",
    "interviewed_under_caution",
    "released_under_investigation",
    "file_passed_to_cps",
    "support_referral",
)
OFFICER_TEXT = (
    "I spoke to the officer in charge this morning. The forensic results are back and we "
    "are reviewing them with the Crown Prosecution Service. I will call you on Thursday "
    "afternoon to explain what happens next. You can ask me anything in the meantime."
)
QUESTION = "Can you tell me when I will hear about the interview? I would like to know."
BATCH = 250
BIG_TEAM_CASES = 2000
CASES_PER_OFFICER = 25


@dataclass
class Dataset:
    """What the benchmark needs to know about the data it loaded."""

    cases: int = 0
    updates: int = 0
    teams: int = 0
    officers_per_team: int = 0
    # principal key -> (kind, id) of who signs in as it
    principals: dict[str, tuple[str, uuid.UUID]] = field(default_factory=dict)
    # principal key -> values its URLs need (an update of that victim, say)
    params: dict[str, dict[str, str]] = field(default_factory=dict)
    # principal key -> session token (the cookie holds it; the row holds its SHA-256)
    tokens: dict[str, str] = field(default_factory=dict)

    def summary(self) -> dict:
        return {
            "cases": self.cases,
            "updates": self.updates,
            "teams": self.teams,
            "officers_per_team": self.officers_per_team,
            "signed_in": sorted(self.tokens),
        }


def load(cases: int = 2000, teams: int = 10, officers_per_team: int = 8, seed: int = 9) -> Dataset:
    """Fill an empty, migrated database. Needs an app context."""
    rng = random.Random(seed)
    now = utcnow()
    data = Dataset(teams=teams, officers_per_team=officers_per_team)
    password = hash_secret("bench staff password, never used to sign in")
    passphrase = hash_secret("bench victim passphrase, never used to sign in")
    counter = itertools.count(1)

    officers: list[StaffUser] = []
    for t in range(1, teams + 1):
        team = Team(name=f"Team {t}")
        supervisor = _staff(team, StaffRole.SUPERVISOR, next(counter), password)
        db.session.add_all([team, supervisor])
        if t == 1:
            data.principals["supervisor_load"] = ("staff", supervisor.ensure_id())
        for _ in range(officers_per_team):
            officer = _staff(team, StaffRole.OFFICER, next(counter), password)
            db.session.add(officer)
            officers.append(officer)
    data.principals["officer_load"] = ("staff", officers[0].ensure_id())
    db.session.commit()

    _open_cases(data, officers, cases, rng, now, passphrase, counter)

    # The big team: one supervisor over BIG_TEAM_CASES open cases, at the same ~25 cases an
    # officer, so the dashboard and the caseload are measured at 200 and at 2,000 cases.
    big_team = Team(name="Big team")
    big_supervisor = _staff(big_team, StaffRole.SUPERVISOR, next(counter), password)
    big_officers = [
        _staff(big_team, StaffRole.OFFICER, next(counter), password)
        for _ in range(BIG_TEAM_CASES // CASES_PER_OFFICER)
    ]
    db.session.add_all([big_team, big_supervisor, *big_officers])
    db.session.commit()
    data.principals["supervisor_big"] = ("staff", big_supervisor.ensure_id())
    data.principals["officer_big"] = ("staff", big_officers[0].ensure_id())
    _open_cases(data, big_officers, BIG_TEAM_CASES, rng, now, passphrase, counter)

    # The query-growth pair: same shape, 1 update against 20, each in a team of its own.
    for count in (1, 20):
        team = Team(name=f"Team with {count} update(s)")
        supervisor = _staff(team, StaffRole.SUPERVISOR, next(counter), password)
        officer = _staff(team, StaffRole.OFFICER, next(counter), password)
        victim = _victim(next(counter), passphrase, now)
        case = _case(victim, officer, next(counter), now - timedelta(days=60), now)
        updates = [
            _update(case, officer, EVENTS[h % len(EVENTS)], now - timedelta(hours=h))
            for h in range(1, count + 1)
        ]
        db.session.add_all([team, supervisor, officer, victim, case, *updates])
        db.session.add(_obligation(case, officer, now, overdue=False))
        db.session.add(_message(case, now))
        data.cases += 1
        data.updates += count
        data.principals[f"victim_{count}"] = ("victim", victim.ensure_id())
        data.principals[f"officer_{count}"] = ("staff", officer.ensure_id())
        data.principals[f"supervisor_{count}"] = ("staff", supervisor.ensure_id())
        # The newest update: already read, so opening it is a read-only request.
        data.params[f"victim_{count}"] = {"update_id": str(updates[0].ensure_id())}
    db.session.commit()
    # The victim whose pages are put under load is the one with 20 updates.
    data.principals["victim_load"] = data.principals["victim_20"]
    data.params["victim_load"] = data.params["victim_20"]

    for key, (kind, principal_id) in data.principals.items():
        data.tokens[key] = _session(kind, principal_id)
    db.session.commit()
    return data


def _open_cases(data: Dataset, officers, cases: int, rng, now, passphrase, counter) -> None:
    """`cases` open cases shared in turn among `officers`, each with three updates, a Code
    duty and up to two questions."""
    for start in range(0, cases, BATCH):
        for n in range(start, min(start + BATCH, cases)):
            officer = officers[n % len(officers)]
            victim = _victim(next(counter), passphrase, now)
            # Most victims heard something within the month they agreed; about one in ten
            # is overdue for a routine update, as a busy team's would be.
            last_contact = now - timedelta(days=rng.randint(0, 33), hours=rng.randint(1, 23))
            created = last_contact - timedelta(days=rng.randint(20, 300))
            case = _case(victim, officer, next(counter), created, last_contact)
            db.session.add_all([victim, case])
            updates = [
                _update(case, officer, rng.choice(EVENTS), last_contact - timedelta(days=7 * h))
                for h in range(3)
            ]
            db.session.add_all(updates)
            data.updates += len(updates)
            db.session.add(_obligation(case, officer, now, overdue=rng.random() < 0.1))
            for _ in range(rng.randint(0, 2)):
                db.session.add(_message(case, now))
            data.cases += 1
        db.session.commit()


def cookies_for(app, loaded: Dataset) -> dict[str, tuple[str, str]]:
    """Every signed-in principal's (cookie name, cookie), by its key in `loaded`."""
    name = app.config["SESSION_COOKIE_NAME"]
    return {
        key: (name, cookie_for(app, token, loaded.principals[key][0]))
        for key, token in loaded.tokens.items()
    }


def cookie_for(app, token: str, kind: str) -> str:
    """The signed Flask session cookie a browser holds once signed in: the session token
    Flask-Login reads, and the CSRF secret Flask-WTF put there on the first page with a
    form. Without that secret every request would make a new one and send a new cookie
    back, which no browser does more than once (it keeps what it was sent)."""
    serializer = app.session_interface.get_signing_serializer(app)
    csrf_secret = hashlib.sha1(os.urandom(64)).hexdigest()  # noqa: S324 - as Flask-WTF makes it
    user_id = f"{kind}.{token}"  # as Principal.get_id writes it
    return serializer.dumps({"_user_id": user_id, "_fresh": True, "csrf_token": csrf_secret})


def _session(kind: str, principal_id: uuid.UUID) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(
        AuthSession(
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            principal_kind=kind,
            principal_id=principal_id,
        )
    )
    return token


def _staff(team: Team, role: str, n: int, password_hash: str) -> StaffUser:
    user = StaffUser(
        email=f"bench.staff{n}@force.example",
        display_name=f"{'DS' if role == StaffRole.SUPERVISOR else 'DC'} Bench {n}",
        staff_role=role,
        team=team,
        password_hash=password_hash,
        totp_enrolled_at=utcnow(),
        contact_phone="01632 960000",
        contact_hours="Monday to Friday, 9am to 5pm",
    )
    user.ensure_id()
    user.totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    return user


def _victim(n: int, passphrase_hash: str, now) -> Victim:
    victim = Victim(
        access_id=f"B-{n:06d}",
        passphrase_hash=passphrase_hash,
        activated_at=now - timedelta(days=30),
        channel="email",
    )
    victim.ensure_id()
    victim.preferred_name = f"Person {n}"
    victim.email = f"person{n}@example.org"
    victim.email_index = blind_index(victim.email)
    return victim


def _case(victim: Victim, officer: StaffUser, n: int, created, last_contact) -> Case:
    reference = f"BEN/26/{n:07d}"
    case = Case(
        victim=victim,
        officer=officer,
        offence_category="rape",
        force_country="england",
        enhanced_service=True,
        crime_reference_index=blind_index(reference),
        created_at=created,
        last_contact_at=last_contact,
    )
    case.ensure_id()
    case.crime_reference = reference
    return case


def _update(case: Case, officer: StaffUser, event_type: str, published) -> Update:
    update = Update(
        case=case,
        event_type=event_type,
        occurred_at=published - timedelta(hours=3),
        published_at=published,
        published_by=officer,
        idempotency_key=uuid.uuid4().hex,
        read_at=published + timedelta(minutes=20),
    )
    update.ensure_id()
    update.free_text = OFFICER_TEXT
    return update


def _obligation(case: Case, officer: StaffUser, now, overdue: bool) -> Obligation:
    occurred = now - timedelta(days=2 if overdue else 0, hours=1)
    return Obligation(
        case=case,
        event_type="suspect_arrested",
        occurred_at=occurred,
        due_at=occurred + timedelta(days=1),
        recorded_by_id=officer.id,
    )


def _message(case: Case, now) -> Message:
    # With the date a reply is due, as every question has had since migration 0014 (and
    # as bench/national_rows.py makes them).
    asked = now - timedelta(hours=5)
    message = Message(
        case=case,
        kind=MessageKind.QUESTION,
        created_at=asked,
        reply_due_at=asked + timedelta(days=3),
    )
    message.ensure_id()
    message.body = QUESTION
    return message
