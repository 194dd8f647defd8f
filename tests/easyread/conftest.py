"""Fixture guides in a temporary copy of easyread/, and PDFs printed once per session.

The copy holds the fixture guides and pictures (tests/easyread/fixtures) with the real
stylesheets, so tests print with the project's CSS without depending on the real guides,
and a test may break its own copy (a missing picture) without touching anyone else's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.easyread import Library
from portal.paths import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures"
STYLESHEETS = ("layout.css", "print.css")


def copy_fixture_root(target: Path) -> Path:
    shutil.copytree(FIXTURES, target)
    for name in STYLESHEETS:
        shutil.copyfile(PROJECT_ROOT / "easyread" / name, target / name)
    return target


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory) -> Path:
    """Shared by the whole session: never modify it (use `own_root`)."""
    return copy_fixture_root(tmp_path_factory.mktemp("easyread") / "easyread")


@pytest.fixture
def own_root(tmp_path) -> Path:
    """A private copy a test may change."""
    return copy_fixture_root(tmp_path / "easyread")


@pytest.fixture(scope="session")
def build_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("build")


@pytest.fixture
def guides_app(app, fixture_root, build_folder):
    """The session's app, pointed at the fixture guides for the length of one test."""
    saved = {key: app.config.get(key) for key in ("EASYREAD_ROOT", "EASYREAD_BUILD_DIR")}
    app.config.update(EASYREAD_ROOT=str(fixture_root), EASYREAD_BUILD_DIR=str(build_folder))
    yield app
    app.config.update(saved)


@pytest.fixture(scope="session")
def printed(app, fixture_root) -> dict[str, bytes]:
    """The first fixture guide printed once in English, Arabic and Urdu."""
    from portal.easyread.pdf import render_pdf

    library = Library(fixture_root)
    with app.test_request_context():
        return {
            language: render_pdf(library, library.guide("after-you-report", language))
            for language in ("en", "ar", "ur")
        }
