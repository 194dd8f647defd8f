"""Parts of a page that are the same for everyone reading in one language, rendered once
per process and kept, rather than on every request.

"Exit this page", the skip link, the phase banner, the language list, the footer with its
support lines, a victim's menu and the "stay signed in" dialog took about a fifth of a
victim's home page when they were rendered each time: govuk-frontend-jinja's macros and
dozens of translated strings and links. Whatever in them changes from one request to the
next is rendered as a marker and put in afterwards: the CSRF token, and the page's own
address (where a language link comes back to, and where "stay signed in" returns).

A fragment's key is its template, the page's language and the values passed to it, so a
fragment must read nothing else that varies: no `current_user`, no clock, no request.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from portal.web.html_text import printable

# Markers: letters only, so escaping and URL-encoding leave them as they are.
CSRF_MARKER = "portalmarkercsrftoken"
HERE_AS_TEXT = "portalmarkerheretext"
HERE_IN_QUERY = "portalmarkerherequery"
MARKERS = {"csrf": CSRF_MARKER, "here": HERE_AS_TEXT, "here_in_query": HERE_IN_QUERY}
_ANY_MARKER = re.compile("|".join(MARKERS.values()))


class Fragment(Markup):
    """A fragment filled in: HTML already cleaned (`printable`) and escaped."""


def fragment(template: str, values: dict | Callable[[], dict] | None = None, **key) -> Fragment:
    """`template` rendered with `key` (and the markers), filled in for this request.
    `values` are rendered too but are not part of the key: only what renders the same for
    every request with this key (a form with nothing typed in it, say). They may be given
    as a function that returns them, called only when the fragment is rendered: a form
    that is costly to make (hundreds of choices) is then made once, not on every page."""
    # With templates reloaded as they change (PORTAL_DEBUG=1), nothing is kept: a
    # developer editing a template sees it at once.
    kept = (
        {}
        if current_app.jinja_env.auto_reload
        else current_app.extensions.setdefault("portal.fragments", {})
    )
    name = (template, str(get_locale()), *sorted(key.items()))
    html = kept.get(name)
    if html is None:
        if callable(values):
            values = values()
        rendered = render_template(template, **MARKERS, **(values or {}), **key)
        html = kept[name] = printable(rendered)
    return Fragment(_fill(html))


def here() -> str:
    """The address of this page, as the language links and "stay signed in" return to it."""
    return request.full_path.rstrip("?")


def _fill(html: str) -> str:
    # One pass, so that nothing put in (a page address someone typed) is read as a marker.
    values: dict[str, str] = {}

    def value(found: re.Match) -> str:
        marker = found.group()
        if marker not in values:
            values[marker] = _value_of(marker)
        return values[marker]

    return _ANY_MARKER.sub(value, html)


def _value_of(marker: str) -> str:
    if marker == CSRF_MARKER:
        return generate_csrf()
    if marker == HERE_AS_TEXT:
        return str(escape(printable(here())))
    # Exactly as url_for writes a query value (werkzeug's encoding), then as HTML.
    link = url_for("public.switch_language", code="en", next=here())
    return str(escape(link.partition("next=")[2]))
