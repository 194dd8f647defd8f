"""Guides are printed ahead of time, once, and printed again only when they change."""

from __future__ import annotations

import io
import zipfile

from click.testing import CliRunner
from flask.cli import ScriptInfo

from portal.cli import main
from portal.easyread import Library
from portal.easyread.cache import BuildCache


class CountingRenderer:
    def __init__(self):
        self.calls: list[tuple[str, str]] = []

    def __call__(self, library, guide) -> bytes:
        self.calls.append((guide.slug, guide.language))
        return f"%PDF-1.7 {guide.slug} {guide.language} {len(self.calls)}".encode()


def cache_for(root, folder) -> tuple[BuildCache, CountingRenderer]:
    renderer = CountingRenderer()
    return BuildCache(Library(root), folder, renderer=renderer), renderer


def test_an_unchanged_guide_is_not_printed_again(own_root, tmp_path):
    cache, renderer = cache_for(own_root, tmp_path / "build")
    guide = cache.library.guide("after-you-report", "en")
    first = cache.pdf(guide)
    second = cache.pdf(guide)
    again = BuildCache(Library(own_root), tmp_path / "build", renderer=renderer).pdf(guide)
    assert renderer.calls == [("after-you-report", "en")]
    assert first == second == again
    assert first.path.read_bytes().startswith(b"%PDF")


def test_a_changed_sentence_or_picture_prints_the_guide_again(own_root, tmp_path):
    cache, renderer = cache_for(own_root, tmp_path / "build")
    library = cache.library
    first = cache.pdf(library.guide("after-you-report", "en"))
    source = own_root / "guides" / "after-you-report" / "en.toml"
    source.write_text(source.read_text().replace("listen to you", "listen to you carefully"))
    second = cache.pdf(library.guide("after-you-report", "en"))
    (own_root / "pictures" / "talk.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    third = cache.pdf(library.guide("after-you-report", "en"))
    assert len(renderer.calls) == 3
    assert len({first.etag, second.etag, third.etag}) == 3
    assert not first.path.exists(), "the out-of-date file is removed"
    assert third.path.exists()


def test_a_changed_picture_text_prints_the_guide_again(own_root, tmp_path):
    cache, renderer = cache_for(own_root, tmp_path / "build")
    first = cache.pdf(cache.library.guide("after-you-report", "en"))
    catalogue = own_root / "pictures" / "catalogue.toml"
    catalogue.write_text(catalogue.read_text().replace('"A phone"', '"A phone ringing"'))
    second = cache.pdf(cache.library.guide("after-you-report", "en"))
    assert len(renderer.calls) == 2
    assert first.etag != second.etag


def test_a_change_to_the_print_stylesheet_prints_every_guide_again(own_root, tmp_path):
    cache, renderer = cache_for(own_root, tmp_path / "build")
    guide = cache.library.guide("getting-support", "en")
    before = cache.pdf(guide)
    (own_root / "print.css").write_text("html { font-size: 20pt; }\n")
    after = cache.pdf(guide)
    assert before.etag != after.etag
    assert len(renderer.calls) == 2


def test_the_zip_holds_one_pdf_per_guide_in_that_language(own_root, tmp_path):
    cache, _ = cache_for(own_root, tmp_path / "build")
    english = zipfile.ZipFile(cache.zip("en").path)
    assert english.namelist() == ["01-after-you-report.pdf", "02-getting-support.pdf"]
    assert english.read("02-getting-support.pdf").startswith(b"%PDF")
    arabic = zipfile.ZipFile(io.BytesIO(cache.zip("ar").path.read_bytes()))
    assert arabic.namelist() == ["01-after-you-report.pdf"]
    assert cache.zip("cy") is None


def test_the_same_guides_always_make_the_same_zip(own_root, tmp_path):
    cache, renderer = cache_for(own_root, tmp_path / "build")
    first = cache.zip("en")
    content = first.path.read_bytes()
    first.path.unlink()
    second = cache.zip("en")
    assert second.etag == first.etag
    assert second.path.read_bytes() == content
    assert len(renderer.calls) == 2  # the PDFs themselves were not printed again


def test_the_build_command_prints_every_guide_once_then_skips_them(app, own_root, tmp_path):
    folder = tmp_path / "build"
    saved = {key: app.config.get(key) for key in ("EASYREAD_ROOT", "EASYREAD_BUILD_DIR")}
    app.config.update(EASYREAD_ROOT=str(own_root), EASYREAD_BUILD_DIR=str(folder))
    try:
        runner = CliRunner()
        info = ScriptInfo(create_app=lambda: app)
        first = runner.invoke(main, ["easyread", "build"], obj=info)
        second = runner.invoke(main, ["easyread", "build"], obj=info)
    finally:
        app.config.update(saved)
    assert first.exit_code == 0, first.output
    assert "Built 4 PDFs, 0 unchanged" in first.output
    assert "Built 0 PDFs, 4 unchanged" in second.output
    assert sorted(p.name.split("-")[1] for p in folder.glob("guides-*.zip")) == ["ar", "en", "ur"]
    assert len(list(folder.glob("*/*.pdf"))) == 4
