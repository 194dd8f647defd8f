"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json (docs/api.md).

Built from the same lists and patterns the checks use (bodies.py), so what it promises is
what the API does.
"""

from __future__ import annotations

from portal.staff.api import bodies
from portal.staff.api.clients import CASES_SCOPE, EVENTS_SCOPE


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


ERRORS = {
    "400": _error("The body is not JSON."),
    "401": _error("Not signed, or the signature or token is refused."),
    "403": _error("The client does not have the scope this call needs."),
    "404": _error("No such case, or the case belongs to another force."),
    "405": _error("This method is not allowed here."),
    "413": _error("The body is larger than 2 MB."),
    "422": _error("A field is missing or wrong: `field` names it."),
    "503": _error("The database could not write just now: nothing was written; send it again."),
}

SECURITY = [{"oauth2": []}, {"signedRequest": []}]


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Beacon records-system events API",
            "version": "1.0.0",
            "description": "How a force's records system tells Beacon about a case: "
            "see docs/api.md for signing, tokens, idempotency and errors.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": SECURITY,
        "paths": {
            "/cases": {"post": _new_case()},
            "/cases/{reference}/events": {"post": _new_event()},
        },
        "components": {"schemas": _schemas(), "securitySchemes": _security_schemes()},
    }


def _new_event() -> dict:
    return {
        "operationId": "postCaseEvent",
        "summary": "Tell Beacon that something happened in a case.",
        "description": "Starts the Victims' Code deadline from occurred_at. A draft for the "
        "officer by default; published at once for the event types the force chose. Sending "
        "the same event_id again records nothing new and gets the same answer.",
        "parameters": [
            {
                "name": "reference",
                "in": "path",
                "required": True,
                "description": "The crime reference number.",
                "schema": {"type": "string", "pattern": bodies.REFERENCE},
            }
        ],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}},
        },
        "responses": {
            "201": {
                "description": "Recorded (or, with Idempotent-Replayed: true, recorded before).",
                "headers": {
                    "Idempotent-Replayed": {
                        "description": "true when this event_id had been received already.",
                        "schema": {"type": "string", "enum": ["true", "false"]},
                    }
                },
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/EventRecorded"}}
                },
            },
            **ERRORS,
            "409": _error("event_id was used for a different event, or the case is closed."),
        },
        "x-scope": EVENTS_SCOPE,
    }


def _new_case() -> dict:
    return {
        "operationId": "postCase",
        "summary": "Open a case and invite the victim.",
        "description": "The answer carries the victim's one-time activation code; it is "
        "stored hashed and never shown again.",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}},
        },
        "responses": {
            "201": {
                "description": "The case is open and the victim invited.",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CaseOpened"}}
                },
            },
            **ERRORS,
            "409": _error("A case with this reference exists already."),
        },
        "x-scope": CASES_SCOPE,
    }


def _schemas() -> dict:
    date_time = {"type": "string", "format": "date-time"}
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {"type": "string"},
                "field": {"type": "string"},
                "message": {"type": "string"},
                "reference": {"type": "string"},
            },
        },
        "Event": {
            "type": "object",
            "additionalProperties": False,
            "required": ["event_id", "event_type", "occurred_at"],
            "properties": {
                "event_id": {
                    "type": "string",
                    "pattern": bodies.EVENT_ID,
                    "description": "The sender's own id for the event: the idempotency key.",
                },
                "event_type": {"type": "string", "enum": bodies.EVENT_TYPES},
                "occurred_at": {
                    **date_time,
                    "description": "When it happened (RFC 3339, with its zone); not future.",
                },
                "sensitive": {
                    "type": "boolean",
                    "description": "Shown with a content note; defaults to the event type's.",
                },
            },
        },
        "EventRecorded": {
            "type": "object",
            "required": ["id", "event_id", "event_type", "occurred_at", "outcome", "due_at"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "event_id": {"type": "string"},
                "event_type": {"type": "string"},
                "occurred_at": date_time,
                "outcome": {"type": "string", "enum": ["draft", "published"]},
                "due_at": {"type": ["string", "null"], "format": "date-time"},
                "update_id": {"type": ["string", "null"], "format": "uuid"},
            },
        },
        "Case": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "reference",
                "offence_category",
                "force_country",
                "reported_on",
                "officer_email",
                "preferred_name",
            ],
            "properties": {
                "reference": {"type": "string", "pattern": bodies.REFERENCE},
                "offence_category": {"type": "string", "enum": bodies.OFFENCES},
                "force_country": {"type": "string", "enum": bodies.COUNTRIES},
                "reported_on": {
                    "type": "string",
                    "format": "date",
                    "description": "The day the crime was first reported to the police "
                    "(not in the future): the referral to support is due 2 working days "
                    "after it.",
                },
                "officer_email": {"type": "string", "pattern": bodies.OFFICER_EMAIL},
                "preferred_name": {"type": "string", "pattern": bodies.NAME},
                "language": {"type": "string", "enum": bodies.LANGUAGE_CODES},
                "channel": {"type": "string", "enum": bodies.CHANNELS},
                "routine_frequency": {"type": "string", "enum": bodies.FREQUENCIES},
                "email": {"type": "string", "format": "email", "maxLength": 254},
                "phone": {"type": "string", "pattern": bodies.PHONE},
            },
        },
        "CaseOpened": {
            "type": "object",
            "required": ["id", "reference", "activation_code"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "reference": {"type": "string"},
                "activation_code": {"type": "string"},
            },
        },
    }


def _security_schemes() -> dict:
    return {
        "oauth2": {
            "type": "oauth2",
            "description": "Client-credentials access token (a JWT) from the force's issuer.",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "https://login.example.invalid/token",
                    "scopes": {
                        EVENTS_SCOPE: "Send events about the force's cases.",
                        CASES_SCOPE: "Open cases and invite victims.",
                    },
                }
            },
        },
        "signedRequest": {
            "type": "apiKey",
            "in": "header",
            "name": "Beacon-Signature",
            "description": "HMAC-SHA256 with the client's key; also send Beacon-Client, "
            "Beacon-Timestamp and Beacon-Nonce (docs/api.md).",
        },
    }
