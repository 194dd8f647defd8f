"""The project's own pictures: every drawing is in the catalogue with a text in every
language, every guide uses its pictures the same way in every language, no picture stands
for too many sentences, and a reader of the web page or the PDF gets the catalogue's text
in the guide's language, never a generic "Picture"."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from pypdf import PdfReader

from portal.easyread import DEFAULT_ROOT, Library
from portal.easyread.pdf import render_pdf
from portal.rules.languages import LANGUAGES
from tests.easyread.test_pdf import figures_of

LIBRARY = Library(DEFAULT_ROOT)
CATALOGUE = LIBRARY.catalogue()
DRAWINGS = sorted(p.stem for p in LIBRARY.pictures_folder.glob("*.svg"))
# One drawing may stand for at most this many sentences across the whole library (in
# one language, and so in every language). Above it, a picture stops meaning anything:
# before the review a light bulb stood beside 18 different sentences.
MOST_SENTENCES_PER_PICTURE = 6
# What every figure used to say, in each language: no picture's text may be the generic word.
GENERIC = {"Picture", "Llun", "Obrazek", "Imagine", "تصویر", "صورة"}


def pictures_in_order(guide) -> list[str]:
    return [guide.cover] + [line.picture for s in guide.sections for line in s.lines]


def test_every_drawing_is_in_the_catalogue_and_every_entry_has_a_drawing():
    assert sorted(CATALOGUE) == DRAWINGS


@pytest.mark.parametrize("name", DRAWINGS)
def test_every_picture_has_its_own_text_in_every_language(name):
    entry = CATALOGUE[name]
    assert sorted(entry.alt) == sorted(LANGUAGES)
    for code, text in entry.alt.items():
        assert text not in GENERIC, (name, code)
        assert len(text) <= 60, f"{name} in {code}: a picture's text is a few words"


def test_no_two_pictures_share_a_text_in_any_language():
    for code in LANGUAGES:
        texts = Counter(entry.alt[code] for entry in CATALOGUE.values())
        assert [text for text, n in texts.items() if n > 1] == [], code


@pytest.mark.parametrize("name", DRAWINGS)
def test_every_drawing_keeps_the_house_style_and_has_no_text(name):
    svg = (LIBRARY.pictures_folder / f"{name}.svg").read_text()
    assert 'viewBox="0 0 120 120"' in svg
    assert 'stroke="#1d2a3a"' in svg
    assert "<text" not in svg, "words in a picture cannot be translated or read aloud"
    colours = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", svg))
    assert colours <= {"#1d2a3a", "#1f6f78", "#cfe6e8", "#f2b880", "#fff"}, colours


@pytest.mark.parametrize("slug", LIBRARY.slugs())
def test_a_guide_shows_the_same_picture_beside_the_same_sentence_in_every_language(slug):
    english = pictures_in_order(LIBRARY.guide(slug, "en"))
    for code in LIBRARY.languages_of(slug):
        assert pictures_in_order(LIBRARY.guide(slug, code)) == english, code


def test_no_picture_stands_for_too_many_sentences():
    uses = Counter(
        line.picture
        for guide in LIBRARY.guides_in("en")
        for section in guide.sections
        for line in section.lines
    )
    overused = {name: n for name, n in uses.items() if n > MOST_SENTENCES_PER_PICTURE}
    assert overused == {}


@pytest.mark.parametrize(
    ("slug", "sentence", "picture"),
    [
        # The pairings the review found misleading, and what stands beside them now.
        ("decision-not-to-charge", "It does not mean the police think you lied.", "person-tick"),
        ("after-you-report", "What happened was not your fault.", "person-tick"),
        ("victim-personal-statement", "The person accused and their lawyer", "lawyer"),
        ("bail-and-your-safety", "Arrest means the police take the person", "handcuffs"),
    ],
)
def test_a_sentence_has_a_picture_of_what_it_means(slug, sentence, picture):
    lines = [line for s in LIBRARY.guide(slug, "en").sections for line in s.lines]
    [line] = [line for line in lines if line.text.startswith(sentence)]
    assert line.picture == picture


def test_after_you_report_promises_only_the_channels_the_portal_offers():
    # The portal tells a victim by text message or email, or not at all (see
    # STAFF_CHANNELS in portal/rules/choices.py); a call only when she asks for one.
    for code in LIBRARY.languages_of("after-you-report"):
        guide = LIBRARY.guide("after-you-report", code)
        assert guide.version != "1.0", f"{code}: the text changed, so its version did"
    text = " ".join(LIBRARY.guide("after-you-report", "en").sentences()).lower()
    assert "letter" not in text
    assert "text message or an email" in text
    assert "ask your officer to call you" in text


@pytest.mark.parametrize("code", ["en", "cy", "ar"])
def test_a_real_guide_page_gives_each_picture_its_catalogue_text(client, code):
    guide = LIBRARY.guide("decision-not-to-charge", code)
    page = client.get_page(f"/guides/{code}/decision-not-to-charge")
    article = page.select_one("article.easyread")
    assert article["lang"] == code
    shown = [img["alt"] for img in article.select("img")]
    assert shown == [CATALOGUE[name].alt[code] for name in pictures_in_order(guide)]


@pytest.mark.parametrize("code", ["cy", "ar"])
def test_a_real_guides_pdf_gives_each_figure_its_catalogue_text(app, code):
    guide = LIBRARY.guide("after-you-report", code)
    with app.test_request_context():
        pdf = PdfReader(io.BytesIO(render_pdf(LIBRARY, guide)))
    figures = figures_of(pdf.trailer["/Root"]["/StructTreeRoot"])
    assert [str(f["/Alt"]) for f in figures] == [
        CATALOGUE[name].alt[code] for name in pictures_in_order(guide)
    ]
