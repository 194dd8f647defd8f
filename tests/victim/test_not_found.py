"""A signed-in victim who meets a page that does not exist keeps her own menu."""

from __future__ import annotations

from tests.sign_in import victim_client


def test_a_signed_in_victims_404_keeps_her_menu_and_sign_out(app, victim):
    page = victim_client(app, victim).get_page("/my/nothing-here", status=404)
    assert page.h1 == "Page not found"
    links = {a["href"] for a in page.select(".portal-nav a")}
    assert "/my/choices" in links
    assert page.select_one(".portal-nav form[action='/sign-out']") is not None


def test_an_anonymous_404_has_the_public_header(client):
    page = client.get_page("/nothing-here", status=404)
    assert page.select_one(".portal-nav") is None
