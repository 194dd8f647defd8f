"""OAuth 2 client-credentials access tokens: JWTs from the force's identity provider.

The token's signature is checked against the issuer's published keys (its JWKS, fetched
and kept for ten minutes, fetched again once when a token names a key we do not have), and
its claims: `iss` is the configured issuer, `aud` the configured audience, `exp` not past.
The client is named by `client_id` (RFC 9068), `azp` or `appid` (Microsoft Entra ID); its
scopes are `scope` or `scp` (space-separated) or `roles` (Entra's application roles).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from dataclasses import dataclass

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

ALGORITHMS = ("RS256", "PS256", "ES256")
JWKS_LIFETIME = 600.0
REFETCH_AT_MOST_EVERY = 30.0
LEEWAY_SECONDS = 60


class TokenRefused(Exception):
    """Why a token was refused, in words safe to send back (never the token itself)."""


@dataclass(frozen=True)
class TokenClaims:
    client_id: str
    scopes: frozenset[str]


class JwksCache:
    """The issuer's keys, fetched over HTTPS (plain HTTP only off production, for tests)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def keys(self, refresh: bool = False) -> KeySet:
        with self._lock:
            age = time.monotonic() - self._fetched_at
            stale = self._keys is None or age > JWKS_LIFETIME
            if stale or (refresh and age > REFETCH_AT_MOST_EVERY):
                self._keys = KeySet.import_key_set(self._fetch())
                self._fetched_at = time.monotonic()
            return self._keys

    def _fetch(self) -> dict:
        if not self.url.startswith(("https://", "http://")):
            raise TokenRefused("the issuer's keys cannot be fetched")
        try:
            with urllib.request.urlopen(self.url, timeout=5) as answer:  # noqa: S310 (checked above)
                return json.load(answer)
        except (OSError, ValueError):
            raise TokenRefused("the issuer's keys cannot be fetched just now") from None


def validate(token: str, jwks: JwksCache, issuer: str, audience: str) -> TokenClaims:
    """The client and scopes a valid token carries, or TokenRefused saying why not."""
    try:
        decoded = _decode(token, jwks)
    except TokenRefused:
        raise
    except JoseError:
        raise TokenRefused("the access token is not valid") from None
    registry = jwt.JWTClaimsRegistry(
        leeway=LEEWAY_SECONDS,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": audience},
        exp={"essential": True},
    )
    try:
        registry.validate(decoded.claims)
    except JoseError as error:
        raise TokenRefused(f"the access token's claims are not accepted: {error.error}") from None
    claims = decoded.claims
    client = claims.get("client_id") or claims.get("azp") or claims.get("appid")
    if not isinstance(client, str) or not client:
        raise TokenRefused("the access token names no client")
    return TokenClaims(client, _scopes(claims))


def _decode(token: str, jwks: JwksCache):
    try:
        return jwt.decode(token, jwks.keys(), algorithms=ALGORITHMS)
    except (JoseError, ValueError) as first:
        # A key rotated at the provider since we fetched: fetch again, once.
        try:
            return jwt.decode(token, jwks.keys(refresh=True), algorithms=ALGORITHMS)
        except ValueError:
            raise TokenRefused("the access token is not valid") from first


def _scopes(claims: dict) -> frozenset[str]:
    found: set[str] = set()
    for name in ("scope", "scp"):
        if isinstance(claims.get(name), str):
            found.update(claims[name].split())
    roles = claims.get("roles")
    if isinstance(roles, list):
        found.update(role for role in roles if isinstance(role, str))
    return frozenset(found)
