"""Print a guide to a tagged PDF with WeasyPrint, reading nothing outside easyread/.

WeasyPrint's habit is to log a missing image or stylesheet and carry on, which would
ship a guide with holes in it. Here every such failure stops the rendering instead:
pictures are checked before we start, the url_fetcher refuses anything that is not a file
under easyread/ (and stops the rendering when it does), and any error WeasyPrint logs
while printing is raised.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from portal.easyread import fonts
from portal.easyread.html import render_document
from portal.easyread.library import Library
from portal.easyread.sources import Guide

# Part of every cached file's hash: raise it when a change here changes the output.
RENDERER_VERSION = "1"
PDF_VARIANT = "pdf/ua-1"  # PDF/UA-1 implies tagging (pdf_tags) and PDF 1.7
CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml"}


class RenderError(RuntimeError):
    """The guide could not be printed completely."""


class MissingPictureError(RenderError):
    pass


class ResourceRefused(RenderError):
    """The document asked for something outside easyread/, or that does not exist."""


class EasyreadFetcher(URLFetcher):
    """Serves files under `root` and nothing else: no network, no other folder."""

    def __init__(self, root: Path):
        # fail_on_errors turns any refusal into a FatalURLFetchingError that stops WeasyPrint.
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.root = Path(root).resolve()

    def path_for(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ResourceRefused(f"only files under easyread/ may be read, not {url!r}")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ResourceRefused(f"no such file under easyread/: {url!r}")
        return path

    def fetch(self, url, headers=None):
        path = self.path_for(url)
        content_type = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        return URLFetcherResponse(
            path.as_uri(),
            path.read_bytes(),
            headers={"Content-Type": content_type or "application/octet-stream"},
        )


def render_pdf(library: Library, guide: Guide) -> bytes:
    missing = library.missing_pictures(guide)
    if missing:
        raise MissingPictureError(f"{guide.source}: no picture file for {', '.join(missing)}")
    html = render_document(guide)
    fonts.check_coverage(guide.language, html)
    document = HTML(
        string=html,
        base_url=library.root.as_uri() + "/",
        url_fetcher=EasyreadFetcher(library.root),
    )
    try:
        with _errors_raised(str(guide.source)):
            return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    except FatalURLFetchingError as error:
        # A BaseException in WeasyPrint, so that nothing inside it swallows it: make it an
        # ordinary error for our callers.
        raise ResourceRefused(f"{guide.source}: {error.__cause__ or error}") from error


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record):
        # Other threads may be printing other guides at the same time.
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def _errors_raised(what: str):
    logger = logging.getLogger("weasyprint")
    collector = _ErrorCollector()
    logger.addHandler(collector)
    try:
        yield
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise RenderError(f"{what}: {'; '.join(collector.messages)}")
