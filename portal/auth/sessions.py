"""Server-side sessions on top of Flask-Login.

The cookie carries only a random token. The server looks it up on every request, so a
session can be ended from anywhere (sign-out, exit, a disabled account, a new passphrase)
and an old cookie replayed afterwards is worthless. Idle and absolute limits are checked
here, on the server, never trusted to the browser.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import Response, current_app, g, redirect, session
from flask_login import current_user, login_user, logout_user
from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.orm import joinedload

from portal.data.models import AuthSession, Case, StaffUser, Victim, utcnow
from portal.extensions import db

# Writing last_seen on every request would make every page a write; a minute is precise
# enough for a 15-minute idle limit.
LAST_SEEN_RESOLUTION = timedelta(seconds=60)

PRINCIPAL_MODELS: dict[str, type] = {"victim": Victim, "staff": StaffUser}
# What comes with a principal in the same query, because every page of theirs needs it:
# a victim's cases, each with its officer: only what a victim's pages show of the officer
# (never their password hash or TOTP secret; anything else would load on first use); a
# member of staff's team (the supervisor's pages name it).
PRINCIPAL_LOADS: dict[str, tuple] = {
    "staff": (joinedload(StaffUser.team),),
    "victim": (
        joinedload(Victim.cases)
        .joinedload(Case.officer)
        .load_only(
            StaffUser.display_name,
            StaffUser.rank,
            StaffUser.collar_number,
            StaffUser.contact_phone,
            StaffUser.contact_hours,
        ),
    ),
}


def register_principal(kind: str, model: type, loads: tuple = ()) -> None:
    """Let a later area (supporters, say) add a kind of principal."""
    PRINCIPAL_MODELS[kind] = model
    PRINCIPAL_LOADS[kind] = loads


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def idle_limit(kind: str) -> timedelta:
    settings = current_app.config["SETTINGS"]
    minutes = (
        settings.staff_idle_timeout_minutes if kind == "staff" else settings.idle_timeout_minutes
    )
    return timedelta(minutes=minutes)


def absolute_limit() -> timedelta:
    return timedelta(hours=current_app.config["SETTINGS"].absolute_lifetime_hours)


def start_session(principal) -> AuthSession:
    """Sign `principal` in with a brand-new session (never reuse one from before sign-in)."""
    session.clear()
    token = secrets.token_urlsafe(32)
    record = AuthSession(
        token_hash=_hash(token), principal_kind=principal.kind, principal_id=principal.id
    )
    db.session.add(record)
    db.session.commit()
    principal.session_token = token
    login_user(principal)
    g.auth_session = record
    return record


def load_principal(user_id: str):
    """Flask-Login's user loader: the principal behind a live session token, or None.

    `user_id` is "<kind>.<token>" (Principal.get_id), or a bare token from a cookie made
    before the kind was kept. The kind only chooses which table to join: the row must
    still say that kind, and the token must still match."""
    kind, _, token = user_id.rpartition(".")  # a token has no "." in it
    if kind and kind not in PRINCIPAL_MODELS:
        return None
    found = _session_and_principal(token, kind or None)
    if found is None:
        return None
    record, principal = found
    now = utcnow()
    if now - record.last_seen_at > idle_limit(record.principal_kind):
        return _expire(record, "idle")
    if now - record.created_at > absolute_limit():
        return _expire(record, "lifetime")
    if principal is None or not principal.is_active:
        return _expire(record, "inactive")
    if now - record.last_seen_at > LAST_SEEN_RESOLUTION:
        record.last_seen_at = now
        db.session.commit()
    principal.session_token = token
    g.auth_session = record
    return principal


def _session_and_principal(token: str, kind: str | None):
    """The live session behind `token` and its principal (None if that has gone), in one
    query: every page asks for both before it does anything else. With the `kind`, only
    its table is joined; without it, every kind's."""
    kinds = (kind,) if kind else tuple(PRINCIPAL_MODELS)
    query = _SESSION_QUERIES.get(kinds)
    if query is None:
        query = _SESSION_QUERIES[kinds] = _session_query(kinds)
    row = db.session.execute(query, {"token_hash": _hash(token)}).unique().first()
    if row is None:
        return None
    record, *principals = row
    return record, next((p for p in principals if p is not None), None)


# Built once per set of principal kinds and reused: SQLAlchemy then also keeps its cache
# key, which costs about as much to work out as the query takes to run.
_SESSION_QUERIES: dict[tuple[str, ...], object] = {}


def _session_query(kinds: tuple[str, ...]):
    models = [(kind, PRINCIPAL_MODELS[kind]) for kind in kinds]
    query = select(AuthSession, *(model for _, model in models))
    for kind, model in models:
        query = query.outerjoin(
            model, and_(AuthSession.principal_kind == kind, model.id == AuthSession.principal_id)
        )
    if len(kinds) == 1:
        query = query.where(AuthSession.principal_kind == kinds[0])
    return query.where(
        AuthSession.token_hash == bindparam("token_hash"), AuthSession.ended_at.is_(None)
    ).options(*(load for kind in kinds for load in PRINCIPAL_LOADS.get(kind, ())))


def _expire(record: AuthSession, reason: str) -> None:
    record.ended_at = utcnow()
    record.end_reason = reason
    db.session.commit()
    g.session_timed_out = reason in {"idle", "lifetime"}
    return None


def end_current_session(reason: str) -> None:
    # Flask-Login loads the session lazily: a public view (the exit route) may not have
    # asked who is signed in yet, and then there would be no session here to end.
    _ = current_user.is_authenticated
    record = g.get("auth_session")
    if record is not None and record.ended_at is None:
        record.ended_at = utcnow()
        record.end_reason = reason
        db.session.commit()
    logout_user()
    session.clear()


# Sent when someone signs out or exits: the browser drops its cache, cookies and storage,
# so the back button and the history show nothing of what was on the screen.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def leave_to(location: str, reason: str) -> Response:
    """End the current session on the server and send the browser to `location` with
    nothing of the portal left behind in it."""
    end_current_session(reason)
    response = redirect(location, code=303)
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    response.delete_cookie(current_app.config["SESSION_COOKIE_NAME"])
    return response


def end_all_sessions(principal_kind: str, principal_id, reason: str) -> int:
    """End every live session of one principal (disabled account, new passphrase)."""
    result = db.session.execute(
        update(AuthSession)
        .where(
            AuthSession.principal_kind == principal_kind,
            AuthSession.principal_id == principal_id,
            AuthSession.ended_at.is_(None),
        )
        .values(ended_at=utcnow(), end_reason=reason)
    )
    db.session.commit()
    return result.rowcount or 0


def seconds_until_idle_timeout() -> int | None:
    record = g.get("auth_session")
    if record is None:
        return None
    return int(idle_limit(record.principal_kind).total_seconds())
