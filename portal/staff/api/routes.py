"""The API's calls: open a case, send an event, and the OpenAPI description.

Every call is checked (a signed request or an access token from the configured issuer),
held to its client's force and scopes, and audited, refusals included.
"""

from __future__ import annotations

import logging

from flask import current_app, g, jsonify, request
from sqlalchemy import func, select

from portal.data import audit
from portal.data.models import Case, RecordsEvent, StaffRole, StaffUser
from portal.extensions import db
from portal.rules import records_events
from portal.rules.victims_code import event_rule
from portal.security.crypto import blind_index
from portal.staff.api import bodies, bp, signing, tokens
from portal.staff.api.clients import CASES_SCOPE, EVENTS_SCOPE, ApiClient, parse_clients
from portal.staff.api.openapi import document
from portal.staff.cases import DuplicateReference, NewCase, create_case, normalise_reference

log = logging.getLogger(__name__)

PUBLIC_ENDPOINTS = {"api.openapi"}


class Refused(Exception):
    def __init__(self, status: int, error: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.error, self.message, self.field = status, error, message, field


def _clients() -> dict[str, ApiClient]:
    if "portal.api_clients" not in current_app.extensions:
        settings = current_app.config["SETTINGS"]
        current_app.extensions["portal.api_clients"] = parse_clients(settings.api_clients)
    return current_app.extensions["portal.api_clients"]


def _jwks() -> tokens.JwksCache:
    settings = current_app.config["SETTINGS"]
    cache = current_app.extensions.get("portal.api_jwks")
    if cache is None or cache.url != settings.api_jwks_url:
        cache = current_app.extensions["portal.api_jwks"] = tokens.JwksCache(settings.api_jwks_url)
    return cache


@bp.before_request
def authenticate():
    g.api_client = None
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        g.api_client, g.api_scopes = _by_token(authorization.removeprefix("Bearer ").strip())
    elif "Beacon-Client" in request.headers:
        g.api_client = _by_signature(request.headers["Beacon-Client"])
        g.api_scopes = g.api_client.scopes
    else:
        raise Refused(401, "unauthenticated", "Sign the request or send an access token.")
    return None


def _by_token(token: str) -> tuple[ApiClient, frozenset[str]]:
    settings = current_app.config["SETTINGS"]
    if not (settings.api_issuer and settings.api_audience and settings.api_jwks_url):
        raise Refused(401, "unauthenticated", "This portal accepts no access tokens.")
    try:
        claims = tokens.validate(token, _jwks(), settings.api_issuer, settings.api_audience)
    except tokens.TokenRefused as refusal:
        raise Refused(401, "invalid_token", str(refusal)) from None
    for client in _clients().values():
        if client.oauth_client_id and client.oauth_client_id == claims.client_id:
            return client, client.scopes & claims.scopes
    raise Refused(401, "invalid_token", "The access token's client is not one of ours.")


def _by_signature(client_id: str) -> ApiClient:
    client = _clients().get(client_id)
    if client is None:
        raise Refused(401, "invalid_signature", "Beacon-Client is not one of ours.")
    try:
        signing.verify(client, request.method, request.path, request.headers, request.get_data())
    except signing.SignatureRefused as refusal:
        raise Refused(401, "invalid_signature", str(refusal)) from None
    return client


def _need(scope: str) -> ApiClient:
    if scope not in g.api_scopes:
        raise Refused(403, "insufficient_scope", f"This call needs the scope {scope}.")
    return g.api_client


@bp.errorhandler(Refused)
def refused(refusal: Refused):
    body = {"error": refusal.error, "message": refusal.message}
    if refusal.field:
        body["field"] = refusal.field
    response = jsonify(body)
    response.status_code = refusal.status
    if refusal.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="beacon"'
    return response


@bp.errorhandler(bodies.BadField)
def bad_field(problem: bodies.BadField):
    error = "bad_request" if problem.status == 400 else "invalid"
    return refused(Refused(problem.status, error, problem.message, problem.field))


@bp.after_request
def audit_the_call(response):
    """Every call, answered or refused, leaves an audit event naming the client (if any)."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return response
    client = g.get("api_client")
    db.session.rollback()  # whatever the call left unfinished is not this event's
    try:
        audit.record(
            "api.call",
            actor=records_events.RECORDS_SYSTEM,
            detail={
                "client": client.id if client else None,
                "endpoint": request.endpoint,
                "method": request.method,
                "status": response.status_code,
            },
        )
        db.session.commit()
    except Exception:  # the answer stands even if the log cannot be written just now
        log.warning("could not audit an API call", exc_info=True)
        db.session.rollback()
    return response


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


def _case_of_force(reference: str, client: ApiClient) -> Case:
    """The case with this reference, if it is the client's force's; 404 otherwise, the same
    answer either way, so a client learns nothing of another force's cases."""
    if len(reference) > 40:
        raise Refused(404, "not_found", "No such case.", "reference")
    index = blind_index(normalise_reference(reference))
    case = db.session.scalar(select(Case).where(Case.crime_reference_index == index))
    home = current_app.config["SETTINGS"].force_code
    if case is None or (case.force_code or home) != client.force:
        raise Refused(404, "not_found", "No such case.", "reference")
    return case


@bp.post("/cases/<path:reference>/events")
def post_event(reference: str):
    client = _need(EVENTS_SCOPE)
    body = bodies.event_body(request.get_data())
    case = _case_of_force(reference, client)
    sensitive = body.sensitive
    if sensitive is None:
        sensitive = event_rule(body.event_type).sensitive_by_default
    incoming = records_events.IncomingEvent(
        client_id=client.id,
        sender_event_id=body.event_id,
        event_type=body.event_type,
        occurred_at=body.occurred_at,
        sensitive=sensitive,
        publish_at_once=body.event_type in client.publish_at_once,
    )
    try:
        received = records_events.receive(case, incoming)
    except records_events.EventConflict:
        raise Refused(
            409, "conflict", "This event_id was sent before for a different event.", "event_id"
        ) from None
    except records_events.CaseClosed:
        raise Refused(409, "case_closed", "The case is closed.", "reference") from None
    except records_events.RecordingFailed:
        raise Refused(503, "unavailable", "Nothing was written: send the event again.") from None
    response = jsonify(_recorded(received.event))
    response.status_code = 201
    response.headers["Idempotent-Replayed"] = "false" if received.created else "true"
    return response


def _recorded(event: RecordsEvent) -> dict:
    obligation = event.obligation
    return {
        "id": str(event.id),
        "event_id": event.sender_event_id,
        "event_type": event.event_type,
        "occurred_at": _iso(event.occurred_at),
        "outcome": event.outcome,
        "due_at": _iso(obligation.due_at) if obligation is not None else None,
        "update_id": str(event.update_id) if event.update_id else None,
    }


def _iso(moment) -> str:
    from datetime import UTC

    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@bp.post("/cases")
def post_case():
    client = _need(CASES_SCOPE)
    body = bodies.case_body(request.get_data())
    officer = db.session.scalar(
        select(StaffUser).where(
            func.lower(StaffUser.email) == body.officer_email.strip().lower(),
            StaffUser.staff_role.in_([StaffRole.OFFICER, StaffRole.SUPERVISOR]),
            StaffUser.is_disabled.is_(False),
            StaffUser.awaiting_approval.is_(False),
        )
    )
    if officer is None:
        raise Refused(422, "invalid", "No active officer has this email.", "officer_email")
    details = NewCase(
        crime_reference=body.reference,
        offence_category=body.offence_category,
        force_country=body.force_country,
        reported_on=body.reported_on,
        preferred_name=body.preferred_name,
        language=body.language,
        channel=body.channel,
        routine_frequency=body.routine_frequency,
        email=body.email,
        phone=body.phone,
    )
    try:
        case, code = create_case(details, officer, force_code=client.force)
    except DuplicateReference:
        raise Refused(409, "conflict", "A case with this reference exists.", "reference") from None
    opened = {"id": str(case.id), "reference": case.crime_reference, "activation_code": code}
    response = jsonify(opened)
    response.status_code = 201
    return response
