"""Reading the guide sources: what is accepted, and a clear error for what is not."""

from __future__ import annotations

from datetime import date

import pytest

from portal.easyread import Library
from portal.easyread.sources import GuideSourceError


def test_the_library_lists_guides_in_index_order_with_their_languages(fixture_root):
    library = Library(fixture_root)
    assert library.slugs() == ["after-you-report", "getting-support"]
    assert library.languages_of("after-you-report") == ["en", "ur", "ar"]
    assert library.languages() == ["en", "ur", "ar"]
    assert library.missing_in("ar") == ["getting-support"]


def test_a_guide_is_read_with_its_sections_lines_and_metadata(fixture_root):
    guide = Library(fixture_root).guide("after-you-report", "ar")
    assert guide.translation == "draft"
    assert guide.is_draft
    assert guide.checked == date(2025, 3, 20)
    assert len(guide.sections) == 2
    assert guide.sections[0].lines[0].picture == "talk"
    assert guide.pictures() == ["calendar", "house", "person", "phone", "talk"]


@pytest.mark.parametrize(
    ("slug", "language"),
    [
        ("after-you-report", "de"),  # not a language of the portal
        ("getting-support", "ar"),  # not translated yet
        ("no-such-guide", "en"),
        ("../guides/after-you-report", "en"),
        ("after-you-report", "../en"),
        ("AFTER-YOU-REPORT", "en"),
        ("a" * 500, "en"),
    ],
)
def test_an_unknown_or_odd_name_finds_no_guide(fixture_root, slug, language):
    assert Library(fixture_root).guide(slug, language) is None


def test_guides_for_a_language_fall_back_to_english_where_not_translated(fixture_root):
    summaries = Library(fixture_root).guides_for_language("ar")
    assert [(s.slug, s.language, s.direction) for s in summaries] == [
        ("after-you-report", "ar", "rtl"),
        ("getting-support", "en", "ltr"),
    ]
    assert [s.number for s in summaries] == [1, 2]


def write_guide(root, text: str):
    path = root / "guides" / "after-you-report" / "en.toml"
    path.write_text(text)
    return Library(root)


GOOD = (
    'title = "T"\nsummary = "S"\nversion = "1"\nchecked = 2025-01-01\n'
    'translation = "original"\ncover = "person"\n'
    '[[sections]]\nheading = "H"\n[[sections.lines]]\npicture = "talk"\ntext = "A sentence."\n'
)


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        (GOOD.replace('title = "T"\n', ""), "`title`"),
        (GOOD.replace("2025-01-01", '"1 January"'), "`checked`"),
        (GOOD.replace('"original"', '"machine"'), "translation"),
        (GOOD.replace('picture = "talk"', 'picture = "../secret"'), "picture name"),
        (GOOD.replace('text = "A sentence."', 'text = ""'), "`text`"),
        (GOOD.split("[[sections]]")[0], "sections"),
        (GOOD.replace('version = "1"', "version = [1"), "en.toml"),
    ],
)
def test_a_broken_source_is_an_error_naming_the_file_and_the_field(own_root, broken, complaint):
    library = write_guide(own_root, broken)
    with pytest.raises(GuideSourceError, match=complaint) as error:
        library.guide("after-you-report", "en")
    assert "en.toml" in str(error.value)


def test_a_well_formed_source_is_accepted(own_root):
    guide = write_guide(own_root, GOOD).guide("after-you-report", "en")
    assert guide.sentences() == ["A sentence."]


def test_an_index_naming_a_bad_slug_is_an_error(own_root):
    (own_root / "guides" / "index.toml").write_text('guides = ["ok", "../../etc"]\n')
    with pytest.raises(GuideSourceError, match="not a valid slug"):
        Library(own_root).slugs()


def test_a_guide_knows_each_pictures_text_in_its_own_language(fixture_root):
    guide = Library(fixture_root).guide("after-you-report", "ur")
    assert guide.alt_for("talk") == "دو لوگ بات کر رہے ہیں"
    assert guide.alt_for("person") == "ایک شخص"


def test_a_picture_the_catalogue_does_not_describe_is_an_error_naming_both_files(own_root):
    library = write_guide(own_root, GOOD.replace('picture = "talk"', 'picture = "bus"'))
    with pytest.raises(GuideSourceError, match="'bus' has no text in 'en'") as error:
        library.guide("after-you-report", "en")
    assert "en.toml" in str(error.value) and "catalogue.toml" in str(error.value)


def test_a_picture_with_no_text_in_the_guides_language_is_an_error(own_root):
    catalogue = own_root / "pictures" / "catalogue.toml"
    catalogue.write_text(catalogue.read_text().replace('alt.ar = "البيت"\n', ""))
    with pytest.raises(GuideSourceError, match="'house' has no text in 'ar'"):
        Library(own_root).guide("after-you-report", "ar")
    assert Library(own_root).guide("after-you-report", "en").alt_for("house") == "Home"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda text: text.replace('alt.en = "Home"', 'alt.en = ""'), "`en` must be some text"),
        (lambda text: text.replace('id = "house"', 'id = "../house"'), "not a valid picture"),
        (lambda text: text.replace('id = "house"', 'id = "talk"'), "listed twice"),
        (lambda text: text.replace('shows = "A house."\n', ""), "`shows`"),
        (lambda text: text + "[[pictures\n", "catalogue.toml"),
    ],
)
def test_a_broken_catalogue_is_an_error_naming_it(own_root, change, complaint):
    catalogue = own_root / "pictures" / "catalogue.toml"
    catalogue.write_text(change(catalogue.read_text()))
    with pytest.raises(GuideSourceError, match=complaint) as error:
        Library(own_root).guide("after-you-report", "en")
    assert "catalogue.toml" in str(error.value)
