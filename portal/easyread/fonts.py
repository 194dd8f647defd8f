"""The fonts each language is printed in, and a check that they cover every character.

The PDFs use the system's Noto fonts (Debian's `fonts-noto-core`, which `make` installs).
WeasyPrint quietly falls back to another font, or to an empty box, when a font or a glyph
is missing; that would hand someone a guide they cannot read. So before rendering, each
font of the language's stack must be installed, and every character of the document must
be in one of them, or rendering stops with `FontMissingError`.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import cache
from html.parser import HTMLParser

from fontTools.ttLib import TTFont

LATIN = ("Noto Sans",)
# Naskh is the usual style for Arabic body text. Urdu readers would rather have Nastaliq,
# but WeasyPrint maps Noto Nastaliq Urdu's joined glyphs back to the wrong letters, so a
# screen reader, a search or a copy would get garbled words; Naskh (which covers Urdu)
# keeps the text right. Noto Sans comes last for digits and Latin words (ISVA, 999).
FONT_STACKS: dict[str, tuple[str, ...]] = {
    "ar": ("Noto Naskh Arabic", "Noto Sans"),
    "ur": ("Noto Naskh Arabic", "Noto Sans"),
}
# Characters that are never drawn as glyphs of their own: spaces, controls, joiners,
# direction marks.
INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


class FontMissingError(RuntimeError):
    """A font is not installed, or no font of the stack can draw a character."""


def font_stack(language: str) -> tuple[str, ...]:
    return FONT_STACKS.get(language, LATIN)


def css_font_family(language: str) -> str:
    # Unquoted on purpose: these names are plain words, valid CSS as they are, and so
    # nothing in them needs escaping when a template writes them into a <style>.
    return ", ".join(font_stack(language))


@cache
def font_file(family: str) -> str:
    """The installed file for `family`'s regular style, as fontconfig finds it."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissingError("fontconfig's fc-match is not installed")
    found = subprocess.run(  # noqa: S603 - a fixed program; the family is our own constant
        [fc_match, "--format=%{family[0]}\n%{file}", f"{family}:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    )
    matched_family, _, path = found.stdout.partition("\n")
    if found.returncode != 0 or matched_family != family or not path:
        raise FontMissingError(f"the font {family!r} is not installed (fonts-noto-core)")
    return path


@cache
def _characters_of(family: str) -> frozenset[int]:
    with TTFont(font_file(family), lazy=True) as font:
        return frozenset(font.getBestCmap())


def check_coverage(language: str, html: str) -> None:
    """Raise unless every visible character of `html` is in the language's fonts."""
    covered = frozenset().union(*(_characters_of(f) for f in font_stack(language)))
    missing = sorted(
        {
            char
            for char in visible_text(html)
            if ord(char) not in covered and unicodedata.category(char) not in INVISIBLE_CATEGORIES
        }
    )
    if missing:
        shown = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing[:10])
        raise FontMissingError(f"no font for {language} can draw: {shown}")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)
