"""The public guide library, guide pages, PDFs and ZIPs, as a visitor gets them."""

from __future__ import annotations

import io
import zipfile

import pytest

from portal.web.i18n import LANGUAGE_COOKIE

NEUTRAL = ("police", "rape", "case", "crime", "offence", "victim")


def test_the_library_lists_every_guide_in_every_language_without_signing_in(guides_app, client):
    page = client.get_page("/guides/")
    assert page.h1 == "Easy read guides"
    links = {a["href"] for a in page.select("main a")}
    for path in (
        "/guides/en/after-you-report",
        "/guides/en/getting-support",
        "/guides/ar/after-you-report",
        "/guides/ur/after-you-report",
        "/guides/en/after-you-report.pdf",
        "/guides/ar/after-you-report.pdf",
        "/guides/en.zip",
        "/guides/ar.zip",
    ):
        assert path in links, path
    assert "/guides/ar/getting-support" not in links  # not translated yet


def test_the_library_puts_the_visitors_language_first(guides_app, client):
    english = client.get_page("/guides/")
    assert english.select_one("main h2").get_text(strip=True) == "English"
    client.http.set_cookie(LANGUAGE_COOKIE, "ar")
    arabic = client.get_page("/guides/")
    first_shelf = arabic.select_one("main h2")
    assert first_shelf.get_text(strip=True) == "العربية"
    first_guide = arabic.select_one(".easyread-library__item")
    assert first_guide["lang"] == "ar"
    assert first_guide["dir"] == "rtl"


def test_a_guide_page_shows_every_sentence_beside_its_picture(guides_app, client):
    page = client.get_page("/guides/en/after-you-report")
    assert page.h1 == "After you tell someone"
    rows = page.select(".easyread-line")
    assert [row.select_one("p").get_text(strip=True) for row in rows] == [
        "Someone will listen to you.",
        "They will tell you what happens next.",
        "You can ask for help to feel safe at home.",
        "You can choose when we contact you.",
    ]
    assert rows[0].select_one("img")["src"] == "/guides/pictures/talk.svg"
    # Each picture's own text from the catalogue, never a generic "Picture".
    assert [row.select_one("img")["alt"] for row in rows] == [
        "Two people talking",
        "A phone",
        "Home",
        "A calendar",
    ]
    assert page.select_one(".easyread-cover__picture")["alt"] == "A person"
    about = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in page.select(".easyread-about dt")
    }
    assert about == {
        "Version": "1.0",
        "Text last checked": "14 March 2025",
        "Translation": "None: this is the original text",
    }
    assert "not yet been checked" not in page.text()


def test_a_guide_page_title_never_names_the_subject(guides_app, client):
    title = client.get_page("/guides/en/after-you-report").title.lower()
    assert title.startswith("easy read guide")
    for word in NEUTRAL:
        assert word not in title


def test_an_arabic_guide_runs_right_to_left_and_says_it_is_a_draft(guides_app, client):
    page = client.get_page("/guides/ar/after-you-report")
    article = page.select_one("article.easyread")
    assert article["lang"] == "ar"
    assert article["dir"] == "rtl"
    assert page.h1 == "بعد أن تخبر أحدا"
    assert "سيستمع إليك شخص ما." in page.text()
    notice = article.select_one(".easyread-draft[role=note]")
    assert notice is not None and notice["lang"] == "ar", "the draft notice, in Arabic"
    assert "لم" in notice.get_text(), "the notice is worded in Arabic, not English"
    assert page.select_one('main a[hreflang="en"]')["href"] == "/guides/en/after-you-report"
    # The pictures' texts are in the guide's language, inside its lang="ar" article.
    assert [img["alt"] for img in article.select(".easyread-line__picture")] == [
        "شخصان يتحدثان",
        "هاتف",
        "البيت",
        "تقويم",
    ]


def test_the_pictures_and_the_stylesheet_are_served_and_may_be_cached(guides_app, client):
    picture = client.get("/guides/pictures/talk.svg")
    assert picture.status_code == 200
    assert picture.mimetype == "image/svg+xml"
    assert "public" in picture.headers["Cache-Control"]
    stylesheet = client.get("/guides/easyread.css")
    assert stylesheet.mimetype == "text/css"
    assert client.get("/guides/pictures/nothing-here.svg").status_code == 404


def test_the_pdf_is_an_attachment_with_a_neutral_name_an_etag_and_every_security_header(
    guides_app, client
):
    response = client.get("/guides/ar/after-you-report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="easy-read-guide-1-ar.pdf"'
    )
    assert len(response.headers["ETag"].strip('"')) == 64
    assert "public" in response.headers["Cache-Control"]
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Strict-Transport-Security",
    ):
        assert header in response.headers, header


def test_an_unchanged_pdf_answers_not_modified_to_a_browser_that_has_it(guides_app, client):
    etag = client.get("/guides/en/getting-support.pdf").headers["ETag"]
    again = client.get("/guides/en/getting-support.pdf", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    other = client.get("/guides/en/getting-support.pdf", headers={"If-None-Match": '"old"'})
    assert other.status_code == 200


def test_a_cached_pdf_is_served_without_printing_it_again(guides_app, client, monkeypatch):
    client.get("/guides/en/after-you-report.pdf")

    def must_not_print(*args):
        raise AssertionError("printed again although nothing changed")

    monkeypatch.setattr("portal.easyread.pdf.render_pdf", must_not_print)
    monkeypatch.setattr("portal.easyread.cache.BuildCache.build_pdf", must_not_print)
    assert client.get("/guides/en/after-you-report.pdf").status_code == 200


def test_a_process_finds_a_guides_built_pdf_once_not_on_every_request(
    guides_app, client, monkeypatch
):
    """Finding the built file hashes some 30 files: once per process is enough."""
    from portal.easyread.cache import BuildCache

    hashed = []
    real_hash = BuildCache.content_hash
    monkeypatch.setattr(
        BuildCache, "content_hash", lambda cache, guide: hashed.append(1) or real_hash(cache, guide)
    )
    first = client.get("/guides/en/getting-support.pdf")
    times = len(hashed)
    again = client.get("/guides/en/getting-support.pdf")
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    assert len(hashed) == times, "the second request worked it all out again"
    monkeypatch.setattr(guides_app, "debug", True)  # someone editing guides: always check
    client.get("/guides/en/getting-support.pdf")
    assert len(hashed) > times


def test_the_zip_holds_one_pdf_for_each_guide_in_the_language(guides_app, client):
    response = client.get("/guides/en.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="easy-read-guides-en.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.namelist() == ["01-after-you-report.pdf", "02-getting-support.pdf"]
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())
    assert (
        client.get(
            "/guides/en.zip", headers={"If-None-Match": response.headers["ETag"]}
        ).status_code
        == 304
    )


@pytest.mark.parametrize(
    "path",
    [
        "/guides/xx/after-you-report",
        "/guides/de/after-you-report",
        "/guides/en/no-such-guide",
        "/guides/ar/getting-support",
        "/guides/ar/getting-support.pdf",
        "/guides/en/no-such-guide.pdf",
        "/guides/xx.zip",
        "/guides/cy.zip",
        "/guides/en/..%2f..%2fetc%2fpasswd",
        "/guides/en/..%2fafter-you-report",
        "/guides/..%2f..%2fetc/passwd.pdf",
        "/guides/en/%2e%2e",
        # The 404 page's language switcher puts the path in its hidden `next` field:
        # a NUL in it must not reach the page.
        "/guides/en/after-you-report%00",
        "/guides/en/after%20you%20report",
        "/guides/en/AFTER-YOU-REPORT",
        "/guides/en/" + "a" * 5000,
        "/guides/" + "e" * 300 + "/after-you-report.pdf",
        "/guides/en/ﬁle",
        "/guides/en/after-you-report/",
        "/guides/pictures/..%2f..%2fprint.css.svg",
        "/guides/pictures/%2e%2e.svg",
    ],
)
def test_an_unknown_or_odd_guide_or_language_is_not_found(guides_app, client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert "Page not found" in response.get_data(as_text=True)


def test_the_library_works_before_any_guide_exists(app, client, tmp_path):
    saved = app.config.get("EASYREAD_ROOT")
    app.config["EASYREAD_ROOT"] = str(tmp_path)
    try:
        page = client.get_page("/guides/")
        assert "There are no guides yet" in page.text()
        assert client.get("/guides/en.zip").status_code == 404
    finally:
        app.config["EASYREAD_ROOT"] = saved
