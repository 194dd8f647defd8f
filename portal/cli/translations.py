"""`portal translations ...`: extract, update and compile the Babel catalogues."""

from __future__ import annotations

import click
from babel.messages.frontend import CommandLineInterface
from flask.cli import AppGroup

from portal.paths import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"

translations = AppGroup("translations", help="Extract, update and compile translations.")


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def _catalogues() -> list:
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


@translations.command("extract", with_appcontext=False)
def extract() -> None:
    """Collect every translatable string into translations/messages.pot."""
    _babel(
        "extract",
        "-F",
        str(TRANSLATIONS / "babel.cfg"),
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "-o",
        str(TEMPLATE),
        str(PROJECT_ROOT),
    )


@translations.command("update", with_appcontext=False)
def update() -> None:
    """Extract, then merge new strings into every language's catalogue."""
    extract.callback()
    if _catalogues():
        # No fuzzy guesses (a wrong sentence shown to a victim is worse than English) and
        # no obsolete entries kept: version control remembers old translations.
        _babel(
            "update",
            "-i",
            str(TEMPLATE),
            "-d",
            str(TRANSLATIONS),
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        )


@translations.command("init", with_appcontext=False)
@click.argument("language")
def init(language: str) -> None:
    """Start a catalogue for a new language."""
    _babel("init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", language)


@translations.command("compile", with_appcontext=False)
def compile_catalogues() -> None:
    """Compile every catalogue to the .mo files the app reads."""
    if not _catalogues():
        click.echo("No catalogues to compile yet.")
        return
    _babel("compile", "-d", str(TRANSLATIONS))


@translations.command("status", with_appcontext=False)
@click.option("--details", is_flag=True, help="List every missing or fuzzy string and guide.")
def status(details: bool) -> None:
    """Say which languages are complete: every interface string and every guide."""
    from portal.easyread import DEFAULT_ROOT, Library
    from portal.easyread.language_support import all_statuses
    from portal.rules.languages import LANGUAGES

    library = Library(DEFAULT_ROOT)
    guide_count = len(library.slugs())
    for entry in all_statuses(library):
        gaps = entry.catalogue
        if not gaps.exists:
            interface = "no catalogue"
        elif gaps.complete:
            interface = "interface complete"
        else:
            interface = f"{len(gaps.missing)} missing, {len(gaps.fuzzy)} fuzzy"
        guides = f"{guide_count - len(entry.missing_guides)}/{guide_count} guides"
        verdict = "COMPLETE" if entry.complete else "incomplete"
        notes = []
        if entry.marked_supported and not entry.complete:
            notes.append("marked supported but incomplete")
        if not entry.reviewed:
            notes.append("draft")
        name = LANGUAGES[entry.code].english_name
        line = f"{entry.code:4} {name:10} {verdict:11} {interface:20} {guides}"
        click.echo(f"{line}  ({', '.join(notes)})" if notes else line)
        if details:
            for problem in entry.problems():
                click.echo(f"       {problem}")
