"""Sign in the simulated users: a real server-side session each, as `bench.data` does.

`find` looks up, once, who in the loaded data can be each kind of user. `sign_in` makes
fresh sessions just before a step (a victim's session ends after 15 idle minutes, and the
search runs for about ten) and writes what the locustfile needs to a JSON file: per kind,
one entry per simulated user with its signed cookie and the ids its URLs need.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from bench import data
from bench.capacity import mix

# A team with fewer open cases than this is one of the benchmark's query-growth teams (1 or
# 20 updates, one case): its dashboard would flatter the figure, so no supervisor of it
# takes part. Its officer and victim are two among thousands and change nothing.
TEAM_MIN_CASES = 10
UPDATES_PER_VICTIM = 5  # enough different update pages for a victim to open
CASES_PER_OFFICER = 30  # a caseload's worth


@dataclass
class Population:
    victims: list[dict]  # {"id", "update_ids"}
    officers: list[dict]  # {"id", "case_ids"}
    supervisors: list[dict]  # {"id"}
    guides: list[str]

    def summary(self) -> dict:
        return {
            "victims": len(self.victims),
            "officers": len(self.officers),
            "supervisors": len(self.supervisors),
            "guides": len(self.guides),
        }


def find(app) -> Population:
    from portal.data.models import Case, CaseStatus, StaffRole, StaffUser, Update
    from portal.easyread import current_library
    from portal.extensions import db

    with app.app_context():
        is_open = Case.status == CaseStatus.OPEN
        updates: dict[uuid.UUID, list[str]] = defaultdict(list)
        for victim_id, update_id in db.session.execute(
            select(Case.victim_id, Update.id)
            .join(Update, Update.case_id == Case.id)
            .where(is_open)
            .order_by(Case.victim_id, Update.published_at.desc())
        ):
            if len(updates[victim_id]) < UPDATES_PER_VICTIM:
                updates[victim_id].append(str(update_id))
        cases: dict[uuid.UUID, list[str]] = defaultdict(list)
        for officer_id, case_id in db.session.execute(
            select(Case.officer_id, Case.id).where(is_open).order_by(Case.officer_id, Case.id)
        ):
            if len(cases[officer_id]) < CASES_PER_OFFICER:
                cases[officer_id].append(str(case_id))
        team_cases = (
            select(StaffUser.team_id)
            .join(Case, Case.officer_id == StaffUser.id)
            .where(is_open)
            .group_by(StaffUser.team_id)
            .having(func.count(Case.id) >= TEAM_MIN_CASES)
        )
        supervisors = db.session.scalars(
            select(StaffUser.id)
            .where(
                StaffUser.staff_role == StaffRole.SUPERVISOR,
                StaffUser.is_disabled.is_(False),
                StaffUser.team_id.in_(team_cases),
            )
            .order_by(StaffUser.id)
        ).all()
        guides = current_library().slugs()
        db.session.remove()
    return Population(
        victims=[{"id": str(k), "update_ids": v} for k, v in sorted(updates.items())],
        officers=[{"id": str(k), "case_ids": v} for k, v in sorted(cases.items())],
        supervisors=[{"id": str(k)} for k in supervisors],
        guides=guides,
    )


def counts_for(users: int) -> dict[str, int]:
    """How many of each kind Locust will start for `users` (rounded up: a spare or two)."""
    weights = mix.weights()
    total = sum(weights.values())
    return {kind: math.ceil(users * weight / total) for kind, weight in weights.items()}


def sign_in(app, population: Population, users: int, path: Path) -> None:
    """Make the sessions for a step of `users` users; write them to `path` as JSON."""
    from portal.data.models import AuthSession
    from portal.extensions import db

    pools = {"victim": population.victims, "officer": population.officers}
    pools["supervisor"] = population.supervisors
    out: dict = {"cookie_name": app.config["SESSION_COOKIE_NAME"], "guides": population.guides}
    with app.app_context():
        for kind, count in counts_for(users).items():
            pool = pools[kind]
            if not pool:
                raise RuntimeError(f"the bench data has no {kind} to sign in")
            principal_kind = "victim" if kind == "victim" else "staff"
            entries = []
            # More users than people: some people are signed in twice, as on two devices.
            for n in range(count):
                person = pool[n % len(pool)]
                token = secrets.token_urlsafe(32)
                db.session.add(
                    AuthSession(
                        token_hash=hashlib.sha256(token.encode()).hexdigest(),
                        principal_kind=principal_kind,
                        principal_id=uuid.UUID(person["id"]),
                    )
                )
                entries.append({**person, "cookie": data.cookie_for(app, token)})
            out[kind] = entries
        db.session.commit()
        db.session.remove()
        db.engine.dispose()  # the runner holds no connection while the server is measured
    path.write_text(json.dumps(out))
