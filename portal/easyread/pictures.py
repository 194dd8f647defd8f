"""The picture catalogue, `<root>/pictures/catalogue.toml`: what each drawing shows and
what it means, and its alternative text in every language.

A picture is chosen for what a sentence means, so its text says that meaning in a few
words ("A police officer", "Arrest"). The same text is the `alt` of the picture on the
guide's web page and the /Alt of its figure in the tagged PDF, in the guide's language.
Like the guides, the catalogue is written by people: every field is checked here and a
mistake names the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from portal.easyread.sources import PICTURE, GuideSourceError, is_valid_name

CATALOGUE = "catalogue.toml"


@dataclass(frozen=True)
class Picture:
    id: str
    shows: str  # what is drawn, for people choosing a picture
    means: str  # the sentences it is meant for
    alt: dict[str, str] = field(hash=False)

    def alt_in(self, language: str) -> str | None:
        return self.alt.get(language)


def catalogue_path(root: Path) -> Path:
    return Path(root) / "pictures" / CATALOGUE


def read_catalogue(root: Path) -> dict[str, Picture]:
    """Every picture in the catalogue by id; an empty catalogue when there is no file."""
    path = catalogue_path(root)
    if not path.is_file():
        return {}
    status = path.stat()
    stamp = (status.st_mtime_ns, status.st_size)
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, _parse(path))
        _cache[path] = cached
    return cached[1]


# Guides are read on every page view: parse the catalogue again only when it changes.
_cache: dict[Path, tuple[tuple[int, int], dict[str, Picture]]] = {}


def _parse(path: Path) -> dict[str, Picture]:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise GuideSourceError(f"{path}: {error}") from None
    entries = data.get("pictures")
    if not isinstance(entries, list):
        raise GuideSourceError(f"{path}: needs [[pictures]] entries")
    found: dict[str, Picture] = {}
    for number, entry in enumerate(entries, 1):
        where = f"{path} picture {number}"
        if not isinstance(entry, dict):
            raise GuideSourceError(f"{where}: must be a table")
        name = _text(entry, "id", where)
        if not is_valid_name(PICTURE, name):
            raise GuideSourceError(f"{where}: {name!r} is not a valid picture name")
        if name in found:
            raise GuideSourceError(f"{where}: {name!r} is listed twice")
        alt = entry.get("alt")
        if not isinstance(alt, dict) or not alt:
            raise GuideSourceError(f"{where} ({name}): `alt` needs a text for each language")
        texts = {code: _text(alt, code, f"{where} ({name}) alt") for code in alt}
        found[name] = Picture(
            id=name,
            shows=_text(entry, "shows", where),
            means=_text(entry, "means", where),
            alt=texts,
        )
    return found


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GuideSourceError(f"{where}: `{key}` must be some text")
    return value.strip()
