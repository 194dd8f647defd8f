"""The portal's application factory: it wires things up and does nothing else."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import Settings
from portal.paths import INSTANCE, MIGRATIONS, TEMPLATES, TRANSLATIONS


def create_app(settings: Settings | None = None, **overrides) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(
        __name__,
        template_folder=str(TEMPLATES),
        instance_path=str(INSTANCE),
        static_folder="static/dist",
        static_url_path="/assets",
    )
    from portal.web.requests import PortalRequest

    app.request_class = PortalRequest  # form values and query strings without NUL
    _configure(app, settings, overrides)
    _init_extensions(app, settings)
    _register_blueprints(app)
    _init_templates(app)
    return app


def _configure(app: Flask, settings: Settings, overrides: dict) -> None:
    from portal.config import parse_keys

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    production = settings.is_production
    app.config.update(
        SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        DEBUG=settings.debug,
        SQLALCHEMY_DATABASE_URI=settings.database_url_for(app.instance_path),
        # The migrations run as the role that owns the tables; the app never has its rights.
        MIGRATION_DATABASE_URI=settings.migration_database_url_for(app.instance_path),
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        # The browser forgets the cookie when it closes: nothing lingers on a shared device.
        SESSION_PERMANENT=False,
        SESSION_COOKIE_NAME="__Host-portal" if production else "portal_session",
        SESSION_COOKIE_SECURE=production,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the session's own limits bound a token's life
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        # Built assets carry a hash of their content in their names: cache them for a year.
        SEND_FILE_MAX_AGE_DEFAULT=60 * 60 * 24 * 365,
        COMPRESS_MIMETYPES=["text/html", "text/css", "text/javascript", "application/json"],
        COMPRESS_MIN_SIZE=500,
        # Pages are made for each request and compressed each time. Brotli's level 2 gives
        # a victim's home page in 4.7 kB instead of 4.3 kB at the default 4, for a tenth
        # of the CPU (docs/speed.md): the server answers sooner, the phone hardly notices.
        COMPRESS_BR_LEVEL=2,
        BABEL_TRANSLATION_DIRECTORIES=str(TRANSLATIONS),
        BABEL_DEFAULT_LOCALE="en",
        # Every date and time a person reads is UK time, whatever the server's zone.
        BABEL_DEFAULT_TIMEZONE="Europe/London",
        RATELIMIT_STORAGE_URI=settings.ratelimit_storage_url,
        RATELIMIT_HEADERS_ENABLED=False,
        ENCRYPTION_KEYS=parse_keys(settings.encryption_keys),
    )
    app.config.update(overrides)
    if settings.trusted_proxy_count:
        # Believe X-Forwarded-For only as far as the proxies we run ourselves.
        n = settings.trusted_proxy_count
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)


def _init_extensions(app: Flask, settings: Settings) -> None:
    import base64

    from portal.auth.sessions import load_principal
    from portal.data import database
    from portal.extensions import babel, compress, csrf, db, limiter, login_manager, migrate
    from portal.security.crypto import BlindIndex, Keyring
    from portal.web import errors, headers, request_log, translations
    from portal.web.i18n import select_locale

    app.extensions["portal.keyring"] = Keyring(app.config["ENCRYPTION_KEYS"])
    app.extensions["portal.blind_index"] = BlindIndex(
        base64.urlsafe_b64decode(settings.blind_index_key)
    )
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(MIGRATIONS),
        render_as_batch=True,  # SQLite can only alter a table by copying it
        compare_type=True,
        render_item=database.render_migration_item,
    )
    babel.init_app(app, locale_selector=select_locale)
    translations.init_app(app, babel)
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_principal)
    login_manager.session_protection = None  # our server-side sessions do this job
    request_log.init_app(app)
    headers.init_app(app)
    errors.init_app(app)


def _register_blueprints(app: Flask) -> None:
    """Every blueprint, one journey a line. The list lives here, in the factory, because
    only the factory may see every journey: `portal.web` sits below them all."""
    from portal.public import bp as public
    from portal.public.guides import bp as guides
    from portal.staff import bp as staff
    from portal.staff.admin import bp as admin
    from portal.staff.api import bp as api
    from portal.staff.api import init_app as init_api
    from portal.staff.auth import bp as staff_auth
    from portal.staff.belongings import bp as staff_belongings
    from portal.staff.feedback import bp as staff_feedback
    from portal.staff.pause import bp as staff_pause
    from portal.staff.review import bp as staff_review
    from portal.supporter import bp as supporter
    from portal.victim import bp as victim
    from portal.victim.auth import bp as victim_auth
    from portal.victim.belongings import bp as victim_belongings
    from portal.victim.copy import bp as victim_copy
    from portal.victim.feedback import bp as victim_feedback
    from portal.victim.pause import bp as victim_pause
    from portal.victim.review import bp as victim_review
    from portal.victim.sharing import bp as victim_sharing
    from portal.web.access import enforce_access

    blueprints = [public, guides]
    blueprints += [victim_auth, victim, victim_sharing, victim_copy, victim_review, victim_feedback]
    blueprints += [victim_pause, victim_belongings]
    blueprints += [supporter]
    blueprints += [staff_auth, staff, staff_review, staff_feedback, admin]
    blueprints += [staff_pause, staff_belongings]
    blueprints += [api]  # the records system's events API: JSON, no cookies (docs/api.md)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    app.before_request(enforce_access)
    init_api(app)  # no cookies on the API; its clients read now, so a mistake stops the start


def _init_templates(app: Flask) -> None:
    from portal.web import form_errors, jinja

    form_errors.init_app(app)
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATES)),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    jinja.init_app(app)
