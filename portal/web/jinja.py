"""What every template may use: the nonce, languages, support lines, assets, the name."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.main import WTFormsHelpers

from portal.auth.sessions import seconds_until_idle_timeout
from portal.data.models import utcnow
from portal.easyread.language_support import interface_is_draft
from portal.rules.dates import day
from portal.rules.support_lines import EMERGENCY, open_now
from portal.web.assets import asset_url
from portal.web.i18n import LANGUAGES, language

# A neutral name: nothing in a tab, a history entry or a bookmark says "police" or "case".
SERVICE_NAME = _l("Beacon")


def current_language():
    return language(str(get_locale()))


def interface_translation_is_draft() -> bool:
    """For base.html's draft notice: is this page's language an unchecked translation?"""
    return interface_is_draft(str(get_locale()))


def support_lines_open_now():
    return open_now(utcnow())


def init_app(app: Flask) -> None:
    WTFormsHelpers(app)
    app.jinja_env.globals.update(
        asset_url=asset_url,
        day=day,
        current_language=current_language,
        languages=LANGUAGES,
        service_name=SERVICE_NAME,
        support_lines_open_now=support_lines_open_now,
        emergency_line=EMERGENCY,
        idle_timeout_seconds=seconds_until_idle_timeout,
        interface_translation_is_draft=interface_translation_is_draft,
    )
    app.jinja_env.globals["request_path"] = lambda: request.full_path.rstrip("?")
