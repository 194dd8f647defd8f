"""Every Jinja filter and global the templates use, defined or named here and registered in
one list by `create_app`. Templates get their data from their view; these only format it
or say what every page shows (the name, languages, support lines, the nonce)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_datetime as babel_format_datetime
from flask import Flask
from flask_babel import format_date, format_datetime, format_time, get_locale
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import pass_context
from markupsafe import escape

from portal.auth.sessions import seconds_until_idle_timeout
from portal.data.models import utcnow
from portal.easyread.language_support import interface_is_draft
from portal.rules import choices, interpreting, officers, publishing, records_requests
from portal.rules.dates import day, day_in
from portal.rules.languages import LANGUAGES, language
from portal.rules.support_lines import EMERGENCY, SUPPORT_LINES, open_now
from portal.rules.text_language import written_in
from portal.rules.victims_code import OfferKind
from portal.web.assets import asset_url
from portal.web.fragments import Fragment, fragment
from portal.web.headers import csp_nonce
from portal.web.html_text import printable
from portal.web.tables import portal_table
from portal.web.translations import page_locale, template_text

# A neutral name: nothing in a tab, a history entry or a bookmark says "police" or "case".
SERVICE_NAME = _l("Beacon")
LONDON = ZoneInfo("Europe/London")  # the app's BABEL_DEFAULT_TIMEZONE


@pass_context
def visible_text(context, value):
    """Jinja's `finalize`: every value a template prints, less what HTML cannot hold.

    A person can type a control character into any form, or put a NUL in an address, and
    the page would show it back. Removing them here covers every page and every field.
    A fragment (portal.web.fragments) was cleaned when it was made and filled in.
    """
    if type(value) is Fragment:
        return value
    value = template_text(context, value)
    if not isinstance(value, str) and hasattr(value, "__html__"):
        value = escape(value)  # a form field or widget: its own HTML, as Markup
    return printable(value) if isinstance(value, str) else value


def _locale_name(context=None) -> str:
    # The page's language comes with the render (portal.web.translations.page_locale), so
    # the dates, times and officers' texts a page shows do not each ask Flask-Babel.
    return (context is not None and page_locale(context)) or str(get_locale())


@pass_context
def current_language(context):
    return language(_locale_name(context))


@pass_context
def page_day(context, moment: datetime) -> str:
    """`portal.rules.dates.day`, in the render's language."""
    locale = page_locale(context)
    return day(moment) if locale is None else day_in(moment, locale)


@pass_context
def officer_text_language(context, text: str | None, expected: str | None = None):
    """What an officer typed, marked with its own language and direction (WCAG 3.1.2):
    `expected` is the language it was written for (by default the page's)."""
    return written_in(text, expected or _locale_name(context))


def interface_translation_is_draft() -> bool:
    """For the draft notice: is this page's language an unchecked translation?"""
    return interface_is_draft(str(get_locale()))


def support_lines_open_now() -> tuple[str, ...]:
    """The numbers of the support lines open now: the footer fragment's key."""
    return tuple(line.number for line in open_now(utcnow()))


def clock(moment: datetime) -> str:
    """The time of day in UK time (Babel's default zone), e.g. "14:05"."""
    return format_time(moment, "HH:mm")


def recorded_day(value: date | None) -> str:
    """A recorded day (a date, not a moment), written as the rest of the portal writes days."""
    return format_date(value, format="d MMMM y") if value else ""


STAFF_TIME = "EEE d MMM y, HH:mm"


def staff_time(moment: datetime | None, locale: str | None = None) -> str:
    """A moment as staff read it: UK local time, with the weekday."""
    if moment is None:
        return ""
    locale = locale or get_locale()
    if locale is None:  # outside a request: Flask-Babel converts to Europe/London itself
        return format_datetime(moment, STAFF_TIME)
    return _staff_time(moment, str(locale))


@pass_context
def page_staff_time(context, moment: datetime | None) -> str:
    """`staff_time`, in the render's language."""
    return staff_time(moment, page_locale(context))


# A dashboard writes the same few hundred moments on every visit, at about 40 µs each.
@lru_cache(maxsize=16384)
def _staff_time(moment: datetime, locale: str) -> str:
    # As Flask-Babel: a moment with no zone is UTC, shown in BABEL_DEFAULT_TIMEZONE.
    return babel_format_datetime(moment, STAFF_TIME, tzinfo=LONDON, locale=locale)


def staff_label(event_type: str | None) -> str:
    return publishing.staff_label(event_type or "")


def offer_label(value: str) -> str:
    try:
        return str(OfferKind(value).label)
    except ValueError:
        return value


GLOBALS = {
    "asset_url": asset_url,
    "clock": clock,
    "csp_nonce": csp_nonce,
    "current_language": current_language,
    "day": page_day,
    "emergency_line": EMERGENCY,
    "fragment": fragment,
    "idle_timeout_seconds": seconds_until_idle_timeout,
    "interface_translation_is_draft": interface_translation_is_draft,
    "languages": LANGUAGES,
    "officer_text_language": officer_text_language,
    "portal_table": portal_table,
    "service_name": SERVICE_NAME,
    "staff_label": staff_label,
    "support_lines": SUPPORT_LINES,
    "support_lines_open_now": support_lines_open_now,
}
FILTERS = {
    # A stored choice (`wales`, `accepted`...) in the words it was picked from.
    "case_choice": lambda value, field: choices.staff_words_for(field, value),
    "offer_label": offer_label,
    "rank_words": officers.rank_words,
    "language_name": lambda code: interpreting.language_name(code, language(_locale_name()).code),
    "reassignment_reason": officers.reason_for_victim,
    "records_answer": lambda value: records_requests.ANSWER_WORDS.get(value, value),
    "records_holder": lambda value: records_requests.HOLDER_WORDS.get(value, value),
    "review_day": recorded_day,
    "staff_time": page_staff_time,
}


def init_app(app: Flask) -> None:
    WTFormsHelpers(app)
    app.jinja_env.finalize = visible_text
    app.jinja_env.globals.update(GLOBALS)
    app.jinja_env.filters.update(FILTERS)
