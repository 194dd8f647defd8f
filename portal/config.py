"""Typed settings, read from the environment, that fail closed.

Production is the default: a process started with no environment refuses to run rather
than fall back to a guessable secret or a file database. Only the demo and the test suite
pass `environment="development"` or `"test"` explicitly, and only they get defaults.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ENVIRONMENTS = ("production", "development", "test")

# Fixed values for the embedded demo and the tests only. A production start refuses them.
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production"  # noqa: S105
DEVELOPMENT_ENCRYPTION_KEYS = "dev1:" + base64.urlsafe_b64encode(b"d" * 32).decode()
DEVELOPMENT_BLIND_INDEX_KEY = base64.urlsafe_b64encode(b"i" * 32).decode()

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
STAGE_TIME_PREFIX = "PORTAL_STAGE_TIME_"
_STAGE_TIME = re.compile(r"^\s*[1-9]\d*-[1-9]\d* (weeks|months)\s*$")
_STAGES = ("reported", "investigation", "with_cps", "decision", "court", "outcome", "after")


class ConfigError(RuntimeError):
    """Raised when the environment would make the portal unsafe to start.

    `problems` holds one plain sentence per problem, each naming the setting and saying
    what to do; none repeats a secret.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


@dataclass(frozen=True)
class Settings:
    environment: str
    secret_key: str
    database_url: str | None
    encryption_keys: str
    blind_index_key: str
    # The database role that owns the tables and runs the migrations (docs/deployment.md);
    # unset, the migrations run as PORTAL_DATABASE_URL's role, as on SQLite and in the demo.
    migration_database_url: str | None = None
    ratelimit_storage_url: str = "memory://"
    trusted_proxy_count: int = 0
    exit_url: str = DEFAULT_EXIT_URL
    base_url: str = "http://127.0.0.1:5000"
    debug: bool = False
    idle_timeout_minutes: int = 15
    absolute_lifetime_hours: int = 12
    staff_idle_timeout_minutes: int = 30
    notify_api_key: str | None = None
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_tls: str = "starttls"
    mail_from: str = "no-reply@example.invalid"
    retention_days: int = 365 * 2
    # Staff sign-in (docs/staff.md, "Signing in through your force"). Either way can be
    # switched off; with no issuer, single sign-on is off and staff use password and TOTP.
    staff_local_sign_in: bool = True
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_scopes: str = "openid email profile"
    # The claim that must be true for the email claim to link an account at first sign-in.
    oidc_email_verified_claim: str = "email_verified"
    # The claims that carry the staff member's portal role and team; empty: not checked.
    oidc_role_claim: str = "roles"
    oidc_team_claim: str = ""
    # Multi-factor authentication is required: an `amr` holding one of these values, or an
    # `acr` equal to one of those (both comma-separated).
    oidc_mfa_amr: str = "mfa"
    oidc_mfa_acr: str = ""
    # How many working days an officer has to answer a victim's question (portal.rules.questions).
    question_reply_working_days: int = 2
    # The events API (docs/api.md): this deployment's force, its records-system clients
    # (JSON), and the OAuth 2 issuer whose access tokens it accepts.
    force_code: str = "local"
    api_clients: str = ""
    api_issuer: str | None = None
    api_audience: str | None = None
    api_jwks_url: str | None = None
    # Operations (docs/deployment.md): who may read /metrics, and Redis for /readyz.
    metrics_allowed: str = "127.0.0.1,::1"
    redis_url: str | None = None
    # "json" (one object a line, for the log collector) or "text"; production's default is json.
    log_format: str = "text"
    extra: Mapping[str, str] = field(default_factory=dict)
    # How long each stage of a case often takes, as the force sets it: PORTAL_STAGE_TIME_<STAGE>
    # = "6-12 months" (portal/rules/stages.py has the stages, defaults and their sources).
    stage_times: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, environment: str | None = None
    ) -> Settings:
        """Read settings from `env` (default: os.environ).

        `environment` overrides PORTAL_ENV; it is how the demo and tests ask for defaults.
        """
        env = os.environ if env is None else env
        chosen = environment or env.get("PORTAL_ENV", "production")
        if chosen not in ENVIRONMENTS:
            raise ConfigError(f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}")
        development = chosen != "production"
        settings = cls(
            environment=chosen,
            secret_key=env.get("PORTAL_SECRET_KEY", DEVELOPMENT_SECRET_KEY if development else ""),
            database_url=env.get("PORTAL_DATABASE_URL") or None,
            migration_database_url=env.get("PORTAL_MIGRATION_DATABASE_URL") or None,
            encryption_keys=env.get(
                "PORTAL_ENCRYPTION_KEYS", DEVELOPMENT_ENCRYPTION_KEYS if development else ""
            ),
            blind_index_key=env.get(
                "PORTAL_BLIND_INDEX_KEY", DEVELOPMENT_BLIND_INDEX_KEY if development else ""
            ),
            ratelimit_storage_url=env.get("PORTAL_RATELIMIT_STORAGE_URL", "memory://"),
            trusted_proxy_count=_int(env, "PORTAL_TRUSTED_PROXY_COUNT", 0),
            exit_url=env.get("PORTAL_EXIT_URL", DEFAULT_EXIT_URL),
            base_url=env.get("PORTAL_BASE_URL", "http://127.0.0.1:5000"),
            debug=env.get("PORTAL_DEBUG", "0") == "1",
            notify_api_key=env.get("PORTAL_NOTIFY_API_KEY") or None,
            notify_base_url=env.get(
                "PORTAL_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
            ),
            smtp_host=env.get("PORTAL_SMTP_HOST") or None,
            smtp_port=_int(env, "PORTAL_SMTP_PORT", 587),
            smtp_username=env.get("PORTAL_SMTP_USERNAME") or None,
            smtp_password=env.get("PORTAL_SMTP_PASSWORD") or None,
            smtp_tls=env.get("PORTAL_SMTP_TLS", "starttls"),
            mail_from=env.get("PORTAL_MAIL_FROM", "no-reply@example.invalid"),
            retention_days=_int(env, "PORTAL_RETENTION_DAYS", 365 * 2),
            staff_local_sign_in=env.get("PORTAL_STAFF_LOCAL_SIGN_IN", "1") != "0",
            oidc_issuer=(env.get("PORTAL_OIDC_ISSUER") or "").rstrip("/") or None,
            oidc_client_id=env.get("PORTAL_OIDC_CLIENT_ID") or None,
            oidc_client_secret=env.get("PORTAL_OIDC_CLIENT_SECRET") or None,
            oidc_scopes=env.get("PORTAL_OIDC_SCOPES") or "openid email profile",
            oidc_email_verified_claim=env.get("PORTAL_OIDC_EMAIL_VERIFIED_CLAIM")
            or "email_verified",
            oidc_role_claim=env.get("PORTAL_OIDC_ROLE_CLAIM", "roles").strip(),
            oidc_team_claim=env.get("PORTAL_OIDC_TEAM_CLAIM", "").strip(),
            oidc_mfa_amr=env.get("PORTAL_OIDC_MFA_AMR", "mfa"),
            oidc_mfa_acr=env.get("PORTAL_OIDC_MFA_ACR", ""),
            question_reply_working_days=_int(env, "PORTAL_QUESTION_REPLY_WORKING_DAYS", 2),
            force_code=env.get("PORTAL_FORCE_CODE", "local"),
            api_clients=env.get("PORTAL_API_CLIENTS", ""),
            api_issuer=env.get("PORTAL_API_ISSUER") or None,
            api_audience=env.get("PORTAL_API_AUDIENCE") or None,
            api_jwks_url=env.get("PORTAL_API_JWKS_URL") or None,
            metrics_allowed=env.get("PORTAL_METRICS_ALLOWED", "127.0.0.1,::1"),
            redis_url=env.get("PORTAL_REDIS_URL") or None,
            log_format=env.get("PORTAL_LOG_FORMAT", "text" if development else "json"),
            extra={k: v for k, v in env.items() if k.startswith("PORTAL_NOTIFY_TEMPLATE_")},
            stage_times={
                k.removeprefix(STAGE_TIME_PREFIX).lower(): v
                for k, v in env.items()
                if k.startswith(STAGE_TIME_PREFIX)
            },
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse to start with anything `unsafe_settings` finds. Never prints a secret."""
        problems = unsafe_settings(self)
        if problems:
            raise ConfigError("Refusing to start: " + " ".join(problems), problems)

    def database_url_for(self, instance_path: str | Path) -> str:
        if self.database_url:
            return _normalise_database_url(self.database_url)
        return f"sqlite:///{Path(instance_path) / 'portal.sqlite3'}"

    def migration_database_url_for(self, instance_path: str | Path) -> str:
        """The owner's URL for the migrations: PORTAL_MIGRATION_DATABASE_URL, or the app's."""
        if self.migration_database_url:
            return _normalise_database_url(self.migration_database_url)
        return self.database_url_for(instance_path)


def parse_keys(value: str) -> list[tuple[str, bytes]]:
    """Parse `kid:base64key,kid:base64key` (newest first) into 32-byte AES keys."""
    keys = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        kid, colon, encoded = item.partition(":")
        if not colon or not kid or len(kid) > 16:
            # Without a colon the "id" is the key itself: never repeat it.
            raise ConfigError(
                "PORTAL_ENCRYPTION_KEYS: every key must be written id:base64key, with an id "
                "of at most 16 characters; make one with `portal keys generate k1`."
            )
        try:
            key = base64.urlsafe_b64decode(encoded)
        except (binascii.Error, ValueError) as error:
            raise ConfigError(
                f"PORTAL_ENCRYPTION_KEYS: key {kid!r} is not base64; "
                "make a new one with `portal keys generate`."
            ) from error
        if len(key) != 32:
            raise ConfigError(
                f"PORTAL_ENCRYPTION_KEYS: key {kid!r} must be 32 bytes (AES-256); "
                "make a new one with `portal keys generate`."
            )
        keys.append((kid, key))
    if not keys:
        raise ConfigError(
            "PORTAL_ENCRYPTION_KEYS holds no key; make one with `portal keys generate k1`."
        )
    return keys


# ---------------------------------------------------------------------------------------
# The rules. One function, used by every production start (Settings.check, so the app
# factory, gunicorn and every `portal` command) and by `portal check-config`.
# ---------------------------------------------------------------------------------------

# Every key the development defaults use, as bytes: they are published in this file, so
# they protect nothing, under whatever key id or setting they appear.
KNOWN_KEYS = frozenset(
    [
        base64.urlsafe_b64decode(DEVELOPMENT_ENCRYPTION_KEYS.partition(":")[2]),
        base64.urlsafe_b64decode(DEVELOPMENT_BLIND_INDEX_KEY),
    ]
)
KNOWN_SECRETS = frozenset(
    [DEVELOPMENT_SECRET_KEY, DEVELOPMENT_ENCRYPTION_KEYS, DEVELOPMENT_BLIND_INDEX_KEY]
)

# A key is 32 bytes: AES-256 needs exactly that, and the blind index's HMAC-SHA256 key
# should be no shorter than the hash it makes (RFC 2104). A 1-byte key has 256 values.
KEY_BYTES = 32
# 32 random bytes almost always hold 25 or more different byte values (in a trial of
# 200,000 random keys the fewest was 23). Fewer than 16 means the key was typed or
# patterned, not drawn at random: all zeros, one byte repeated, a short piece repeated.
KEY_MIN_DISTINCT_BYTES = 16
# The secret key signs sessions and CSRF tokens: anyone who knows it can forge a
# signed-in staff session. It is free text, so it is measured simply: long enough, made
# of enough different characters, and not one short piece repeated. 32 random hex
# characters hold 14 different ones on average and fewer than 10 about once in 10,000
# draws: a generated value that is refused is simply replaced by another.
SECRET_MIN_LENGTH = 32
SECRET_MIN_DISTINCT_CHARACTERS = 10

RANDOM_VALUE_ADVICE = (
    'set it to the output of `python -c "import secrets; print(secrets.token_urlsafe(48))"`'
)
MAKE_A_KEY = "make a new one with `portal keys generate`"


def unsafe_settings(settings: Settings) -> list[str]:
    """Every reason `settings` are unsafe, one plain sentence each.

    Each names the setting and says what to do; none repeats a secret's value. Addresses
    are checked in every environment; everything else only in production, where the
    development defaults are refused.
    """
    production = settings.is_production
    problems = _staff_sign_in_problems(settings)
    for stage, value in settings.stage_times.items():
        if stage not in _STAGES or not _STAGE_TIME.match(value):
            problems.append(
                f"{STAGE_TIME_PREFIX}{stage.upper()}: write a stage from "
                f"{', '.join(_STAGES)} and a range like '6-12 months' or '2-8 weeks'."
            )
    # The exit button must leave for a real web page, and links in notifications must
    # reach the portal over TLS: a `javascript:` or `data:` address runs code instead of
    # leaving, and `http://` lets anyone on the network read or change the page. Plain
    # http is allowed only off production, for the demo on 127.0.0.1.
    for name, value in (
        ("PORTAL_BASE_URL", settings.base_url),
        ("PORTAL_EXIT_URL", settings.exit_url),
        ("PORTAL_NOTIFY_BASE_URL", settings.notify_base_url),
    ):
        problems += _address_problems(name, value, production)
    if not 1 <= settings.question_reply_working_days <= 20:
        problems.append(
            "PORTAL_QUESTION_REPLY_WORKING_DAYS must be a whole number from 1 to 20: "
            "the working days an officer has to answer a victim's question."
        )
    if not production:
        return problems
    problems += _secret_key_problems(settings.secret_key)
    if not settings.database_url:
        problems.append("PORTAL_DATABASE_URL is not set: set it to your PostgreSQL database.")
    elif settings.database_url.startswith("sqlite"):
        problems.append("PORTAL_DATABASE_URL must not be SQLite in production: use PostgreSQL.")
    if settings.debug:
        problems.append("PORTAL_DEBUG must be off in production: remove it or set it to 0.")
    problems += _encryption_key_problems(settings.encryption_keys)
    problems += _blind_index_key_problems(settings.blind_index_key)
    if settings.ratelimit_storage_url.startswith("memory"):
        problems.append(
            "PORTAL_RATELIMIT_STORAGE_URL must point at Redis in production "
            "(redis://...): limits kept in memory are not shared between workers."
        )
    return problems


def _staff_sign_in_problems(settings: Settings) -> list[str]:
    """Checked in every environment: a half-configured single sign-on must not start."""
    problems = []
    if not settings.staff_local_sign_in and not settings.oidc_enabled:
        problems.append(
            "PORTAL_STAFF_LOCAL_SIGN_IN is 0 but PORTAL_OIDC_ISSUER is not set: staff would "
            "have no way to sign in. Set the issuer, or remove PORTAL_STAFF_LOCAL_SIGN_IN."
        )
    if not settings.oidc_enabled:
        return problems
    issuer = urlsplit(settings.oidc_issuer)
    schemes = ("https",) if settings.is_production else ("https", "http")
    if issuer.scheme not in schemes or not issuer.hostname or issuer.query or issuer.fragment:
        problems.append(
            "PORTAL_OIDC_ISSUER must be the identity provider's issuer, an https:// address "
            "with no query, exactly as its discovery document gives it."
        )
    if not settings.oidc_client_id or not settings.oidc_client_secret:
        problems.append(
            "PORTAL_OIDC_CLIENT_ID and PORTAL_OIDC_CLIENT_SECRET must both be set when "
            "PORTAL_OIDC_ISSUER is: register the portal with your identity provider."
        )
    if "openid" not in settings.oidc_scopes.split():
        problems.append("PORTAL_OIDC_SCOPES must include openid.")
    if not split_list(settings.oidc_mfa_amr) and not split_list(settings.oidc_mfa_acr):
        problems.append(
            "PORTAL_OIDC_MFA_AMR and PORTAL_OIDC_MFA_ACR are both empty: staff must prove "
            "a second factor. Set the amr value (mfa) or the acr value your provider sends."
        )
    return problems


def split_list(value: str) -> list[str]:
    """A comma-separated setting as a list, blanks dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]


ADDRESS_ADVICE = {
    "PORTAL_BASE_URL": "the portal's public address",
    "PORTAL_EXIT_URL": f"a neutral site, or remove it to use {DEFAULT_EXIT_URL}",
    "PORTAL_NOTIFY_BASE_URL": "GOV.UK Notify's address, or remove it to use the default",
}


def _address_problems(name: str, url: str, production: bool) -> list[str]:
    parts = urlsplit(url)
    schemes = ("https",) if production else ("https", "http")
    if parts.scheme in schemes and parts.hostname:
        return []
    kind = "an https:// address in production" if production else "an https:// or http:// address"
    return [f"{name} must be {kind}: set it to {ADDRESS_ADVICE[name]}."]


def _secret_key_problems(secret: str) -> list[str]:
    if not secret:
        return [f"PORTAL_SECRET_KEY is not set: {RANDOM_VALUE_ADVICE}."]
    if secret in KNOWN_SECRETS:
        return [
            "PORTAL_SECRET_KEY is a development default, published in the code: "
            f"{RANDOM_VALUE_ADVICE}."
        ]
    if len(secret) < SECRET_MIN_LENGTH:
        return [
            f"PORTAL_SECRET_KEY is shorter than {SECRET_MIN_LENGTH} characters: "
            f"{RANDOM_VALUE_ADVICE}."
        ]
    if len(set(secret)) < SECRET_MIN_DISTINCT_CHARACTERS or _repeats_a_short_piece(secret):
        return [
            "PORTAL_SECRET_KEY is too easy to guess (fewer than "
            f"{SECRET_MIN_DISTINCT_CHARACTERS} different characters, or one short piece "
            f"repeated): {RANDOM_VALUE_ADVICE}."
        ]
    return []


def _repeats_a_short_piece(text: str) -> bool:
    """True for "abcabcabc...": the whole text is one piece, up to half its length, repeated."""
    return any(
        text == (text[:size] * (len(text) // size + 1))[: len(text)]
        for size in range(1, len(text) // 2 + 1)
    )


def _key_problems(name: str, key: bytes) -> list[str]:
    if key in KNOWN_KEYS:
        return [f"{name} is a development key, published in the code: {MAKE_A_KEY}."]
    if len(key) < KEY_BYTES:
        return [f"{name} is shorter than {KEY_BYTES} bytes: {MAKE_A_KEY}."]
    if len(set(key)) < KEY_MIN_DISTINCT_BYTES:
        return [
            f"{name} is not random (all one value, or fewer than {KEY_MIN_DISTINCT_BYTES} "
            f"different bytes): {MAKE_A_KEY}."
        ]
    return []


def _encryption_key_problems(value: str) -> list[str]:
    if not value:
        return ["PORTAL_ENCRYPTION_KEYS is not set: make a key with `portal keys generate k1`."]
    try:
        keys = parse_keys(value)
    except ConfigError as error:
        return [str(error)]
    problems = []
    for kid, key in keys:
        problems += _key_problems(f"PORTAL_ENCRYPTION_KEYS key {kid!r}", key)
    return problems


def _blind_index_key_problems(value: str) -> list[str]:
    if not value:
        return [
            "PORTAL_BLIND_INDEX_KEY is not set: set it to the base64 of 32 random bytes "
            "(the part after the colon of `portal keys generate`)."
        ]
    try:
        key = base64.urlsafe_b64decode(value)
    except (binascii.Error, ValueError):
        return [f"PORTAL_BLIND_INDEX_KEY is not base64: {MAKE_A_KEY}."]
    return _key_problems("PORTAL_BLIND_INDEX_KEY", key)


def _normalise_database_url(url: str) -> str:
    # Use the psycopg 3 driver for plain postgres URLs, as hosting platforms give them.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ConfigError(f"{name} must be a whole number") from error
