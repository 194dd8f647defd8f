"""Read and check the easy-read guide sources: `<root>/guides/<slug>/<lang>.toml`.

The sources are written by people, so every field is checked here, once, and a mistake
is reported with the file it is in. Nothing else in the portal reads the TOML directly.
Names that reach the file system (slugs, languages, pictures) must match strict patterns,
so a name taken from a URL can never point outside the guides folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")
PICTURE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
MAX_NAME = 80
TRANSLATION_STATES = ("original", "draft", "reviewed")


class GuideSourceError(ValueError):
    """A guide source is missing a field or has one of the wrong kind."""


@dataclass(frozen=True)
class Line:
    picture: str
    text: str


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Guide:
    slug: str
    language: str
    title: str
    summary: str
    version: str
    checked: date
    translation: str
    cover: str
    sections: tuple[Section, ...]
    source: Path
    # Each picture's alternative text in the guide's language, from the picture catalogue
    # (filled in by the Library, which knows where the catalogue is).
    picture_alts: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_draft(self) -> bool:
        return self.translation == "draft"

    def pictures(self) -> list[str]:
        """Every picture the guide shows, once each, in a stable order."""
        names = {self.cover} | {line.picture for s in self.sections for line in s.lines}
        return sorted(names)

    def alt_for(self, picture: str) -> str:
        return self.picture_alts[picture]

    def sentences(self) -> list[str]:
        return [line.text for section in self.sections for line in section.lines]


def is_valid_name(pattern: re.Pattern, name: str) -> bool:
    return len(name) <= MAX_NAME and pattern.fullmatch(name) is not None


def guides_folder(root: Path) -> Path:
    return root / "guides"


def read_index(root: Path) -> list[str]:
    """The guides' slugs in the order the library shows them."""
    path = guides_folder(root) / "index.toml"
    if not path.is_file():
        return []
    data = _read_toml(path)
    slugs = data.get("guides")
    if not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
        raise GuideSourceError(f"{path}: `guides` must be a list of slugs")
    for slug in slugs:
        if not is_valid_name(SLUG, slug):
            raise GuideSourceError(f"{path}: {slug!r} is not a valid slug")
    if len(set(slugs)) != len(slugs):
        raise GuideSourceError(f"{path}: a slug is listed twice")
    return slugs


def source_path(root: Path, slug: str, language: str) -> Path | None:
    """The file for one guide in one language, or None when the names are not valid."""
    if not (is_valid_name(SLUG, slug) and is_valid_name(LANGUAGE, language)):
        return None
    return guides_folder(root) / slug / f"{language}.toml"


def languages_of(root: Path, slug: str) -> list[str]:
    folder = guides_folder(root) / slug
    if not is_valid_name(SLUG, slug) or not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.toml") if is_valid_name(LANGUAGE, p.stem))


def load_guide(root: Path, slug: str, language: str) -> Guide | None:
    """The guide, or None when it does not exist in that language. Bad sources raise."""
    path = source_path(root, slug, language)
    if path is None or not path.is_file():
        return None
    return parse_guide(_read_toml(path), slug=slug, language=language, source=path)


def parse_guide(data: dict, *, slug: str, language: str, source: Path) -> Guide:
    where = str(source)
    translation = _text(data, "translation", where)
    if translation not in TRANSLATION_STATES:
        raise GuideSourceError(f"{where}: translation must be one of {TRANSLATION_STATES}")
    checked = data.get("checked")
    if not isinstance(checked, date):
        raise GuideSourceError(f"{where}: `checked` must be a TOML date like 2025-01-31")
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        raise GuideSourceError(f"{where}: a guide needs at least one [[sections]]")
    return Guide(
        slug=slug,
        language=language,
        title=_text(data, "title", where),
        summary=_text(data, "summary", where),
        version=_text(data, "version", where),
        checked=checked,
        translation=translation,
        cover=_picture(data, "cover", where),
        sections=tuple(_section(s, f"{where} section {i}") for i, s in enumerate(sections, 1)),
        source=source,
    )


def _section(data, where: str) -> Section:
    if not isinstance(data, dict):
        raise GuideSourceError(f"{where}: must be a table")
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        raise GuideSourceError(f"{where}: needs at least one [[sections.lines]]")
    parsed = []
    for i, line in enumerate(lines, 1):
        if not isinstance(line, dict):
            raise GuideSourceError(f"{where} line {i}: must be a table")
        parsed.append(
            Line(
                picture=_picture(line, "picture", f"{where} line {i}"),
                text=_text(line, "text", f"{where} line {i}"),
            )
        )
    return Section(heading=_text(data, "heading", where), lines=tuple(parsed))


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GuideSourceError(f"{where}: `{key}` must be some text")
    return value.strip()


def _picture(data: dict, key: str, where: str) -> str:
    name = _text(data, key, where)
    if not is_valid_name(PICTURE, name):
        raise GuideSourceError(f"{where}: {name!r} is not a valid picture name")
    return name


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise GuideSourceError(f"{path}: {error}") from None
