"""The renderer reads only easyread/, and never ships a guide with something missing."""

from __future__ import annotations

import pytest

from portal.easyread import Library
from portal.easyread.fonts import FontMissingError, check_coverage, font_file
from portal.easyread.pdf import (
    EasyreadFetcher,
    MissingPictureError,
    RenderError,
    ResourceRefused,
    render_pdf,
)


@pytest.fixture
def fetcher(fixture_root):
    return EasyreadFetcher(fixture_root)


def test_the_fetcher_serves_a_picture_inside_easyread(fetcher, fixture_root):
    response = fetcher.fetch((fixture_root / "pictures" / "talk.svg").as_uri())
    assert response.read().startswith(b"<svg")
    assert response.content_type == "image/svg+xml"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/picture.svg",
        "https://example.com/print.css",
        "ftp://example.com/picture.svg",
        "data:image/svg+xml,<svg/>",
    ],
)
def test_the_fetcher_refuses_anything_that_is_not_a_file_inside_easyread(fetcher, url):
    with pytest.raises(ResourceRefused):
        fetcher.fetch(url)


def test_the_fetcher_refuses_to_climb_out_of_easyread(own_root):
    fetcher, fixture_root = EasyreadFetcher(own_root), own_root
    outside = own_root.parent / "secret.txt"
    outside.write_text("not for guides")
    sneaky = fixture_root.as_uri() + "/pictures/../../secret.txt"
    for url in (outside.as_uri(), sneaky, fixture_root.as_uri() + "/pictures/%2e%2e/../secret.txt"):
        with pytest.raises(ResourceRefused):
            fetcher.fetch(url)


def test_the_fetcher_refuses_a_link_that_points_outside(own_root, tmp_path):
    target = tmp_path / "elsewhere.svg"
    target.write_text("<svg/>")
    link = own_root / "pictures" / "link-out.svg"
    link.symlink_to(target)
    with pytest.raises(ResourceRefused):
        EasyreadFetcher(own_root).fetch(link.as_uri())


def test_a_missing_picture_stops_the_rendering(app, own_root):
    (own_root / "pictures" / "phone.svg").unlink()
    library = Library(own_root)
    with app.test_request_context(), pytest.raises(MissingPictureError, match="phone"):
        render_pdf(library, library.guide("after-you-report", "en"))


def test_a_missing_stylesheet_stops_the_rendering(app, own_root):
    (own_root / "print.css").unlink()
    library = Library(own_root)
    with app.test_request_context(), pytest.raises(ResourceRefused, match=r"print\.css"):
        render_pdf(library, library.guide("after-you-report", "en"))


def test_a_picture_that_cannot_be_drawn_stops_the_rendering(app, own_root):
    (own_root / "pictures" / "house.svg").write_text("this is not a picture")
    library = Library(own_root)
    with app.test_request_context(), pytest.raises(RenderError):
        render_pdf(library, library.guide("after-you-report", "en"))


def test_a_character_no_font_can_draw_stops_the_rendering(app, own_root):
    source = own_root / "guides" / "after-you-report" / "en.toml"
    source.write_text(source.read_text().replace("Someone will listen", "Someone 聽 will listen"))
    library = Library(own_root)
    with app.test_request_context(), pytest.raises(FontMissingError, match="U\\+807D"):
        render_pdf(library, library.guide("after-you-report", "en"))


def test_a_font_that_is_not_installed_is_an_error():
    with pytest.raises(FontMissingError, match="not installed"):
        font_file("Noto Sans Imaginary")


def test_every_script_of_the_portals_languages_is_covered():
    samples = {
        "en": "Victims' Code, ISVA, 999 – “quotes”",
        "cy": "Mae gennych hawl i gael gwybodaeth. ŵ ŷ â",
        "pl": "Zażółć gęślą jaźń",
        "ro": "Știți că aveți drepturi? ă â î ș ț",
        "ar": "لديك الحق في الحصول على المعلومات ١٢٣",
        "ur": "آپ کو معلومات حاصل کرنے کا حق ہے۔ ں ے ۓ",
    }
    for language, sample in samples.items():
        check_coverage(language, f"<p>{sample}</p>")
