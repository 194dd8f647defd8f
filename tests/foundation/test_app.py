from pathlib import Path

from portal.paths import PROJECT_ROOT


def test_templates_and_translations_live_at_the_top_level(app):
    assert Path(app.template_folder) == PROJECT_ROOT / "templates"
    assert app.config["BABEL_TRANSLATION_DIRECTORIES"] == str(PROJECT_ROOT / "translations")


def test_liveness_says_the_process_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_an_unknown_address_gets_a_calm_404_page(client):
    page = client.get_page("/no-such-page", status=404)
    assert page.h1 == "Page not found"
    assert "Traceback" not in page.html


def test_every_route_declares_who_may_reach_it(app):
    from portal.web.access import roles_for

    with app.test_request_context():
        undeclared = [
            rule.endpoint for rule in app.url_map.iter_rules() if roles_for(rule.endpoint) is None
        ]
    assert undeclared == []


def test_pages_are_compressed_and_assets_cached_for_a_year(client):
    from portal.web.assets import asset_url

    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    page = client.get("/sign-in", headers=browser)
    assert page.headers["Content-Encoding"] in {"gzip", "deflate", "br", "zstd"}
    assert page.headers["Cache-Control"] == "no-store"
    with client.get(asset_url("portal.css"), headers=browser) as stylesheet:
        assert stylesheet.status_code == 200
        assert stylesheet.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert stylesheet.headers["Content-Encoding"] in {"gzip", "deflate", "br", "zstd"}
