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

from flask import render_template, request, url_for
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from markupsafe import Markup, escape

from portal.web.html_text import printable
from portal.web.translations import page_locale

# Markers: letters only, so escaping and URL-encoding leave them as they are.
CSRF_MARKER = "portalmarkercsrftoken"
HERE_AS_TEXT = "portalmarkerheretext"
HERE_IN_QUERY = "portalmarkerherequery"
MARKERS = {"csrf": CSRF_MARKER, "here": HERE_AS_TEXT, "here_in_query": HERE_IN_QUERY}
# A capturing group: split() then gives the text between markers and each marker found.
_BETWEEN_MARKERS = re.compile("(" + "|".join(MARKERS.values()) + ")")


class Fragment(Markup):
    """A fragment filled in: HTML already cleaned (`printable`) and escaped."""


@pass_context
def fragment(
    context, template: str, values: dict | Callable[[], dict] | None = None, **key
) -> Fragment:
    """`template` rendered with `key` (and the markers), filled in for this request.
    `values` are rendered too but are not part of the key: only what renders the same for
    every request with this key (a form with nothing typed in it, say). They may be given
    as a function that returns them, called only when the fragment is rendered: a form
    that is costly to make (hundreds of choices) is then made once, not on every page."""
    # With templates reloaded as they change (PORTAL_DEBUG=1), nothing is kept: a
    # developer editing a template sees it at once. The render's environment names its app
    # (no search through Flask's context locals).
    environment = context.environment
    kept = (
        {}
        if environment.auto_reload
        else environment.app.extensions.setdefault("portal.fragments", {})
    )
    # The render's language (portal.web.translations), else Flask-Babel's: a page calls
    # this a dozen times, and each search through Flask-Babel's context locals added up.
    name = (template, page_locale(context) or str(get_locale()), *sorted(key.items()))
    pieces = kept.get(name)
    if pieces is None:
        if callable(values):
            values = values()
        rendered = render_template(template, **MARKERS, **(values or {}), **key)
        pieces = kept[name] = _pieces(printable(rendered))
    return pieces if type(pieces) is Fragment else _fill(pieces)


def here() -> str:
    """The address of this page, as the language links and "stay signed in" return to it."""
    return request.full_path.rstrip("?")


def _pieces(html: str) -> Fragment | list[str]:
    """What is kept of a rendered fragment: the fragment itself when it holds no marker;
    otherwise its text split at each marker, so that a request fills it in without
    searching it again (the search through every fragment of a page, on every request,
    was about a twentieth of a victim's home page)."""
    pieces = _BETWEEN_MARKERS.split(html)
    return Fragment(html) if len(pieces) == 1 else pieces


def _fill(pieces: list[str]) -> Fragment:
    # The markers are at the odd places. Each is replaced once, and what is put in is
    # never read again, so nothing put in (a page address someone typed) is read as a
    # marker.
    values: dict[str, str] = {}
    filled = []
    for place, piece in enumerate(pieces):
        if place % 2:
            if piece not in values:
                values[piece] = _value_of(piece)
            piece = values[piece]
        filled.append(piece)
    return Fragment("".join(filled))


def _value_of(marker: str) -> str:
    if marker == CSRF_MARKER:
        return generate_csrf()
    if marker == HERE_AS_TEXT:
        return str(escape(printable(here())))
    # Exactly as url_for writes a query value (werkzeug's encoding), then as HTML.
    link = url_for("public.switch_language", code="en", next=here())
    return str(escape(link.partition("next=")[2]))
