"""The easy-read guide "Your phone and your belongings", in every language: a page with its
pictures' texts in the reader's language, and a tagged PDF whose figures carry them too."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from portal.easyread import DEFAULT_ROOT, Library
from portal.easyread.pdf import render_pdf
from portal.rules.languages import LANGUAGES
from tests.easyread.test_pdf import figures_of
from tests.easyread.test_real_pictures import pictures_in_order

LIBRARY = Library(DEFAULT_ROOT)
CATALOGUE = LIBRARY.catalogue()
SLUG = "phone-and-belongings"


def test_the_guide_is_in_every_supported_language():
    assert sorted(LIBRARY.languages_of(SLUG)) == sorted(LANGUAGES)


def test_it_says_the_police_must_not_look_at_everything_and_she_can_ask_for_her_things():
    text = " ".join(line.text for s in LIBRARY.guide(SLUG, "en").sections for line in s.lines)
    assert "They must not look at everything." in text
    assert "You can ask for your things back at any time." in text


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_page_shows_the_guide_with_its_pictures_texts(client, code):
    guide = LIBRARY.guide(SLUG, code)
    page = client.get_page(f"/guides/{code}/{SLUG}")
    assert page.h1 == guide.title
    article = page.select_one("article.easyread")
    assert article["lang"] == code
    shown = [img["alt"] for img in article.select("img")]
    assert shown == [CATALOGUE[name].alt[code] for name in pictures_in_order(guide)]


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_pdf_is_tagged_and_each_figure_has_its_text(app, code):
    guide = LIBRARY.guide(SLUG, code)
    with app.test_request_context():
        pdf = PdfReader(io.BytesIO(render_pdf(LIBRARY, guide)))
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == code
    assert pdf.metadata.title == guide.title
    figures = figures_of(root["/StructTreeRoot"])
    assert [str(f["/Alt"]) for f in figures] == [
        CATALOGUE[name].alt[code] for name in pictures_in_order(guide)
    ]
