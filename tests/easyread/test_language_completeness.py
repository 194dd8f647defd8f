"""Every language marked supported is complete: all interface strings, all guides.

`translations/status.toml` marks the languages we promise (`supported = true`); for each
of them this fails on any interface string that is missing or fuzzy in its catalogue,
against a fresh extraction of every string in the code and templates, and on any guide
that does not exist in it. `portal translations status` shows the same for every language.
"""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import write_po

from portal.easyread import DEFAULT_ROOT, Library
from portal.easyread.language_support import (
    STATUS_FILE,
    catalogue_gaps,
    language_status,
    read_decisions,
)
from portal.paths import PROJECT_ROOT
from portal.rules.languages import LANGUAGES

MARKED_SUPPORTED = sorted(code for code, d in read_decisions().items() if d.get("supported"))


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory):
    """Every translatable string as the code and templates stand now."""
    template = tmp_path_factory.mktemp("pot") / "messages.pot"
    translations = PROJECT_ROOT / "translations"
    config = str(translations / "babel.cfg")  # its paths are relative to the project
    command = ["pybabel", "-q", "extract", "-F", config, "-k", "_l", "--no-location"]
    CommandLineInterface().run([*command, "-o", str(template), str(PROJECT_ROOT)])
    assert "Easy read guides" in template.read_text()  # the extraction found our strings
    return template


def test_the_status_file_names_only_languages_the_portal_knows():
    assert set(read_decisions()) <= set(LANGUAGES)
    assert "en" in MARKED_SUPPORTED


@pytest.mark.parametrize("code", MARKED_SUPPORTED)
def test_a_supported_language_has_every_interface_string_and_every_guide(code, fresh_template):
    status = language_status(code, Library(DEFAULT_ROOT), STATUS_FILE, fresh_template)
    assert status.problems() == [], f"{code} is marked supported but is not complete"
    assert status.complete


def write_catalogue(folder, code: str, messages: dict[str, tuple[str, bool]]):
    catalogue = Catalog(locale=code)
    for source, (translated, fuzzy) in messages.items():
        catalogue.add(source, translated, flags=("fuzzy",) if fuzzy else ())
    path = folder / code / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as file:
        write_po(file, catalogue)


def write_template(folder, sources: list[str]):
    catalogue = Catalog()
    for source in sources:
        catalogue.add(source)
    path = folder / "messages.pot"
    with path.open("wb") as file:
        write_po(file, catalogue)
    return path


def test_the_check_finds_missing_and_fuzzy_translations(tmp_path):
    template = write_template(tmp_path, ["Welcome", "Exit this page", "Version"])
    write_catalogue(tmp_path, "cy", {"Welcome": ("Croeso", False), "Version": ("Fersiwn", True)})
    gaps = catalogue_gaps("cy", template, tmp_path)
    assert gaps.missing == ["Exit this page"]
    assert gaps.fuzzy == ["Version"]
    assert not gaps.complete


def test_a_language_with_no_catalogue_is_missing_everything(tmp_path):
    template = write_template(tmp_path, ["Welcome"])
    gaps = catalogue_gaps("pl", template, tmp_path)
    assert not gaps.exists
    assert gaps.missing == ["Welcome"]


def test_a_complete_catalogue_passes(tmp_path):
    template = write_template(tmp_path, ["Welcome"])
    write_catalogue(tmp_path, "cy", {"Welcome": ("Croeso", False)})
    assert catalogue_gaps("cy", template, tmp_path).complete


def test_a_language_missing_a_guide_is_not_complete(fixture_root, tmp_path):
    status_file = tmp_path / "status.toml"
    status_file.write_text("[ar]\nsupported = true\n")
    status = language_status("ar", Library(fixture_root), status_file)
    assert status.marked_supported
    assert status.missing_guides == ["getting-support"]
    assert "missing guide: getting-support" in status.problems()
    assert not status.complete


def test_the_status_command_says_which_languages_are_complete(app):
    from click.testing import CliRunner

    from portal.cli import main

    result = CliRunner().invoke(main, ["translations", "status"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert set(lines) == set(LANGUAGES)
    assert "COMPLETE" in lines["en"]
