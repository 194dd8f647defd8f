"""Typed settings, read from the environment, that fail closed.

Production is the default: a process started with no environment refuses to run rather
than fall back to a guessable secret or a file database. Only the demo and the test suite
pass `environment="development"` or `"test"` explicitly, and only they get defaults.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ENVIRONMENTS = ("production", "development", "test")

# Fixed values for the embedded demo and the tests only. A production start refuses them.
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production"  # noqa: S105
DEVELOPMENT_ENCRYPTION_KEYS = "dev1:" + base64.urlsafe_b64encode(b"d" * 32).decode()
DEVELOPMENT_BLIND_INDEX_KEY = base64.urlsafe_b64encode(b"i" * 32).decode()

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


class ConfigError(RuntimeError):
    """Raised when the environment would make the portal unsafe to start."""


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
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

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
            extra={k: v for k, v in env.items() if k.startswith("PORTAL_NOTIFY_TEMPLATE_")},
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse a production start with anything unsafe. Never prints a secret."""
        if not self.is_production:
            return
        problems = []
        if len(self.secret_key) < 32 or self.secret_key == DEVELOPMENT_SECRET_KEY:
            problems.append("PORTAL_SECRET_KEY must be set to a random value of 32+ characters")
        if not self.database_url:
            problems.append("PORTAL_DATABASE_URL must be set (PostgreSQL)")
        elif self.database_url.startswith("sqlite"):
            problems.append("PORTAL_DATABASE_URL must not be SQLite in production")
        if self.debug:
            problems.append("PORTAL_DEBUG must be off in production")
        if not self.encryption_keys or self.encryption_keys == DEVELOPMENT_ENCRYPTION_KEYS:
            problems.append("PORTAL_ENCRYPTION_KEYS must be set to your own keys")
        else:
            try:
                parse_keys(self.encryption_keys)
            except ConfigError as error:
                problems.append(str(error))
        if not self.blind_index_key or self.blind_index_key == DEVELOPMENT_BLIND_INDEX_KEY:
            problems.append("PORTAL_BLIND_INDEX_KEY must be set to your own key")
        if self.ratelimit_storage_url.startswith("memory"):
            problems.append("PORTAL_RATELIMIT_STORAGE_URL must point at Redis in production")
        if not self.base_url.startswith("https://"):
            problems.append("PORTAL_BASE_URL must be an https:// address in production")
        if problems:
            raise ConfigError("Refusing to start: " + "; ".join(problems))

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
        kid, _, encoded = item.partition(":")
        try:
            key = base64.urlsafe_b64decode(encoded)
        except (binascii.Error, ValueError) as error:
            raise ConfigError(f"encryption key {kid!r} is not base64") from error
        if not kid or len(kid) > 16 or len(key) != 32:
            raise ConfigError(f"encryption key {kid!r} must have an id and 32 bytes")
        keys.append((kid, key))
    if not keys:
        raise ConfigError("PORTAL_ENCRYPTION_KEYS holds no key")
    return keys


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
