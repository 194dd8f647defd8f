"""Redirect only within the portal: a `next` value may never send someone elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(candidate: str | None, default: str) -> str:
    """Return `candidate` if it is a path on this site, else `default`."""
    if not candidate or len(candidate) > 2000:
        return default
    # Browsers treat a backslash like a slash, so "/\\evil.example" would leave the site.
    if "\\" in candidate or any(ord(ch) < 32 for ch in candidate):
        return default
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc or not candidate.startswith("/") or candidate.startswith("//"):
        return default
    return candidate
