"""A test client that reads pages the way a person and a careful reviewer would.

Every HTML response that any test client in the suite receives is checked on arrival
(`CheckingClient`, which the `app` fixture makes every app's test client): it must parse
without a single HTML error, as GOV.UK Notify's `client_request` insists, and a page
must have a title, one <h1>, no duplicate ids, and a nonce on every script that matches
the Content-Security-Policy header. Forms are posted with the CSRF token taken from a
real page, as a browser would. Template partials rendered outside a request are read
with `fragment()`, which fails on parse errors the same way.
"""

from __future__ import annotations

import gzip
import re
import zlib

import brotli
import html5lib
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from html5lib.constants import E as PARSE_ERROR_MESSAGES

try:  # Python 3.14 has it; before that, Flask-Compress depends on the backport
    from compression import zstd
except ImportError:
    from backports import zstd


# Set for one test by the `tolerates_html_errors` marker (see tests/conftest.py).
TOLERATED: set[str] = set()

DECOMPRESS = {
    "gzip": gzip.decompress,
    "deflate": zlib.decompress,
    "br": brotli.decompress,
    "zstd": zstd.decompress,
}


def body_text(response) -> str:
    """The response body as text, as a browser would have it after decompressing."""
    if not hasattr(response, "get_data"):  # a `requests` response from a real server
        return response.text
    data = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding:
        assert encoding in DECOMPRESS, f"cannot read a body with Content-Encoding {encoding}"
        data = DECOMPRESS[encoding](data)
    return data.decode(response.mimetype_params.get("charset", "utf-8"))


def html_errors(html: str, container: str | None = None) -> list[str]:
    """Every error html5lib's parser recovers from (what its strict mode raises on),
    each with its line and column and the text of that line: a browser would guess."""
    parser = html5lib.HTMLParser()
    if container is None:
        parser.parse(html)
    else:
        parser.parseFragment(html, container=container)
    lines = html.splitlines()
    errors = []
    for (line, column), code, data in parser.errors:
        if code in TOLERATED:
            continue
        message = PARSE_ERROR_MESSAGES.get(code, code)
        if data:
            message = message % data
        source = lines[line - 1].strip()[:160] if 0 < line <= len(lines) else ""
        errors.append(f"line {line}, column {column}: {message}  |  {source}")
    return errors


def assert_parses(html: str, where: str, container: str | None = None) -> None:
    errors = html_errors(html, container)
    assert not errors, f"HTML parse errors in {where}:\n  " + "\n  ".join(errors)


def fragment(html: str, container: str = "div") -> BeautifulSoup:
    """A template partial, checked for parse errors as if placed in `container`."""
    assert_parses(html, "a template fragment", container)
    return BeautifulSoup(html, "html5lib")


class Page:
    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.html = body_text(response)
        self.soup = BeautifulSoup(self.html, "html5lib")

    @property
    def title(self) -> str:
        return self.soup.title.get_text(strip=True) if self.soup.title else ""

    @property
    def h1(self) -> str:
        heading = self.soup.find("h1")
        return heading.get_text(" ", strip=True) if heading else ""

    def text(self) -> str:
        main = self.soup.find("main") or self.soup
        return " ".join(main.get_text(" ").split())

    def select(self, css: str):
        return self.soup.select(css)

    def select_one(self, css: str):
        return self.soup.select_one(css)

    def error_summary(self) -> list[str]:
        return [a.get_text(strip=True) for a in self.select(".govuk-error-summary__list a")]

    def check_well_formed(self) -> None:
        assert self.soup.title is not None, "page has no <title>"
        assert len(self.select("h1")) == 1, "page should have exactly one <h1>"
        ids = [tag["id"] for tag in self.soup.find_all(id=True)]
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, f"duplicate ids: {duplicates}"
        policy = self.response.headers.get("Content-Security-Policy", "")
        match = re.search(r"'nonce-([^']+)'", policy)
        assert match, "no nonce in the Content-Security-Policy"
        for script in self.soup.find_all("script"):
            assert script.get("nonce") == match.group(1), f"script without the nonce: {script}"


def check_response(response, where: str) -> None:
    """What every HTML response must pass, whichever test asked for it: from a Flask
    test client, a `requests` session against a real server, or a live server."""
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return
    page = Page(response)
    if not page.html:
        return
    assert_parses(page.html, where)
    if not 300 <= response.status_code < 400:  # a redirect's body is Werkzeug's, not ours
        page.check_well_formed()


class CheckingClient(FlaskClient):
    """Each request in its own app context, as in production, and every HTML response
    checked (`check_response`) before the test sees it.

    Flask reuses an app context that is already pushed (the `app_context` fixture pushes
    one for the factories), and `g` lives in it: without this, a CSRF token or a loaded
    session would leak from one request into the next and hide real bugs.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        request = response.request
        check_response(response, f"{request.method} {request.full_path.rstrip('?')}")
        return response


class PageClient:
    def __init__(self, app):
        self.app = app
        self.http: FlaskClient = CheckingClient(app, app.response_class, use_cookies=True)

    def get(self, url: str, **kwargs):
        return self.http.get(url, **kwargs)

    def get_page(self, url: str, status: int = 200, **kwargs) -> Page:
        response = self.http.get(url, **kwargs)
        assert response.status_code == status, (
            f"GET {url}: expected {status}, got {response.status_code} "
            f"(Location: {response.headers.get('Location')})"
        )
        return Page(response)

    def csrf_token(self, from_url: str = "/feedback") -> str:
        """A token from the page the form sits on, or, if that has no form (public pages
        carry no token), from the feedback form, open to anyone: the token belongs to the
        session."""
        response = self.http.get(from_url)
        if response.status_code != 200 or b'name="csrf_token"' not in response.data:
            response = self.http.get("/feedback")
        field = Page(response).select_one("input[name=csrf_token]")
        assert field is not None, f"no CSRF token on {from_url}"
        return field["value"]

    def post(self, url: str, data: dict | None = None, *, from_url: str | None = None, **kwargs):
        """POST a form as a browser would: with a CSRF token from the page it sits on."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token(from_url or url))
        return self.http.post(url, data=data, **kwargs)

    def post_page(self, url: str, data=None, status: int = 200, **kwargs) -> Page:
        response = self.post(url, data, **kwargs)
        assert response.status_code == status, (
            f"POST {url}: expected {status}, got {response.status_code} "
            f"(Location: {response.headers.get('Location')})"
        )
        return Page(response)
