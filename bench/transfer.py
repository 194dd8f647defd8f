"""Bytes on the wire for a first and a repeat view of one page, as a browser asks for it.

A first view is the HTML and everything it links (stylesheets, scripts, the icon, images,
and, as an upper bound, every file the stylesheet names with `url()`). A repeat view is
the HTML plus whatever the browser may not keep: an asset counts as kept only if its own
answer says so (`Cache-Control` with a max-age of a year and `immutable`), read from the
response rather than assumed.
"""

from __future__ import annotations

import gzip
import re
import zlib
from urllib.parse import urljoin

import requests

from bench.load import ACCEPT_ENCODING

ASSET_IN_HTML = re.compile(r"""(?:src|href)=["']([^"']+)["']|from\s+["']([^"']+)["']""")
URL_IN_CSS = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
YEAR = 31_536_000


def _wire_size(response: requests.Response, body: bytes) -> int:
    head = len(f"HTTP/1.1 {response.status_code} {response.reason}\r\n")
    head += sum(len(f"{name}: {value}\r\n") for name, value in response.headers.items())
    return head + 2 + len(body)


def _fetch(session: requests.Session, url: str) -> tuple[requests.Response, bytes]:
    with session.get(url, stream=True, allow_redirects=False, timeout=30) as response:
        body = response.raw.read(decode_content=False)  # the compressed bytes, as sent
    return response, body


def _kept_by_browser(response: requests.Response) -> bool:
    policy = response.headers.get("Cache-Control", "").lower()
    match = re.search(r"max-age=(\d+)", policy)
    return bool(match) and int(match.group(1)) >= YEAR and "immutable" in policy


def weigh(base: str, path: str, cookie: tuple[str, str] | None) -> dict:
    session = requests.Session()
    session.headers["Accept-Encoding"] = ACCEPT_ENCODING
    if cookie:
        session.headers["Cookie"] = f"{cookie[0]}={cookie[1]}"
    page_url = urljoin(base, path)
    page, body = _fetch(session, page_url)
    if page.status_code != 200:
        return {"available": False, "reason": f"answered {page.status_code}"}
    html = _decoded(page, body)
    html_bytes = _wire_size(page, body)
    assets = []
    seen: set[str] = set()
    for url in _linked(html, page_url):
        if url in seen or not url.startswith(base):
            continue
        seen.add(url)
        entry, css = _asset(session, url)
        assets.append(entry)
        for inner in URL_IN_CSS.findall(css):
            extra = urljoin(url, inner)
            if extra not in seen and extra.startswith(base):
                seen.add(extra)
                extra_entry, _ = _asset(session, extra)
                assets.append({**extra_entry, "from_stylesheet": True})
    for entry in assets:
        entry["url"] = entry["url"].removeprefix(base)
    first = html_bytes + sum(a["bytes"] for a in assets)
    repeat = html_bytes + sum(a["bytes"] for a in assets if not a["kept_by_browser"])
    return {
        "available": True,
        "html_bytes": html_bytes,
        "html_encoding": page.headers.get("Content-Encoding", "identity"),
        "first_view_bytes": first,
        "repeat_view_bytes": repeat,
        "assets": assets,
    }


def _asset(session: requests.Session, url: str) -> tuple[dict, str]:
    """One linked file's weight and caching; its text too if it is a stylesheet."""
    response, body = _fetch(session, url)
    entry = {
        "url": url,
        "status": response.status_code,
        "bytes": _wire_size(response, body),
        "encoding": response.headers.get("Content-Encoding", "identity"),
        "cache_control": response.headers.get("Cache-Control", ""),
        "kept_by_browser": response.status_code == 200 and _kept_by_browser(response),
    }
    is_css = response.headers.get("Content-Type", "").startswith("text/css")
    return entry, _decoded(response, body) if is_css else ""


def _linked(html: str, page_url: str) -> list[str]:
    found = []
    for href, module in ASSET_IN_HTML.findall(html):
        target = href or module
        if target.startswith(("/assets/", "/guides/pictures/")) or target.endswith(
            (".css", ".js", ".svg", ".png", ".jpg", ".woff2")
        ):
            found.append(urljoin(page_url, target))
    return found


def _decoded(response: requests.Response, body: bytes) -> str:
    encoding = response.headers.get("Content-Encoding", "identity")
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "br":
        import brotli  # installed with Flask-Compress, which is what sends br

        body = brotli.decompress(body)
    elif encoding == "deflate":
        body = zlib.decompress(body)
    return body.decode("utf-8", errors="replace")
