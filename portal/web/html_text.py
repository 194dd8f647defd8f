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


def printable(value: str) -> str:
    """`value` without what HTML cannot hold. Markup stays Markup: str.replace keeps it."""
    if _NOT_FOR_HTML.search(value):
        for character in set(_NOT_FOR_HTML.findall(value)):
            value = value.replace(character, "")
    return value
