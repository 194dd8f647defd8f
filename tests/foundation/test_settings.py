import base64
import secrets

import pytest
from click.testing import CliRunner

from portal import create_app
from portal.cli import main
from portal.config import (
    DEVELOPMENT_BLIND_INDEX_KEY,
    DEVELOPMENT_ENCRYPTION_KEYS,
    DEVELOPMENT_SECRET_KEY,
    ConfigError,
    Settings,
)


def b64(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode()


# Random for every run, as real keys are: a rule that refused good keys would show here.
GOOD_KEY = "k1:" + b64(secrets.token_bytes(32))
SAFE_PRODUCTION = {
    "PORTAL_SECRET_KEY": secrets.token_urlsafe(48),
    "PORTAL_DATABASE_URL": "postgresql://portal@db.internal/portal",
    "PORTAL_ENCRYPTION_KEYS": GOOD_KEY,
    "PORTAL_BLIND_INDEX_KEY": b64(secrets.token_bytes(32)),
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


DEVELOPMENT_KEY_BYTES = base64.urlsafe_b64decode(DEVELOPMENT_ENCRYPTION_KEYS.partition(":")[2])
DEVELOPMENT_INDEX_BYTES = base64.urlsafe_b64decode(DEVELOPMENT_BLIND_INDEX_KEY)
# Each value is weak; none of them may ever start a production portal.
SECRET, KEYS, INDEX = "PORTAL_SECRET_KEY", "PORTAL_ENCRYPTION_KEYS", "PORTAL_BLIND_INDEX_KEY"
GUESSABLE, SHORT, PUBLISHED = "too easy to guess", "shorter than 32", "published in the code"
NOT_RANDOM = "not random"
# Each value is weak; none of them may ever start a production portal.
WEAK_VALUES = [
    pytest.param(SECRET, "s" * 64, GUESSABLE, id="secret key of one repeated character"),
    pytest.param(
        SECRET, "0123456789abcdef" * 3, GUESSABLE, id="secret key of one short piece repeated"
    ),
    pytest.param(
        SECRET,
        "aaaabbbbccccddddeeeeffffgggghhhh",
        GUESSABLE,
        id="secret key of too few different characters",
    ),
    pytest.param(SECRET, secrets.token_urlsafe(16), SHORT, id="secret key of 22 characters"),
    pytest.param(SECRET, DEVELOPMENT_SECRET_KEY, PUBLISHED, id="the development secret key"),
    pytest.param(
        SECRET,
        DEVELOPMENT_ENCRYPTION_KEYS,
        PUBLISHED,
        id="the development encryption keys as the secret key",
    ),
    pytest.param(KEYS, "k1:" + b64(bytes(32)), NOT_RANDOM, id="all-zero encryption key"),
    pytest.param(
        KEYS, "k1:" + b64(b"\xa7" * 32), NOT_RANDOM, id="encryption key of one byte repeated"
    ),
    pytest.param(
        KEYS,
        "k1:" + b64(bytes(range(8)) * 4),
        NOT_RANDOM,
        id="encryption key of a short piece repeated",
    ),
    pytest.param(
        KEYS,
        DEVELOPMENT_ENCRYPTION_KEYS,
        PUBLISHED,
        id="the development encryption key under its own id",
    ),
    pytest.param(
        KEYS,
        "prod1:" + b64(DEVELOPMENT_KEY_BYTES),
        PUBLISHED,
        id="the development encryption key under another id",
    ),
    pytest.param(
        KEYS,
        "prod1:" + b64(DEVELOPMENT_INDEX_BYTES),
        PUBLISHED,
        id="the development blind-index key as an encryption key",
    ),
    pytest.param(
        KEYS,
        GOOD_KEY + ",old:" + b64(DEVELOPMENT_KEY_BYTES),
        PUBLISHED,
        id="an older development key kept after a good one",
    ),
    pytest.param(INDEX, b64(secrets.token_bytes(1)), SHORT, id="1-byte blind-index key"),
    pytest.param(INDEX, b64(secrets.token_bytes(31)), SHORT, id="31-byte blind-index key"),
    pytest.param(INDEX, b64(bytes(32)), NOT_RANDOM, id="all-zero blind-index key"),
    pytest.param(
        INDEX, DEVELOPMENT_BLIND_INDEX_KEY, PUBLISHED, id="the development blind-index key"
    ),
    pytest.param(
        INDEX,
        b64(DEVELOPMENT_KEY_BYTES),
        PUBLISHED,
        id="the development encryption key as the blind-index key",
    ),
]


@pytest.mark.parametrize(("name", "value", "reason"), WEAK_VALUES)
def test_production_refuses_each_weak_key_naming_the_setting_but_never_its_value(
    name, value, reason
):
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({**SAFE_PRODUCTION, name: value})
    [problem] = refused.value.problems
    assert problem.startswith(name)
    assert reason in problem
    for secret in _secrets_in(name, value):
        assert secret not in str(refused.value)


def _secrets_in(name: str, value: str) -> list[str]:
    """The secret parts of a value: for encryption keys, each key but not its id."""
    if name == "PORTAL_ENCRYPTION_KEYS":
        return [item.partition(":")[2] for item in value.split(",")]
    return [value]


def test_a_key_written_without_an_id_is_refused_without_repeating_it():
    bare = b64(secrets.token_bytes(32))
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({**SAFE_PRODUCTION, "PORTAL_ENCRYPTION_KEYS": bare})
    assert "PORTAL_ENCRYPTION_KEYS" in str(refused.value)
    assert bare not in str(refused.value)


BAD_PRODUCTION_ADDRESSES = [
    ("PORTAL_EXIT_URL", "javascript:alert(document.cookie)"),
    ("PORTAL_EXIT_URL", "data:text/html,<h1>hello</h1>"),
    ("PORTAL_EXIT_URL", "http://www.bbc.co.uk/weather"),
    ("PORTAL_EXIT_URL", "//www.bbc.co.uk/weather"),
    ("PORTAL_EXIT_URL", "https://"),
    ("PORTAL_BASE_URL", "http://beacon.example"),
    ("PORTAL_BASE_URL", "beacon.example"),
    ("PORTAL_BASE_URL", "javascript:alert(1)"),
    ("PORTAL_NOTIFY_BASE_URL", "http://api.notifications.service.gov.uk"),
]


@pytest.mark.parametrize(("name", "value"), BAD_PRODUCTION_ADDRESSES)
def test_production_refuses_every_address_that_is_not_https(name, value):
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({**SAFE_PRODUCTION, name: value})
    [problem] = refused.value.problems
    assert problem.startswith(f"{name} must be an https:// address in production: set it to ")


@pytest.mark.parametrize("environment", ["development", "test"])
@pytest.mark.parametrize(
    "value", ["javascript:alert(document.cookie)", "data:text/html,hi", "ftp://example.org"]
)
def test_no_environment_accepts_an_exit_address_that_is_not_a_web_page(environment, value):
    with pytest.raises(ConfigError, match="PORTAL_EXIT_URL"):
        Settings.from_env({"PORTAL_EXIT_URL": value}, environment=environment)


def test_development_may_use_plain_http_addresses():
    settings = Settings.from_env(
        {"PORTAL_BASE_URL": "http://127.0.0.1:5000", "PORTAL_EXIT_URL": "http://example.org/"},
        environment="development",
    )
    assert settings.base_url == "http://127.0.0.1:5000"


def test_check_config_refuses_the_development_key_under_another_id(monkeypatch):
    _set_environment(monkeypatch, PORTAL_ENCRYPTION_KEYS="prod1:" + b64(DEVELOPMENT_KEY_BYTES))
    result = CliRunner().invoke(main, ["check-config"])
    assert result.exit_code != 0
    assert "PORTAL_ENCRYPTION_KEYS key 'prod1' is a development key" in result.output
    assert b64(DEVELOPMENT_KEY_BYTES) not in result.output
    assert "valid" not in result.output


def test_check_config_lists_every_problem_one_a_line_and_never_a_secret(monkeypatch):
    weak_secret = "x" * 40
    _set_environment(
        monkeypatch,
        PORTAL_SECRET_KEY=weak_secret,
        PORTAL_BLIND_INDEX_KEY=b64(b"\x01"),
        PORTAL_EXIT_URL="javascript:alert(1)",
    )
    result = CliRunner().invoke(main, ["check-config"])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.startswith("- ")]
    assert [line.split()[1] for line in lines] == [
        "PORTAL_EXIT_URL",
        "PORTAL_SECRET_KEY",
        "PORTAL_BLIND_INDEX_KEY",
    ]
    assert weak_secret not in result.output


def test_check_config_accepts_safe_production_settings(monkeypatch):
    _set_environment(monkeypatch)
    result = CliRunner().invoke(main, ["check-config"])
    assert result.exit_code == 0, result.output
    assert "valid for production" in result.output


def test_check_config_says_when_the_settings_are_for_development_only(monkeypatch):
    for name in SAFE_PRODUCTION:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAL_ENV", "development")
    result = CliRunner().invoke(main, ["check-config"])
    assert result.exit_code == 0, result.output
    assert "valid for development only" in result.output
    assert "valid for production" not in result.output


def _set_environment(monkeypatch, **changes):
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    for name in ("PORTAL_EXIT_URL", "PORTAL_NOTIFY_BASE_URL", "PORTAL_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {**SAFE_PRODUCTION, **changes}.items():
        monkeypatch.setenv(name, value)


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


SSO = {
    "PORTAL_OIDC_ISSUER": "https://login.force.example/tenant/v2.0",
    "PORTAL_OIDC_CLIENT_ID": "beacon",
    "PORTAL_OIDC_CLIENT_SECRET": secrets.token_urlsafe(32),
}


def test_production_starts_with_single_sign_on_and_password_sign_in_switched_off():
    settings = Settings.from_env({**SAFE_PRODUCTION, **SSO, "PORTAL_STAFF_LOCAL_SIGN_IN": "0"})
    assert settings.oidc_enabled and not settings.staff_local_sign_in
    assert settings.oidc_mfa_amr == "mfa"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"PORTAL_OIDC_ISSUER": "http://login.force.example"}, "PORTAL_OIDC_ISSUER"),
        ({"PORTAL_OIDC_CLIENT_SECRET": ""}, "PORTAL_OIDC_CLIENT_SECRET"),
        ({"PORTAL_OIDC_SCOPES": "email profile"}, "PORTAL_OIDC_SCOPES must include openid"),
        (
            {"PORTAL_OIDC_MFA_AMR": " , ", "PORTAL_OIDC_MFA_ACR": ""},
            "staff must prove a second factor",
        ),
    ],
)
def test_a_half_configured_single_sign_on_refuses_to_start(change, complaint):
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({**SAFE_PRODUCTION, **SSO, **change})
    assert complaint in str(refused.value)
    assert SSO["PORTAL_OIDC_CLIENT_SECRET"] not in str(refused.value)


def test_switching_password_sign_in_off_without_an_issuer_is_refused_everywhere():
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({"PORTAL_STAFF_LOCAL_SIGN_IN": "0"}, environment="development")
    assert "staff would have no way to sign in" in str(refused.value)
