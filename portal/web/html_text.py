"""Text as HTML can hold it: what a page prints, less the characters HTML may not carry."""

from __future__ import annotations

import re

# Characters HTML may not carry (a parse error, "invalid-codepoint"): C0 controls but tab,
# line feed, form feed and carriage return; DEL and the C1 controls; the noncharacters.
_NONCHARACTERS = "".join(
    chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF)
)
_NOT_FOR_HTML = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef" + re.escape(_NONCHARACTERS) + "]"
)


# Searching for every one of those is slow: a class holding characters beyond U+FFFF
# makes the search about 13 times slower on every page. So text is searched for what its
# own characters could include: plain ASCII (most of a page) only for the C0 controls and
# DEL, other text for the rest below U+10000, and the planes beyond only when it has
# characters there.
_ASCII_NOT_FOR_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BMP_NOT_FOR_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def _holds_unprintable(value: str) -> bool:
    if value.isascii():
        return _ASCII_NOT_FOR_HTML.search(value) is not None
    if _BMP_NOT_FOR_HTML.search(value):
        return True
    return max(value) > "\uffff" and _NOT_FOR_HTML.search(value) is not None


def printable(value: str) -> str:
    """`value` without what HTML cannot hold. Markup stays Markup: str.replace keeps it."""
    if _holds_unprintable(value):
        for character in set(_NOT_FOR_HTML.findall(value)):
            value = value.replace(character, "")
    return value
