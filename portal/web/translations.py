"""The page's translations, found once per request, and once per render for templates,
rather than once per string.

Flask-Babel finds the translations again for every string it translates: the request's
namespace, the locale, the domain and a cache keyed by the locale's name, each through
Flask's context locals. A victim's home page translates about a hundred strings, and that
search was about a tenth of its time.

- In Python, the translations found are kept on Flask-Babel's own per-request namespace
  beside the locale they were found for, so `force_locale` and `refresh`, which replace
  or drop that locale, still take effect at once (`RequestDomain`).
- In a template, the render itself carries them (a context processor), so `_()`,
  `ngettext()` and a printed lazy string are a dictionary look-up away (`template_text`
  for what Jinja's `finalize` prints). A macro imported without context falls back to
  the request's kept translations. The render carries its language's name too
  (`page_locale`): a page writes dozens of dates, and each asked Flask-Babel for it.
"""

from __future__ import annotations

import flask_babel
from flask import Flask, has_request_context
from flask_babel import Domain
from flask_babel import _get_current_context as babel_namespace
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from jinja2.utils import missing
from markupsafe import Markup

PAGE_TRANSLATIONS = "_page_translations"
PAGE_LOCALE = "_page_locale"  # the render's language, as Babel names it ("cy", "en")


class RequestDomain(Domain):
    """Flask-Babel's default domain, with the request's translations kept for the request."""

    def get_translations(self):
        namespace = babel_namespace()
        if namespace is None:
            return super().get_translations()
        kept = getattr(namespace, "portal_translations", None)
        locale = getattr(namespace, "babel_locale", None)
        if kept is not None and locale is not None and kept[0] is locale:
            return kept[1]
        translations = super().get_translations()  # also settles namespace.babel_locale
        namespace.portal_translations = (namespace.babel_locale, translations)
        return translations


def init_app(app: Flask, babel) -> None:
    """After `babel.init_app`: every gettext, lazy or not, in Python or in a template, goes
    through the kept translations."""
    with app.app_context():  # Flask-Babel reads its settings from the app
        domain = RequestDomain(domain=babel.domain)
    babel.domain_instance = domain  # Flask-Babel's cached_property: an attribute wins
    app.extensions["portal.translations"] = domain

    # Jinja's "new style" gettext, as Flask-Babel installs it, with two costs taken out:
    # the translations come with the render, and a string with no % in it is not run
    # through Markup's % formatting (about a third of the cost of each string).
    @pass_context
    def gettext(context, string, **variables):
        text = _in(context, domain).ugettext(string)
        return _formatted(context, text, variables)

    @pass_context
    def ngettext(context, singular, plural, num, **variables):
        text = _in(context, domain).ungettext(singular, plural, num)
        variables.setdefault("num", num)
        return _formatted(context, text, variables)

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: domain.get_translations().ugettext(s),
        ngettext=lambda s, p, n: domain.get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: domain.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: domain.get_translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)

    @app.context_processor
    def page_translations():
        # Outside a request (a guide printed by a command) the language is known only
        # under force_locale; otherwise the first string translated decides, as before.
        if not has_request_context() and getattr(babel_namespace(), "babel_locale", None) is None:
            return {}
        translations = domain.get_translations()  # also settles the namespace's locale
        return {
            PAGE_TRANSLATIONS: translations,
            PAGE_LOCALE: str(babel_namespace().babel_locale),
        }


def template_text(context, value):
    """A lazy string as a template prints it, translated with the render's translations:
    what `LazyString.__html__` gives (its text, as markup), without Flask-Babel's search.
    Anything else is returned as it is."""
    if type(value) is not LazyString or value._func is not flask_babel.gettext:
        return value
    translations = context.resolve_or_missing(PAGE_TRANSLATIONS)
    if translations is missing:
        return value
    string, *_ = value._args
    text = translations.ugettext(string)
    # As LazyString.__html__ does: the catalogue's own words, which hold no one's input.
    return Markup(text % value._kwargs if value._kwargs else text)  # noqa: S704


def page_locale(context) -> str | None:
    """The render's language, for what a template formats (dates, times), without
    Flask-Babel's search through the context locals: None where the render has none."""
    found = context.resolve_or_missing(PAGE_LOCALE)
    return None if found is missing else found


def _formatted(context, text: str, variables: dict):
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - the catalogue's words; the variables are escaped
    # As Jinja's new style: always a format string ("%%" is "%"), so only text with no %
    # at all can skip the formatting.
    return text % variables if "%" in text else text


def _in(context, domain: RequestDomain):
    # resolve_or_missing, not get: a macro imported without context has none, and get
    # would raise and catch a KeyError for every string in it.
    found = context.resolve_or_missing(PAGE_TRANSLATIONS)
    return found if found is not missing else domain.get_translations()
