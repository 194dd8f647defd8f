"""Safety on every victim page: neutral titles, nothing cached, a way out, one layout."""

import re

from tests import factories
from tests.sign_in import sign_in

NEUTRAL_TITLE_BANNED = re.compile(r"police|case|crime|offence|rape|victim|assault", re.I)


def _victim_pages(case):
    plain = factories.make_update(case, "Plain.", event_type="charged")
    sensitive = factories.make_update(
        case, "Sensitive.", event_type="no_further_action", sensitive=True
    )
    return [
        "/my/",
        f"/my/updates/{plain.id}",
        f"/my/updates/{sensitive.id}",
        f"/my/updates/{sensitive.id}?note=seen",
        "/my/rights",
        "/my/choices",
        "/my/questions",
    ]


def test_every_victim_page_is_sent_with_no_store(client, case):
    urls = _victim_pages(case)
    sign_in(client, case.victim)
    for url in urls:
        page = client.get_page(url)
        assert page.response.headers["Cache-Control"] == "no-store", url


def test_every_victim_page_has_a_neutral_title(client, case):
    urls = _victim_pages(case)
    sign_in(client, case.victim)
    for url in urls:
        title = client.get_page(url).title
        assert not NEUTRAL_TITLE_BANNED.search(title), f"{url}: {title}"
        assert title.endswith("– Beacon"), url


def test_every_sign_in_page_has_a_neutral_title_and_no_store(client, app_context):
    factories.invite_victim("K7PQW-3MXRT-9ACHE-UV4DY")
    client.post("/activate", {"code": "K7PQW-3MXRT-9ACHE-UV4DY"}, from_url="/activate")
    for url in (
        "/sign-in",
        "/activate",
        "/activate/about",
        "/activate/passphrase",
        "/forgotten-passphrase",
        "/signed-out",
    ):
        page = client.get_page(url)
        assert not NEUTRAL_TITLE_BANNED.search(page.title), f"{url}: {page.title}"
        assert page.response.headers["Cache-Control"] == "no-store", url


def test_every_victim_page_offers_exit_this_page_and_a_sign_out_button(client, case):
    urls = _victim_pages(case)
    sign_in(client, case.victim)
    for url in urls:
        page = client.get_page(url)
        assert page.select_one(".govuk-exit-this-page a")["href"] == "/exit", url
        sign_out = page.select_one("header form[action='/sign-out']")
        assert sign_out.get("method") == "post", url
        assert sign_out.select_one("input[name=csrf_token]") is not None, url


def test_the_home_page_never_shows_the_crime_reference_or_offence(client, case):
    factories.make_update(case, "Arrested.", event_type="suspect_arrested")
    sign_in(client, case.victim)
    page = client.get_page("/my/")
    assert case.crime_reference not in page.html
    assert "offence" not in page.text().lower()


def test_victim_pages_use_only_the_grid_and_work_without_javascript(client, case):
    urls = _victim_pages(case)
    sign_in(client, case.victim)
    for url in urls:
        page = client.get_page(url)
        # Every action is a link or a form that posts: nothing depends on a script.
        assert not page.select("main [onclick], main a[href^='javascript:']"), url
        assert page.select_one("main .govuk-grid-row") is not None, url
