"""The guide library, each guide as a page, its PDF, and a ZIP of one language's guides.

Everything here is public and holds nothing personal, so it may be cached. Names from the
URL are only ever compared with the library's own lists: an unknown guide or language,
or anything odd, is a 404 and never reaches the file system.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Response, abort, current_app, render_template, request, url_for
from flask_babel import get_locale

from portal.easyread import current_cache, current_library
from portal.easyread.html import render_article
from portal.easyread.sources import Guide
from portal.public.guides import bp
from portal.rules.languages import LANGUAGES
from portal.web.headers import allow_public_caching

MAX_AGE = 3600  # an hour; the ETag makes revalidating cheap after that

# Which built file serves each guide's PDF: (file, ETag, download name), per process.
# Finding it means parsing the guide's sources and hashing some 30 files, which cost
# more than sending the PDF. Guide sources change only with a deploy, which starts new
# processes; in debug mode (someone editing guides) it is worked out on every request.
_PDF_FOR: dict[tuple[str, str, str, str], tuple[Path, str, str]] = {}


def _guide_or_404(lang: str, slug: str) -> Guide:
    guide = current_library().guide(slug, lang)
    if guide is None:
        abort(404)
    return guide


def _send(path: Path, mimetype: str, etag: str | None = None, download_name: str = ""):
    """A public file with an ETag, answering 304 to a browser that already has it.

    Read whole rather than streamed: guides are small, and no file handle is left open
    when the answer is 304.
    """
    data = path.read_bytes()
    response = Response(data, mimetype=mimetype)
    response.set_etag(etag or hashlib.sha256(data).hexdigest())
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    if download_name:
        response.headers["Content-Disposition"] = f'attachment; filename="{download_name}"'
    return response.make_conditional(request)


@bp.get("/")
def library():
    allow_public_caching()
    library = current_library()
    languages = library.languages_first(str(get_locale()))
    shelves = [(LANGUAGES[code], library.summaries_in(code)) for code in languages]
    return render_template("public/guides/library.html", shelves=shelves)


@bp.get("/<lang>/<slug>")
def guide_page(lang: str, slug: str):
    guide = _guide_or_404(lang, slug)
    allow_public_caching()
    library = current_library()
    article = render_article(guide, lambda name: url_for("guides.picture", name=name))
    others = [LANGUAGES[code] for code in library.languages_of(slug) if code != lang]
    return render_template("public/guides/guide.html", guide=guide, article=article, others=others)


@bp.get("/<lang>/<slug>.pdf")
def guide_pdf(lang: str, slug: str):
    path, etag, name = _built_pdf(lang, slug)
    allow_public_caching()
    return _send(path, "application/pdf", etag, name)


def _built_pdf(lang: str, slug: str) -> tuple[Path, str, str]:
    cache = current_cache()
    key = (str(cache.library.root), str(cache.folder), lang, slug)
    known = None if current_app.debug else _PDF_FOR.get(key)
    if known is not None and known[0].is_file():
        return known
    built = cache.pdf(_guide_or_404(lang, slug))
    number = current_library().number_of(slug)
    known = (built.path, built.etag, f"easy-read-guide-{number}-{lang}.pdf")
    _PDF_FOR[key] = known
    return known


@bp.get("/<lang>.zip")
def language_zip(lang: str):
    built = current_cache().zip(lang) if lang in LANGUAGES else None
    if built is None:
        abort(404)
    allow_public_caching()
    return _send(built.path, "application/zip", built.etag, f"easy-read-guides-{lang}.zip")


@bp.get("/pictures/<name>.svg")
def picture(name: str):
    path = current_library().picture_path(name)
    if path is None or not path.is_file():
        abort(404)
    allow_public_caching()
    return _send(path, "image/svg+xml")


@bp.get("/easyread.css")
def stylesheet():
    """The layout the PDF uses too, so page and print stay the same shape."""
    allow_public_caching()
    return _send(current_library().root / "layout.css", "text/css")
