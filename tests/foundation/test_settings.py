import base64

import pytest

from portal import create_app
from portal.config import DEVELOPMENT_SECRET_KEY, ConfigError, Settings

GOOD_KEY = "k1:" + base64.urlsafe_b64encode(b"k" * 32).decode()
SAFE_PRODUCTION = {
    "PORTAL_SECRET_KEY": "s" * 40,
    "PORTAL_DATABASE_URL": "postgresql://portal@db.internal/portal",
    "PORTAL_ENCRYPTION_KEYS": GOOD_KEY,
    "PORTAL_BLIND_INDEX_KEY": base64.urlsafe_b64encode(b"b" * 32).decode(),
    "PORTAL_RATELIMIT_STORAGE_URL": "redis://cache.internal:6379/0",
    "PORTAL_BASE_URL": "https://beacon.example",
}


def test_production_is_the_default_and_refuses_an_empty_environment():
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({})
    message = str(refused.value)
    assert "PORTAL_SECRET_KEY" in message
    assert "PORTAL_DATABASE_URL" in message
    assert "PORTAL_ENCRYPTION_KEYS" in message


def test_production_starts_with_safe_values():
    settings = Settings.from_env(SAFE_PRODUCTION)
    assert settings.is_production
    assert settings.database_url_for("/tmp").startswith("postgresql+psycopg://")


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [
        ("PORTAL_SECRET_KEY", DEVELOPMENT_SECRET_KEY, "PORTAL_SECRET_KEY"),
        ("PORTAL_SECRET_KEY", "short", "PORTAL_SECRET_KEY"),
        ("PORTAL_DATABASE_URL", "sqlite:////var/portal.db", "must not be SQLite"),
        ("PORTAL_DEBUG", "1", "PORTAL_DEBUG"),
        ("PORTAL_ENCRYPTION_KEYS", "k1:c2hvcnQ=", "32 bytes"),
        ("PORTAL_ENCRYPTION_KEYS", "k1:not base64!", "not base64"),
        ("PORTAL_RATELIMIT_STORAGE_URL", "memory://", "Redis"),
        ("PORTAL_BASE_URL", "http://beacon.example", "https://"),
    ],
)
def test_production_refuses_each_unsafe_value(name, value, complaint):
    with pytest.raises(ConfigError, match=complaint):
        Settings.from_env({**SAFE_PRODUCTION, name: value})


def test_the_refusal_never_repeats_a_secret():
    leaky = {**SAFE_PRODUCTION, "PORTAL_SECRET_KEY": "tiny-secret-value"}
    with pytest.raises(ConfigError) as refused:
        Settings.from_env(leaky)
    assert "tiny-secret-value" not in str(refused.value)


def test_development_gets_defaults_and_sqlite_in_the_instance_folder(tmp_path):
    settings = Settings.from_env({}, environment="development")
    assert settings.secret_key == DEVELOPMENT_SECRET_KEY
    assert settings.database_url_for(tmp_path) == f"sqlite:///{tmp_path / 'portal.sqlite3'}"


def test_an_unknown_environment_name_is_refused():
    with pytest.raises(ConfigError):
        Settings.from_env({"PORTAL_ENV": "staging"})


def test_create_app_refuses_to_start_in_production_without_configuration(monkeypatch):
    for name in list(SAFE_PRODUCTION):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_production_cookies_are_secure_and_host_prefixed(monkeypatch):
    from portal.extensions import limiter

    # The limiter is shared by every app in this process; keep the test app's storage.
    monkeypatch.setattr(limiter, "init_app", lambda app: None)
    app = create_app(Settings.from_env(SAFE_PRODUCTION))
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-portal"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["SESSION_PERMANENT"] is False
