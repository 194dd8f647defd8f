"""Built PDFs and ZIPs, kept in easyread/build/ under a hash of everything that made them.

A file's name carries the SHA-256 of its inputs (the guide's source, its pictures and
their catalogue, the stylesheets, the templates, the language's interface catalogue and
the renderer's version), so an unchanged guide is never printed twice, a changed one
never served stale, and the hash doubles as the ETag. Files are written under a temporary
name and moved into place, so several workers may build at once without anyone reading
half a file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from portal.easyread import html, pdf, pictures
from portal.easyread.library import Library
from portal.easyread.sources import Guide
from portal.paths import PROJECT_ROOT

STYLESHEETS = ("layout.css", "print.css")
TEMPLATES = tuple(
    PROJECT_ROOT / "templates" / name for name in (html.ARTICLE_TEMPLATE, html.DOCUMENT_TEMPLATE)
)
TRANSLATIONS = PROJECT_ROOT / "translations"
ZIP_FORMAT_VERSION = "1"
# A fixed time in every ZIP entry: the same guides always make the same bytes.
ZIP_DATE_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Built:
    path: Path
    etag: str


class BuildCache:
    def __init__(self, library: Library, folder: Path, renderer: Callable = pdf.render_pdf):
        self.library = library
        self.folder = Path(folder)
        self.renderer = renderer

    def content_hash(self, guide: Guide) -> str:
        digest = hashlib.sha256(f"renderer {pdf.RENDERER_VERSION}\n".encode())
        for path in self._inputs(guide):
            digest.update(f"{path.name}\n".encode())
            digest.update(path.read_bytes() if path.is_file() else b"(none)")
        return digest.hexdigest()

    def _inputs(self, guide: Guide) -> Iterable[Path]:
        yield guide.source
        for name in guide.pictures():
            yield self.library.picture_path(name)
        yield pictures.catalogue_path(self.library.root)  # the pictures' alt texts
        for name in STYLESHEETS:
            yield self.library.root / name
        yield from TEMPLATES
        yield TRANSLATIONS / guide.language / "LC_MESSAGES" / "messages.po"

    def pdf_path(self, guide: Guide, digest: str) -> Path:
        return self.folder / guide.language / f"{guide.slug}-{digest}.pdf"

    def cached_pdf(self, guide: Guide) -> Built | None:
        digest = self.content_hash(guide)
        path = self.pdf_path(guide, digest)
        return Built(path, digest) if path.is_file() else None

    def pdf(self, guide: Guide) -> Built:
        """The guide's PDF, printed now only if no file for its current content exists."""
        return self.cached_pdf(guide) or self.build_pdf(guide)

    def build_pdf(self, guide: Guide) -> Built:
        digest = self.content_hash(guide)
        path = self.pdf_path(guide, digest)
        _write_atomically(path, self.renderer(self.library, guide))
        _remove_stale(path.parent, f"{guide.slug}-*.pdf", keep=path)
        return Built(path, digest)

    def zip(self, language: str) -> Built | None:
        """All guides in `language` in one ZIP, for support services; None if there are none."""
        guides = self.library.guides_in(language)
        if not guides:
            return None
        built = [(guide, self.pdf(guide)) for guide in guides]
        digest = hashlib.sha256(f"zip {ZIP_FORMAT_VERSION}\n".encode())
        for guide, file in built:
            digest.update(f"{guide.slug} {file.etag}\n".encode())
        etag = digest.hexdigest()
        path = self.folder / f"guides-{language}-{etag}.zip"
        if not path.is_file():
            _write_atomically(path, self._zip_bytes(built))
            _remove_stale(self.folder, f"guides-{language}-*.zip", keep=path)
        return Built(path, etag)

    def _zip_bytes(self, built: list[tuple[Guide, Built]]) -> bytes:
        with tempfile.SpooledTemporaryFile() as buffer:
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for guide, file in built:
                    number = self.library.number_of(guide.slug)
                    entry = zipfile.ZipInfo(f"{number:02d}-{guide.slug}.pdf", ZIP_DATE_TIME)
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(entry, file.path.read_bytes())
            buffer.seek(0)
            return buffer.read()


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".building-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_stale(folder: Path, pattern: str, keep: Path) -> None:
    for old in folder.glob(pattern):
        if old != keep:
            old.unlink(missing_ok=True)
