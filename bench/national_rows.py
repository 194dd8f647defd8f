"""What the national volume's rows look like (`bench.national` writes them with COPY).

A year of real work: teams of 8 officers and a supervisor at about 25 cases an officer;
cases opened over the last year, 3 to about 20 updates each spread between opening and
the last contact (most heard something within the month, as in `bench.data`), most
updates read, most duties met, most questions answered, and past sign-ins that ended.
Realistic so that the planner's statistics are real ones. Every encrypted value is sealed
for its own row (`bench.bulk.seal`) and every blind index is the app's own, so each is
unique where the schema says so. Each generator yields tuples in the order of the column
list above it.
"""

from __future__ import annotations

import hashlib
import math
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from bench import bulk
from bench.data import EVENTS, OFFICER_TEXT, QUESTION
from portal.auth.passwords import hash_secret
from portal.data.models import Case, Message, StaffUser, Update, Victim
from portal.security.crypto import blind_index

CASES_PER_OFFICER = 25
OFFICERS_PER_TEAM = 8
FEWEST_UPDATES, MOST_UPDATES = 3, 17  # a mean of 10 a case, as 2,000,000 / 200,000

OFFENCES = (
    ("rape", 50),
    ("assault_by_penetration", 10),
    ("sexual_assault", 20),
    ("child_sexual_abuse", 12),
    ("other_serious_sexual_offence", 8),
)
FREQUENCIES = (("monthly", 70), ("fortnightly", 20), ("key_decisions", 10))
CHANNELS = (("email", 55), ("text", 30), ("portal", 15))
LANGUAGES = (("en", 92), ("cy", 3), ("pl", 2), ("ro", 1), ("ur", 1), ("ar", 1))
TEXTS = (
    OFFICER_TEXT,
    "The suspect was interviewed yesterday and released while we continue to investigate. "
    "Your safety matters: if anything worries you, call me or 999 in an emergency.",
    "I have sent the file to the Crown Prosecution Service. They usually take a few weeks "
    "to decide; I will tell you as soon as I hear from them.",
    "Nothing new this month: we are still waiting for the phone download. I have not "
    "forgotten you and I will be in touch again by the end of next month.",
)
REPLY = "Thank you for asking. I expect to hear on Friday and I will tell you straight away."


@dataclass(frozen=True)
class Planned:
    """One new case, decided before any row is written (updates need its dates)."""

    case_id: uuid.UUID
    victim_id: uuid.UUID
    officer_id: uuid.UUID
    number: int
    created: datetime
    last_contact: datetime
    updates: int


def plan_staff(new_cases: int):
    officers_needed = math.ceil(new_cases / CASES_PER_OFFICER)
    team_count = math.ceil(officers_needed / OFFICERS_PER_TEAM)
    teams = [(uuid.uuid4(), f"National team {t:04d}") for t in range(1, team_count + 1)]
    staff, officers = [], []
    for t, (team_id, _) in enumerate(teams):
        staff.append((uuid.uuid4(), team_id, "supervisor"))
        for _ in range(min(OFFICERS_PER_TEAM, officers_needed - t * OFFICERS_PER_TEAM)):
            officer = (uuid.uuid4(), team_id, "officer")
            staff.append(officer)
            officers.append(officer[0])
    return teams, staff, officers


def plan_cases(rng, now, officers, new_cases: int, new_updates: int) -> list[Planned]:
    counts = [rng.randint(FEWEST_UPDATES, MOST_UPDATES) for _ in range(new_cases)]
    # Nudge random cases up or down until the total is exact (a few get an update or two
    # more than MOST_UPDATES; none fewer than FEWEST_UPDATES).
    difference = new_updates - sum(counts)
    while difference:
        n = rng.randrange(new_cases)
        step = 1 if difference > 0 else -1
        if FEWEST_UPDATES <= counts[n] + step <= MOST_UPDATES * 2:
            counts[n] += step
            difference -= step
    planned = []
    for n, count in enumerate(counts):
        # Most victims heard something within the month they agreed (as in bench.data);
        # cases were opened at any time in the last year, before that.
        last_contact = now - timedelta(days=rng.randint(0, 33), minutes=rng.randint(60, 1439))
        created = min(now - timedelta(days=rng.randint(35, 365)), last_contact)
        created -= timedelta(days=count)  # room for one update a day at least
        planned.append(
            Planned(
                uuid.uuid4(),
                uuid.uuid4(),
                officers[n % len(officers)],
                n + 1,
                created,
                last_contact,
                count,
            )
        )
    return planned


def _weighted(rng, choices) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


# -- the rows: columns, then a generator of tuples in that order ------------------------

TEAM = ("id", "name", "created_at")
STAFF = (
    "id", "email", "display_name", "staff_role", "team_id", "contact_phone", "contact_hours",
    "password_hash", "totp_secret", "totp_enrolled_at", "failed_attempts", "is_disabled",
    "awaiting_approval", "created_at",
)  # fmt: skip
VICTIM = (
    "id", "access_id", "preferred_name", "email", "email_index", "language",
    "passphrase_hash", "activated_at", "failed_attempts", "failures_to_tell", "is_disabled",
    "channel", "routine_frequency", "voicemail_safe", "contact_via_isva",
    "specific_notifications", "terminology", "created_at",
)  # fmt: skip
CASE = (
    "id", "crime_reference", "crime_reference_index", "offence_category", "force_country",
    "enhanced_service", "status", "victim_id", "officer_id", "last_contact_at", "created_at",
    "reported_on",
)  # fmt: skip
UPDATE = (
    "id", "case_id", "event_type", "occurred_at", "published_at", "published_by_id",
    "free_text", "language", "sensitive", "idempotency_key", "read_at", "created_at",
)  # fmt: skip
OBLIGATION = (
    "id", "case_id", "event_type", "occurred_at", "due_at", "met_at", "recorded_by_id",
    "created_at",
)  # fmt: skip
MESSAGE = (
    "id", "case_id", "kind", "from_victim", "staff_author_id", "body", "read_at",
    "reply_due_at", "answered_at", "created_at",
)  # fmt: skip
SESSION = (
    "id", "token_hash", "principal_kind", "principal_id", "created_at", "last_seen_at",
    "ended_at", "end_reason",
)  # fmt: skip


def team_rows(teams, now) -> Iterator[tuple]:
    for team_id, name in teams:
        yield team_id, name, now - timedelta(days=400)


def staff_rows(staff, now) -> Iterator[tuple]:
    password = hash_secret("national staff password, never used to sign in")
    for n, (staff_id, team_id, role) in enumerate(staff, start=1):
        rank = "DS" if role == "supervisor" else "DC"
        yield (
            staff_id,
            f"national.staff{n}@force.example",
            f"{rank} National {n}",
            role,
            team_id,
            "01632 960000",
            "Monday to Friday, 9am to 5pm",
            password,
            bulk.seal(StaffUser, "totp_secret", staff_id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            now - timedelta(days=300),
            0,
            False,
            False,
            now - timedelta(days=400),
        )


def victim_rows(rng, planned: list[Planned], now) -> Iterator[tuple]:
    passphrase = hash_secret("national victim passphrase, never used to sign in")
    for case in planned:
        email = f"national.person{case.number}@example.org"
        yield (
            case.victim_id,
            f"N-{case.number:07d}",
            bulk.seal(Victim, "preferred_name", case.victim_id, f"Person {case.number}"),
            bulk.seal(Victim, "email", case.victim_id, email),
            blind_index(email),
            _weighted(rng, LANGUAGES),
            passphrase,
            case.created + timedelta(days=1),
            0,
            0,
            False,
            _weighted(rng, CHANNELS),
            _weighted(rng, FREQUENCIES),
            rng.random() < 0.3,
            rng.random() < 0.1,
            False,
            "neither",
            case.created,
        )


def case_rows(rng, planned: list[Planned]) -> Iterator[tuple]:
    for case in planned:
        reference = f"NAT/{case.created:%y}/{case.number:07d}"
        yield (
            case.case_id,
            bulk.seal(Case, "crime_reference", case.case_id, reference),
            blind_index(reference),
            _weighted(rng, OFFENCES),
            "wales" if rng.random() < 0.06 else "england",
            True,
            "open",
            case.victim_id,
            case.officer_id,
            case.last_contact,
            case.created,
            case.created.date(),
        )


def update_rows(rng, planned: list[Planned], now) -> Iterator[tuple]:
    for case in planned:
        span = (case.last_contact - case.created) / case.updates
        for k in range(case.updates):
            # Spread between opening and the last contact; the newest is the last contact.
            if k == case.updates - 1:
                published = case.last_contact
            else:
                published = case.created + span * (k + rng.random())
            read = published + timedelta(minutes=rng.randint(5, 4320))
            update_id = uuid.uuid4()
            yield (
                update_id,
                case.case_id,
                rng.choice(EVENTS),
                published - timedelta(hours=rng.randint(1, 48)),
                published,
                case.officer_id,
                bulk.seal(Update, "free_text", update_id, rng.choice(TEXTS)),
                "en",
                False,
                update_id.hex,
                read if read < now else None,
                published,
            )


def obligation_rows(rng, planned: list[Planned], now) -> Iterator[tuple]:
    for case in planned:
        occurred = case.created + (now - case.created) * rng.random()
        due = occurred + timedelta(days=1)
        # Most duties were met in time; about one in eight is still open.
        met = None if rng.random() < 0.12 else occurred + timedelta(hours=rng.randint(1, 23))
        if met is not None and met > now:
            met = None
        yield (
            uuid.uuid4(),
            case.case_id,
            rng.choice(EVENTS[1:]),
            occurred,
            due,
            met,
            case.officer_id,
            occurred,
        )


def message_rows(rng, planned: list[Planned], now) -> Iterator[tuple]:
    for case in planned:
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            asked = case.created + (now - case.created) * rng.random()
            answered = asked + timedelta(hours=rng.randint(2, 60))
            answered = answered if answered < now and rng.random() < 0.9 else None
            question_id = uuid.uuid4()
            yield (
                question_id,
                case.case_id,
                "question",
                True,
                None,
                bulk.seal(Message, "body", question_id, QUESTION),
                asked + timedelta(hours=1) if answered else None,
                asked + timedelta(days=3),
                answered,
                asked,
            )
            if answered:
                reply_id = uuid.uuid4()
                yield (
                    reply_id,
                    case.case_id,
                    "reply",
                    False,
                    case.officer_id,
                    bulk.seal(Message, "body", reply_id, REPLY),
                    answered + timedelta(hours=2) if rng.random() < 0.8 else None,
                    None,
                    None,
                    answered,
                )


def session_rows(rng, planned: list[Planned], staff, now) -> Iterator[tuple]:
    """Past sign-ins, all ended: half the victims and every member of staff have one."""
    people = [("staff", staff_id) for staff_id, _, _ in staff]
    people += [("victim", case.victim_id) for case in planned if rng.random() < 0.5]
    for kind, principal_id in people:
        started = now - timedelta(days=rng.randint(1, 300), minutes=rng.randint(0, 1439))
        seen = started + timedelta(minutes=rng.randint(1, 40))
        yield (
            uuid.uuid4(),
            hashlib.sha256(os.urandom(32)).hexdigest(),
            kind,
            principal_id,
            started,
            seen,
            seen + timedelta(minutes=15),
            "idle" if rng.random() < 0.6 else "signed_out",
        )
