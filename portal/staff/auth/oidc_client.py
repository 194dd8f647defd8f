"""The force's identity provider, reached through Authlib's OpenID Connect client.

Authlib does the protocol: it reads the provider's discovery document, sends the person
there with a fresh `state`, `nonce` and PKCE (S256) challenge kept in the signed session,
exchanges the code with the client secret, and checks the ID token's signature against
the provider's JWKS. The discovery document and the JWKS are fetched once and cached on
the client for the life of the process; an ID token signed with a key id not in the cache
makes Authlib fetch the JWKS once more (the provider has rotated its keys).

This module adds what Authlib leaves to the application. `iss` and `aud` are checked
against the configured issuer and client id, never against what the discovery document
says; the audience must be this portal alone; `iat` must be recent; and an answer with no
ID token is refused. A refusal raises `Refused` with a short reason for the audit log,
never the token or a claim's value.
"""

from __future__ import annotations

import time

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, session
from joserfc.errors import ClaimError, JoseError

from portal.config import split_list

NAME = "force"
# Clocks differ a little between the provider and the portal; no more than this.
LEEWAY_SECONDS = 60
# An ID token is used the moment it is issued: an older one is a replay.
MAX_TOKEN_AGE_SECONDS = 600
TIMEOUT_SECONDS = 10
# Remembered in the session so that signing out also ends the provider's session.
_SIGNED_IN_WITH = "staff_signed_in_with"


class Refused(Exception):
    """The provider's answer cannot sign anyone in. `reason` is for the audit log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def init_app(app: Flask) -> None:
    settings = app.config["SETTINGS"]
    if not settings.oidc_enabled:
        return
    oauth = OAuth(app)
    oauth.register(
        NAME,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=f"{settings.oidc_issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": settings.oidc_scopes,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_basic",
            "default_timeout": TIMEOUT_SECONDS,
        },
    )


def _client():
    return current_app.extensions["authlib.integrations.flask_client"].create_client(NAME)


def _metadata(client) -> dict:
    """The discovery document, fetched once; it must name the configured issuer."""
    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise Refused("provider_unreachable") from error
    if metadata.get("issuer") != current_app.config["SETTINGS"].oidc_issuer:
        # A document for another issuer: forget it, so a corrected one is read next time.
        client.server_metadata.clear()
        raise Refused("discovery_issuer")
    return metadata


def redirect_to_provider(redirect_uri: str):
    """The redirect that sends the person to sign in at their force's provider."""
    client = _client()
    _metadata(client)
    extra = {}
    acr_values = split_list(current_app.config["SETTINGS"].oidc_mfa_acr)
    if acr_values:
        extra["acr_values"] = " ".join(acr_values)
    return client.authorize_redirect(redirect_uri, **extra)


def finish() -> dict:
    """Check the provider's answer on the return address; the ID token's claims, or Refused."""
    settings = current_app.config["SETTINGS"]
    client = _client()
    _metadata(client)
    try:
        token = client.authorize_access_token(
            claims_options={
                "iss": {"essential": True, "value": settings.oidc_issuer},
                "aud": {"essential": True, "value": settings.oidc_client_id},
            },
            leeway=LEEWAY_SECONDS,
        )
    except MismatchingStateError as error:
        # No sign-in was started from this browser with that state: a forged or replayed
        # return (login CSRF), or a second use of the same return address.
        raise Refused("state") from error
    except OAuthError as error:
        raise Refused("provider_error") from error
    except ClaimError as error:
        raise Refused(f"claim_{error.claim}") from error
    except JoseError as error:
        raise Refused(f"token_{error.error}") from error
    except (requests.RequestException, ValueError) as error:
        raise Refused("provider_unreachable") from error
    claims = token.get("userinfo")
    if not claims:
        raise Refused("no_id_token")
    _check_audience_alone(claims, settings.oidc_client_id)
    _check_issued_recently(claims)
    return dict(claims)


def _check_audience_alone(claims, client_id: str) -> None:
    # OpenID Connect Core 3.1.3.7: a token that also names audiences we do not trust is
    # refused, not merely one that leaves us out.
    audience = claims.get("aud")
    audience = [audience] if isinstance(audience, str) else list(audience or [])
    if audience != [client_id]:
        raise Refused("claim_aud")


def _check_issued_recently(claims) -> None:
    issued = claims.get("iat")
    now = time.time()
    if not isinstance(issued, int | float) or not (
        now - MAX_TOKEN_AGE_SECONDS <= issued <= now + LEEWAY_SECONDS
    ):
        raise Refused("claim_iat")


def remember_signed_in_here() -> None:
    """Mark the new portal session as one that came from the provider."""
    session[_SIGNED_IN_WITH] = NAME


def logout_url(post_logout_redirect_uri: str) -> str | None:
    """Where sign-out goes next to end the provider's session too: only for a session that
    came from the provider, and only if it has an end_session_endpoint."""
    settings = current_app.config["SETTINGS"]
    if not settings.oidc_enabled or session.get(_SIGNED_IN_WITH) != NAME:
        return None
    client = _client()
    try:
        metadata = _metadata(client)
    except Refused:
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    return client.create_logout_url(
        post_logout_redirect_uri=post_logout_redirect_uri,
        client_id=settings.oidc_client_id,
    )["url"]
