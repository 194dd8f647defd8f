"""The records systems allowed to call the API, read from PORTAL_API_CLIENTS (JSON).

    [{"id": "rms-1", "force": "wmp", "scopes": ["events:write", "cases:write"],
      "signing_key": "<base64, 32 bytes or more>", "oauth_client_id": "<the IdP's id>",
      "publish_at_once": ["court_date_set"]}]

A client is one force's system: it reaches only that force's cases, with only its scopes.
`signing_key` lets it sign requests; `oauth_client_id` lets it use access tokens from the
configured issuer (either or both). `publish_at_once` names the event types whose template
update that force lets go to the victim with no officer's review.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from portal.data.models.event_types import KEY_DECISION_TYPES
from portal.rules.victims_code import event_rule

EVENTS_SCOPE = "events:write"
CASES_SCOPE = "cases:write"
SCOPES = frozenset({EVENTS_SCOPE, CASES_SCOPE})
MIN_KEY_BYTES = 32


class ClientConfigError(ValueError):
    """PORTAL_API_CLIENTS is not as docs/api.md says; the message names what is wrong."""


@dataclass(frozen=True)
class ApiClient:
    id: str
    force: str
    scopes: frozenset[str]
    signing_key: bytes | None = None
    oauth_client_id: str | None = None
    publish_at_once: frozenset[str] = frozenset()


def parse_clients(raw: str) -> dict[str, ApiClient]:
    """Every configured client by its id. Never repeats a key in an error."""
    if not raw.strip():
        return {}
    try:
        items = json.loads(raw)
    except json.JSONDecodeError:
        raise ClientConfigError("PORTAL_API_CLIENTS is not JSON") from None
    if not isinstance(items, list):
        raise ClientConfigError("PORTAL_API_CLIENTS must be a JSON list of clients")
    clients: dict[str, ApiClient] = {}
    for item in items:
        client = _client(item)
        if client.id in clients:
            raise ClientConfigError(f"PORTAL_API_CLIENTS names client {client.id!r} twice")
        clients[client.id] = client
    return clients


def _client(item) -> ApiClient:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
        raise ClientConfigError("PORTAL_API_CLIENTS: every client needs an id")
    name = item["id"]
    force = item.get("force")
    if not isinstance(force, str) or not force:
        raise ClientConfigError(f"PORTAL_API_CLIENTS: client {name!r} needs a force")
    scopes = frozenset(item.get("scopes") or ())
    if not scopes <= SCOPES:
        raise ClientConfigError(f"PORTAL_API_CLIENTS: client {name!r} has an unknown scope")
    at_once = frozenset(item.get("publish_at_once") or ())
    if not at_once <= {str(kind) for kind in KEY_DECISION_TYPES}:
        raise ClientConfigError(
            f"PORTAL_API_CLIENTS: client {name!r} publish_at_once names an unknown event type"
        )
    # A decision is told with its reasons (Victims' Code, Right 6), and only the officer
    # can write them: a records system may never publish one on its own.
    decisions = sorted(kind for kind in at_once if event_rule(kind).is_decision)
    if decisions:
        raise ClientConfigError(
            f"PORTAL_API_CLIENTS: client {name!r} publish_at_once names a decision, which "
            f"needs the officer's reasons: {', '.join(decisions)}"
        )
    key = None
    if item.get("signing_key"):
        try:
            key = base64.urlsafe_b64decode(item["signing_key"])
        except (binascii.Error, ValueError, TypeError):
            raise ClientConfigError(
                f"PORTAL_API_CLIENTS: client {name!r} signing_key is not base64"
            ) from None
        if len(key) < MIN_KEY_BYTES:
            raise ClientConfigError(
                f"PORTAL_API_CLIENTS: client {name!r} signing_key must be 32 bytes or more"
            )
    oauth = item.get("oauth_client_id") or None
    if key is None and oauth is None:
        raise ClientConfigError(
            f"PORTAL_API_CLIENTS: client {name!r} needs a signing_key or an oauth_client_id"
        )
    return ApiClient(name, force, scopes, key, oauth, at_once)
