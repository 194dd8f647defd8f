"""Which interface languages are complete, computed from the files, never written by hand.

A language is complete ("supported") when its interface catalogue has a translation for
every message of the template, none of them fuzzy, and every easy-read guide exists in
it. English is the source language: its catalogue is the template itself.

`translations/status.toml` holds what people decide, not what can be computed:

    [cy]
    supported = true    # we promise this language: the test suite fails if it is not complete
    reviewed = false    # not yet checked by a professional translator: pages say so
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from portal.easyread.library import Library
from portal.paths import PROJECT_ROOT
from portal.rules.languages import DEFAULT_LANGUAGE, LANGUAGES

TRANSLATIONS = PROJECT_ROOT / "translations"
STATUS_FILE = TRANSLATIONS / "status.toml"
TEMPLATE = TRANSLATIONS / "messages.pot"


@dataclass(frozen=True)
class CatalogueGaps:
    exists: bool
    missing: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.exists and not self.missing and not self.fuzzy


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    catalogue: CatalogueGaps
    missing_guides: list[str]
    marked_supported: bool
    reviewed: bool

    @property
    def complete(self) -> bool:
        return self.catalogue.complete and not self.missing_guides

    def problems(self) -> list[str]:
        found = []
        if not self.catalogue.exists:
            found.append("no interface catalogue")
        found += [f"missing translation: {m!r}" for m in self.catalogue.missing]
        found += [f"fuzzy translation: {m!r}" for m in self.catalogue.fuzzy]
        found += [f"missing guide: {slug}" for slug in self.missing_guides]
        return found


def catalogue_path(code: str, translations: Path | None = None) -> Path:
    return (translations or TRANSLATIONS) / code / "LC_MESSAGES" / "messages.po"


def _message_ids(message) -> tuple:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def catalogue_gaps(
    code: str, template: Path | None = None, translations: Path | None = None
) -> CatalogueGaps:
    """What the language's catalogue lacks against the template of every interface string."""
    if code == DEFAULT_LANGUAGE:
        return CatalogueGaps(exists=True)
    path = catalogue_path(code, translations)
    with (template or TEMPLATE).open("rb") as file:
        wanted = [m for m in read_po(file) if m.id]
    if not path.is_file():
        return CatalogueGaps(exists=False, missing=[_message_ids(m)[0] for m in wanted])
    with path.open("rb") as file:
        catalogue = read_po(file, locale=code)
    missing, fuzzy = [], []
    for message in wanted:
        translated = catalogue.get(message.id, context=message.context)
        strings = translated.string if translated is not None else None
        if isinstance(strings, tuple | list):
            done = bool(strings) and all(strings)
        else:
            done = bool(strings)
        if not done:
            missing.append(_message_ids(message)[0])
        elif translated.fuzzy:
            fuzzy.append(_message_ids(message)[0])
    return CatalogueGaps(exists=True, missing=missing, fuzzy=fuzzy)


def read_decisions(path: Path | None = None) -> dict[str, dict]:
    """The people's decisions in status.toml (re-read only when the file changes)."""
    path = path or STATUS_FILE
    if not path.is_file():
        return {}
    stat = path.stat()
    return _read_decisions(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_decisions(path: Path, _mtime: int, _size: int) -> dict[str, dict]:
    with path.open("rb") as file:
        data = tomllib.load(file)
    return {code: table for code, table in data.items() if isinstance(table, dict)}


def language_status(
    code: str, library: Library, status_file: Path | None = None, template: Path | None = None
) -> LanguageStatus:
    decided = read_decisions(status_file).get(code, {})
    return LanguageStatus(
        code=code,
        catalogue=catalogue_gaps(code, template),
        missing_guides=library.missing_in(code),
        marked_supported=bool(decided.get("supported", False)),
        reviewed=code == DEFAULT_LANGUAGE or bool(decided.get("reviewed", False)),
    )


def all_statuses(library: Library, **paths) -> list[LanguageStatus]:
    return [language_status(code, library, **paths) for code in LANGUAGES]


def supported_languages(library: Library) -> list[str]:
    """The languages that are complete right now."""
    return [status.code for status in all_statuses(library) if status.complete]


def interface_is_draft(code: str, status_file: Path | None = None) -> bool:
    """True when pages are shown from a catalogue no professional translator has checked."""
    if code == DEFAULT_LANGUAGE or not catalogue_path(code).is_file():
        return False  # with no catalogue, the interface is shown in English, the source
    return not read_decisions(status_file).get(code, {}).get("reviewed", False)
