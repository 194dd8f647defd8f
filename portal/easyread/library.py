"""The guide library: which guides exist, in which languages, and where their files are.

A `Library` is pointed at a folder (the real `easyread/`, or a test's fixtures), so
everything that reads guides can be tested without the real sources.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from portal.easyread import pictures, sources
from portal.easyread.sources import Guide, GuideSourceError
from portal.rules.languages import DEFAULT_LANGUAGE, LANGUAGES


@dataclass(frozen=True)
class GuideSummary:
    """What a list of guides needs: enough to show a link, no sections."""

    number: int
    slug: str
    language: str
    direction: str
    title: str
    summary: str
    version: str
    checked: date
    translation: str

    @classmethod
    def of(cls, guide: Guide, number: int) -> GuideSummary:
        return cls(
            number=number,
            slug=guide.slug,
            language=guide.language,
            direction=LANGUAGES[guide.language].direction,
            title=guide.title,
            summary=guide.summary,
            version=guide.version,
            checked=guide.checked,
            translation=guide.translation,
        )


class Library:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    @property
    def pictures_folder(self) -> Path:
        return self.root / "pictures"

    def slugs(self) -> list[str]:
        return sources.read_index(self.root)

    def number_of(self, slug: str) -> int:
        """The guide's place in the library (1 for the first): used in neutral file names."""
        return self.slugs().index(slug) + 1

    def guide(self, slug: str, language: str) -> Guide | None:
        """The guide in that language, or None for any name that is not a listed guide."""
        if language not in LANGUAGES or slug not in self.slugs():
            return None
        return self._with_alts(sources.load_guide(self.root, slug, language))

    def languages(self) -> list[str]:
        """Languages with at least one guide, in the portal's order of languages."""
        found = {lang for slug in self.slugs() for lang in sources.languages_of(self.root, slug)}
        return [code for code in LANGUAGES if code in found]

    def languages_of(self, slug: str) -> list[str]:
        """The languages one guide exists in, in the portal's order of languages."""
        found = set(sources.languages_of(self.root, slug)) if slug in self.slugs() else set()
        return [code for code in LANGUAGES if code in found]

    def languages_first(self, current: str) -> list[str]:
        """Languages with guides, the visitor's own first."""
        languages = self.languages()
        return sorted(languages, key=lambda code: code != current)

    def guides_in(self, language: str) -> list[Guide]:
        """Every guide that exists in `language`, in library order."""
        if language not in LANGUAGES:
            return []
        guides = (sources.load_guide(self.root, slug, language) for slug in self.slugs())
        return [self._with_alts(guide) for guide in guides if guide is not None]

    def missing_in(self, language: str) -> list[str]:
        return [
            slug for slug in self.slugs() if language not in sources.languages_of(self.root, slug)
        ]

    def summaries_in(self, language: str) -> list[GuideSummary]:
        return [GuideSummary.of(g, self.number_of(g.slug)) for g in self.guides_in(language)]

    def guides_for_language(self, language: str) -> list[GuideSummary]:
        """Every guide, in `language` where it exists and in English where it does not yet."""
        summaries = []
        for number, slug in enumerate(self.slugs(), 1):
            guide = self.guide(slug, language) or self.guide(slug, DEFAULT_LANGUAGE)
            if guide is not None:
                summaries.append(GuideSummary.of(guide, number))
        return summaries

    def catalogue(self) -> dict[str, pictures.Picture]:
        return pictures.read_catalogue(self.root)

    def _with_alts(self, guide: Guide | None) -> Guide | None:
        """The guide with each of its pictures' texts in its language: a picture the
        catalogue does not describe in that language is a mistake in the sources."""
        if guide is None:
            return None
        catalogue = self.catalogue()
        alts = {}
        for name in guide.pictures():
            entry = catalogue.get(name)
            text = entry.alt_in(guide.language) if entry else None
            if text is None:
                raise GuideSourceError(
                    f"{guide.source}: picture {name!r} has no text in {guide.language!r} "
                    f"in {pictures.catalogue_path(self.root)}"
                )
            alts[name] = text
        return replace(guide, picture_alts=alts)

    def picture_path(self, name: str) -> Path | None:
        if not sources.is_valid_name(sources.PICTURE, name):
            return None
        return self.pictures_folder / f"{name}.svg"

    def missing_pictures(self, guide: Guide) -> list[str]:
        return [name for name in guide.pictures() if not self.picture_path(name).is_file()]
