"""Fragments (portal/web/fragments.py): the parts of a page rendered once per process and
language are kept, and filled in per request; with templates reloading (PORTAL_DEBUG=1)
nothing is kept, so a template edited is seen at once."""

from __future__ import annotations

from flask import url_for

from portal.rules.languages import LANGUAGES
from portal.web.fragments import CSRF_MARKER, HERE_AS_TEXT, HERE_IN_QUERY


def _kept(app) -> dict:
    return app.extensions.setdefault("portal.fragments", {})


def test_a_public_page_keeps_its_fragments_and_fills_in_each_request(client, app):
    client.get_page("/")
    kept = len(_kept(app))
    assert kept > 0
    page = client.get_page("/accessibility?from=here")
    assert len(_kept(app)) >= kept
    for marker in (CSRF_MARKER, HERE_AS_TEXT, HERE_IN_QUERY):
        assert marker not in page.html
    # The language links come back to this page, query and all, exactly as url_for says.
    links = [a["href"] for a in page.soup.select(".portal-language-switch__link")]
    with app.test_request_context("/"):
        expected = [
            url_for("public.switch_language", code=code, next="/accessibility?from=here")
            for code in LANGUAGES
        ]
    assert links == expected


def test_nothing_is_kept_while_templates_reload(client, app):
    _kept(app).clear()
    app.jinja_env.auto_reload = True
    try:
        client.get_page("/")
        assert _kept(app) == {}
    finally:
        app.jinja_env.auto_reload = False
    client.get_page("/")
    assert _kept(app) != {}
