"""The HTML of a guide, shared by the web page and the PDF.

The article carries the guide's own language and direction, whatever language the rest
of the page is in, so an Arabic guide reads as Arabic inside an English page and in its
PDF alike. Its labels and date are in the guide's language too, once the interface has a
catalogue for it.
"""

from __future__ import annotations

from collections.abc import Callable

from babel.dates import format_date
from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from portal.easyread.fonts import css_font_family
from portal.easyread.language_support import catalogue_path
from portal.easyread.sources import Guide
from portal.rules.languages import DEFAULT_LANGUAGE, Language
from portal.rules.languages import language as language_named

ARTICLE_TEMPLATE = "public/guides/_article.html"
# Dates the British way in English guides ("14 March 2025"), not the American.
DATE_LOCALES = {"en": "en_GB"}
DOCUMENT_TEMPLATE = "public/guides/document.html"


def print_picture_src(name: str) -> str:
    """Pictures in the PDF are addressed relative to easyread/, for the url_fetcher."""
    return f"pictures/{name}.svg"


def labels_language(guide: Guide) -> Language:
    """The language the guide's labels (version, date, notices) can be shown in today."""
    has_catalogue = catalogue_path(guide.language).is_file()
    code = guide.language if has_catalogue else DEFAULT_LANGUAGE
    return language_named(code)


def render_article(guide: Guide, picture_src: Callable[[str], str]) -> Markup:
    labels = labels_language(guide)
    with force_locale(labels.code):
        html = render_template(
            ARTICLE_TEMPLATE,
            guide=guide,
            direction=language_named(guide.language).direction,
            labels=labels,
            checked=format_date(
                guide.checked, "long", locale=DATE_LOCALES.get(labels.code, labels.code)
            ),
            picture_src=picture_src,
        )
    # Markup only wraps what an autoescaping template (.html) has just produced: every
    # value in it was escaped on the way in. Nothing a victim or an officer typed reaches
    # this function: a guide comes from the files in easyread/guides/, reviewed in git.
    return Markup(html)  # noqa: S704


def render_document(guide: Guide) -> str:
    """The standalone document WeasyPrint prints."""
    return render_template(
        DOCUMENT_TEMPLATE,
        guide=guide,
        direction=language_named(guide.language).direction,
        font_family=css_font_family(guide.language),
        article=render_article(guide, print_picture_src),
    )
