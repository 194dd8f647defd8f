"""The printed guides: their text, language, title, fonts, tags, pictures and pages."""

from __future__ import annotations

import io
import unicodedata

import pytest
from babel.support import Translations
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from portal.easyread import Library
from portal.easyread.language_support import TRANSLATIONS

LANGUAGES = ("en", "ar", "ur")


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def normalised(text: str) -> str:
    """One space between words, compatibility forms folded (Arabic presentation forms)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(data: bytes) -> str:
    return normalised(" ".join(page.extract_text() for page in reader(data).pages))


def fonts_of(data: bytes) -> list:
    found = {}
    for page in reader(data).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            found[font["/BaseFont"]] = font
    return list(found.values())


def descriptor_of(font):
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_contains_every_sentence_heading_and_the_title(printed, fixture_root, language):
    guide = Library(fixture_root).guide("after-you-report", language)
    text = pdf_text(printed[language])
    expected = [guide.title, guide.summary, *(s.heading for s in guide.sections)]
    for sentence in expected + guide.sentences():
        assert normalised(sentence) in text, sentence


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_carries_its_language_and_its_title(printed, fixture_root, language):
    guide = Library(fixture_root).guide("after-you-report", language)
    pdf = reader(printed[language])
    assert pdf.trailer["/Root"]["/Lang"] == language
    assert pdf.metadata.title == guide.title
    assert pdf.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_is_tagged_for_assistive_technology(printed, language):
    root = reader(printed[language]).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    metadata = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in metadata  # declares PDF/UA-1


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_in_the_pdf_is_embedded_and_is_a_noto_font(printed, language):
    fonts = fonts_of(printed[language])
    assert fonts
    for font in fonts:
        descriptor = descriptor_of(font)
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]
        assert "Noto" in font["/BaseFont"], font["/BaseFont"]


def test_arabic_and_urdu_are_printed_in_an_arabic_script_font(printed):
    for language in ("ar", "ur"):
        names = [font["/BaseFont"] for font in fonts_of(printed[language])]
        assert any("Noto-Naskh-Arabic" in name for name in names), names


def test_english_needs_no_arabic_font(printed):
    names = [font["/BaseFont"] for font in fonts_of(printed["en"])]
    assert not any("Arabic" in name for name in names), names


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_ends_with_its_number(printed, language):
    pages = reader(printed[language]).pages
    assert len(pages) >= 1
    for number, page in enumerate(pages, 1):
        assert page.extract_text().split()[-1] == str(number)


def figures_of(element) -> list:
    """The /Figure elements of a structure tree, in reading order."""
    element = element.get_object()
    if not isinstance(element, DictionaryObject):
        return []
    found = [element] if element.get("/S") == "/Figure" else []
    children = element.get("/K")
    if isinstance(children, ArrayObject):
        for child in children:
            found += figures_of(child)
    elif children is not None:
        found += figures_of(children)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_is_a_figure_with_its_own_text_in_the_guides_language(
    printed, fixture_root, language
):
    library = Library(fixture_root)
    guide = library.guide("after-you-report", language)
    catalogue = library.catalogue()
    figures = figures_of(reader(printed[language]).trailer["/Root"]["/StructTreeRoot"])
    # The cover, then one per sentence, in reading order, each with its catalogue text.
    pictures = [guide.cover] + [line.picture for s in guide.sections for line in s.lines]
    expected = [catalogue[name].alt[language] for name in pictures]
    assert [str(figure["/Alt"]) for figure in figures] == expected
    assert "Picture" not in expected


def test_the_pictures_are_drawn_as_vectors_in_their_own_colours(printed):
    drawing = reader(printed["en"]).pages[0].get_contents().get_data()
    # The fixture house's roof is #d4351c and the speech bubble #f3c623: nothing else is.
    assert b"0.831373 0.207843 0.109804 rg" in drawing
    assert b"0.952941 0.776471 0.137255 rg" in drawing


def test_a_draft_translation_says_so_and_an_original_does_not(printed):
    notice = "This translation has not yet been checked by a professional translator."
    # The notice is in the guide's own language, from the interface catalogue.
    arabic = Translations.load(TRANSLATIONS, ["ar"]).gettext(notice)
    assert arabic != notice, "the Arabic catalogue should translate the notice"
    assert normalised(arabic) in pdf_text(printed["ar"])
    assert "not yet been checked" not in pdf_text(printed["en"])
    assert "not yet been checked" not in pdf_text(printed["ur"])  # reviewed


def test_the_pdf_shows_the_version_and_the_date_the_text_was_checked(printed):
    text = pdf_text(printed["en"])
    assert "Version: 1.0" in text
    assert "14 March 2025" in text
