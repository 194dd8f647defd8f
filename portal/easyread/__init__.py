"""Easy-read guides: sources, the HTML shared by page and PDF, PDFs, the build cache.

For other areas:

    from portal.easyread import guides_for_language
    guides_for_language("ar")  # every guide, in Arabic where it exists, else in English

Each summary has `slug` and `language`, for `url_for("guides.guide_page", lang=..., slug=...)`
and `url_for("guides.guide_pdf", ...)`, and `title`, `summary` and `direction` to show it.

The folder is `EASYREAD_ROOT` in the app's config (default: the project's `easyread/`);
built files go to `EASYREAD_BUILD_DIR` (default: `<root>/build`).
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from portal.easyread.library import GuideSummary, Library
from portal.paths import PROJECT_ROOT

DEFAULT_ROOT = PROJECT_ROOT / "easyread"


def current_library() -> Library:
    return Library(Path(current_app.config.get("EASYREAD_ROOT") or DEFAULT_ROOT))


def current_cache():
    from portal.easyread.cache import BuildCache  # WeasyPrint loads slowly: only when needed

    library = current_library()
    folder = current_app.config.get("EASYREAD_BUILD_DIR") or library.root / "build"
    return BuildCache(library, Path(folder))


def guides_for_language(language: str) -> list[GuideSummary]:
    """Every guide in library order: in `language` where it exists, else in English."""
    return current_library().guides_for_language(language)


__all__ = ["GuideSummary", "Library", "current_cache", "current_library", "guides_for_language"]
