"""A rough check that an officer's free text is in the language the victim reads, and a
guess at the language it is in, to mark it on the page.

Not a translator and not a language detector: it looks at the script (Arabic script for
Arabic and Urdu, Latin for the others) and, among Latin-script languages, at which
language's most common little words the text uses. When the text seems to be in another
language, the officer is warned that an interpreter or a translation may be needed
(Victims' Code, Right 1). A short text gives no warning: too little to judge.
"""

from __future__ import annotations

import re
import unicodedata

from portal.rules.languages import Language, language

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 4

# The commonest short words of each Latin-script language the portal speaks.
STOP_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and to of a in is you that it for be will we have this with on are your "
        "not can i he she they was has if at as or by",
        "cy": "y yr a ac i o yn mae ar am eich chi ni bod wedi fydd gan ei hyn sy ond fel "
        "gyda ddim na rydym byddaf os",
        "pl": "i w nie na się z że do to jest jak po o co ale pan pani czy jego jej są już "
        "przez dla",
        "ro": "și în de la nu să pe cu că este o un a din pentru ce sunt dumneavoastră mai "
        "fost va au",
    }.items()
}
ARABIC_SCRIPT = frozenset({"ar", "ur"})


def _is_arabic_letter(ch: str) -> bool:
    return "ARABIC" in unicodedata.name(ch, "")


def _arabic_letters(letters: str) -> int:
    # Looking up each character's Unicode name is slow, and most text is plain ASCII,
    # where no character is Arabic: an update page checks every officer's text.
    if letters.isascii():
        return 0
    return sum(_is_arabic_letter(ch) for ch in letters)


def seems_not_in(text: str | None, language: str) -> bool:
    """True when `text` seems to be written in a language other than `language`."""
    words = [w.casefold() for w in _WORD.findall(text or "")]
    if len(words) < MIN_WORDS:
        return False
    letters = "".join(words)
    arabic_share = _arabic_letters(letters) / len(letters)
    if language in ARABIC_SCRIPT:
        return arabic_share < 0.5
    if arabic_share > 0.5:
        return True
    scores = {code: sum(w in stops for w in words) for code, stops in STOP_WORDS.items()}
    best = max(scores, key=scores.get)
    if language not in scores:
        return False
    # Warn only when another language clearly leads: shared short words ("a", "i") are common.
    return best != language and scores[best] >= 2 and scores[best] > 1.5 * scores[language]


def written_in(text: str | None, expected: str) -> Language:
    """The language to mark an officer's text with (`lang` and `dir`, WCAG 3.1.2).

    `expected` is the language of the page around it. When the text does not seem to be
    in it, the best guess: Arabic script reads right to left (Arabic, unless the page is
    Urdu), and among Latin-script languages the one whose little words it uses most. The
    direction is always right; the language is a guess only when the text is not the
    page's, which is when a screen reader needs it most.
    """
    if not seems_not_in(text, expected):
        return language(expected)
    words = [w.casefold() for w in _WORD.findall(text or "")]
    letters = "".join(words)
    if _arabic_letters(letters) > len(letters) / 2:
        return language(expected if expected in ARABIC_SCRIPT else "ar")
    scores = {code: sum(w in stops for w in words) for code, stops in STOP_WORDS.items()}
    return language(max(scores, key=scores.get))
