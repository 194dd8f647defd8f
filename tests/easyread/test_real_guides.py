"""The project's own guides in easyread/: every source reads, every picture exists, and
every character can be printed. (Printing them all is `portal easyread build`'s job.)"""

from __future__ import annotations

import pytest

from portal.easyread import DEFAULT_ROOT, Library
from portal.easyread.fonts import check_coverage
from portal.easyread.html import render_document

LIBRARY = Library(DEFAULT_ROOT)
EDITIONS = [(slug, code) for slug in LIBRARY.slugs() for code in LIBRARY.languages_of(slug)]


def test_every_listed_guide_exists_in_english():
    assert LIBRARY.missing_in("en") == []


def test_every_guide_folder_is_listed_in_the_index():
    folders = {p.name for p in (DEFAULT_ROOT / "guides").iterdir() if p.is_dir()}
    assert folders <= set(LIBRARY.slugs())


@pytest.mark.parametrize(("slug", "language"), EDITIONS)
def test_the_guide_reads_has_all_its_pictures_and_can_be_printed(app, slug, language):
    guide = LIBRARY.guide(slug, language)
    assert guide is not None
    assert LIBRARY.missing_pictures(guide) == []
    with app.test_request_context():
        check_coverage(language, render_document(guide))
