"""The cookies page lists exactly the cookies the portal sets: every response of a walk
through the portal (public pages, the language switch, feedback, activation, a victim's
pages and signing out, a supporter's and staff sign-in) is read for its Set-Cookie."""

from __future__ import annotations

from http.cookies import SimpleCookie

from portal.web.cookies import cookies_in_use
from tests import factories
from tests.sign_in import sign_in, sign_in_staff, sign_in_supporter
from tests.victim.auth.test_activation import _activate


class CookieWatch:
    def __init__(self, client):
        self.client, self.names = client, set()
        original = client.http.open

        def watched(*args, **kwargs):
            response = original(*args, **kwargs)
            for header in response.headers.getlist("Set-Cookie"):
                self.names.update(SimpleCookie(header).keys())
            return response

        client.http.open = watched


def test_the_cookies_page_lists_every_cookie_the_portal_sets_and_no_other(app, app_context):
    from tests.pages import PageClient

    victim_side = PageClient(app)
    watch = CookieWatch(victim_side)
    for path in ("/", "/rights", "/guides/", "/accessibility", "/privacy", "/cookies"):
        victim_side.get(path)
    victim_side.get("/language/cy", query_string={"next": "/"})
    victim_side.post("/feedback", {"it_worked": "yes"})
    factories.invite_victim("K7PQW-3MXRT-9ACHE-UV4DY")
    _activate(victim_side)
    for path in ("/my/", "/my/choices", "/my/questions", "/my/rights", "/my/copy/"):
        victim_side.get(path)
    victim_side.post("/sign-out", from_url="/my/")
    other = factories.make_victim()
    sign_in(victim_side, other)

    supporter_side = PageClient(app)
    supporter_watch = CookieWatch(supporter_side)
    sign_in_supporter(supporter_side, factories.share_with(other, label="Jo").supporter)

    staff_side = PageClient(app)
    staff_watch = CookieWatch(staff_side)
    sign_in_staff(staff_side, factories.make_staff())
    staff_side.get("/staff/")

    set_during_the_walk = watch.names | supporter_watch.names | staff_watch.names
    with app.test_request_context():
        listed = {cookie.name for cookie in cookies_in_use()}
    assert set_during_the_walk == listed
