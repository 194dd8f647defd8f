"""Real-browser tests: the portal served on loopback, driven by Debian's Chromium.

Playwright's own browser download is not used: the tests launch /usr/bin/chromium (or
$PORTAL_CHROMIUM). Without it they skip and say how to install it; `make test` installs
it, and with PORTAL_REQUIRE_BROWSER_TESTS=1 (for CI) a missing browser fails the run.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.paths import PROJECT_ROOT
from tests.pages import check_response

CHROMIUM = os.environ.get("PORTAL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
NEUTRAL_TEXT = "Weather for the week ahead"

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser` (a `pytestmark` in a conftest reaches no
    test module), and skip them, saying how to install what is missing, without Chromium."""
    ready = Path(CHROMIUM).exists() and AXE.exists()
    reason = (
        "needs Chromium and axe-core: run `make test` (it installs both), or "
        "`apt-get install chromium` and `npm ci`"
    )
    # CI sets this so that a missing browser fails the run instead of skipping quietly.
    if not ready and os.environ.get("PORTAL_REQUIRE_BROWSER_TESTS") == "1":
        raise pytest.UsageError("The browser tests cannot run: " + reason)
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if not ready:
                item.add_marker(pytest.mark.skip(reason=reason))


class _NeutralPage(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"<!doctype html><title>Weather</title><h1>{NEUTRAL_TEXT}</h1>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve_in_thread(server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="session")
def neutral_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NeutralPage)
    _serve_in_thread(server)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class CheckedPages:
    """WSGI middleware: every HTML response the browser is served passes the suite's page
    check (tests/pages.py); what fails is kept for `_pages_served_were_valid` to report,
    since an assertion in the server's thread would reach no test."""

    def __init__(self, app):
        self.app = app
        self.problems: list[str] = []

    def __call__(self, environ, start_response):
        response = Response.from_app(self.app, environ, buffered=True)
        request = Request(environ)
        try:
            check_response(response, f"{request.method} {request.full_path.rstrip('?')}")
        except AssertionError as problem:
            self.problems.append(str(problem))
        return response(environ, start_response)


CHECKED = CheckedPages(None)


@pytest.fixture(autouse=True)
def _pages_served_were_valid():
    CHECKED.problems.clear()
    yield
    assert not CHECKED.problems, "\n".join(CHECKED.problems)


@pytest.fixture(scope="session")
def live_server(app, neutral_site):
    """The test app on a free loopback port, leaving by "Exit this page" for a local page."""
    original = app.config["SETTINGS"]
    app.config["SETTINGS"] = dataclasses.replace(original, exit_url=neutral_site)
    CHECKED.app = app
    server = make_server("127.0.0.1", 0, CHECKED, threaded=True)
    _serve_in_thread(server)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    app.config["SETTINGS"] = original


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def phone(browser):
    context, page = _page(browser, PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context, page = _page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context, page = _page(browser, PHONE, java_script_enabled=False)
    yield page
    context.close()


@functools.cache
def _axe_source() -> str:
    return AXE.read_text()


def axe_violations(page) -> list[str]:
    """Run axe-core's WCAG 2.2 A and AA rules on the page, and two best-practice rules
    (all content in a landmark, no two landmarks alike); return what fails, readably."""
    page.evaluate(_axe_source())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {
                type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
            },
            rules: {'region': {enabled: true}, 'landmark-unique': {enabled: true}},
            resultTypes: ['violations']
        })"""
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def screenshot(page, name: str, height: int | None = None) -> None:
    """Save a screenshot for the README (docs/screenshots/NAME.png): the whole page, or
    its top `height` pixels for a page too long to show whole."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    clip = None
    if height is not None:
        clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, clip=clip)
