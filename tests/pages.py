"""A test client that reads pages the way a person and a careful reviewer would.

Every HTML page it fetches is parsed and checked: a title, one <h1>, no duplicate ids,
and a nonce on every script that matches the Content-Security-Policy header. Forms are
posted with the CSRF token taken from a real page, as a browser would.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from flask.testing import FlaskClient


class Page:
    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.html = response.get_data(as_text=True)
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


class FreshContextClient(FlaskClient):
    """Each request in its own app context, as in production.

    Flask reuses an app context that is already pushed (the `app_context` fixture pushes
    one for the factories), and `g` lives in it: without this, a CSRF token or a loaded
    session would leak from one request into the next and hide real bugs.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


class PageClient:
    def __init__(self, app):
        self.app = app
        self.http: FlaskClient = FreshContextClient(app, app.response_class, use_cookies=True)

    def get(self, url: str, **kwargs):
        return self.http.get(url, **kwargs)

    def get_page(self, url: str, status: int = 200, **kwargs) -> Page:
        response = self.http.get(url, **kwargs)
        assert response.status_code == status, (
            f"GET {url}: expected {status}, got {response.status_code} "
            f"(Location: {response.headers.get('Location')})"
        )
        page = Page(response)
        if response.mimetype == "text/html":
            page.check_well_formed()
        return page

    def csrf_token(self, from_url: str = "/") -> str:
        response = self.http.get(from_url)
        if response.status_code != 200:
            response = self.http.get("/")
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
        page = Page(response)
        if response.mimetype == "text/html" and status == 200:
            page.check_well_formed()
        return page
