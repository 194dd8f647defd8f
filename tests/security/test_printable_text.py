"""What a page may print (portal/web/html_text.py): every character HTML cannot hold is
removed, whichever fast path the text takes, and nothing else is touched."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from portal.web.html_text import printable


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("a\x00b\x07c\x1fd\x7fe", "abcde"),  # ASCII: C0 controls and DEL
        ("tab\tline\nfeed\x0cret\r", "tab\tline\nfeed\x0cret\r"),  # allowed whitespace
        ("café\x85 \x9f", "café "),  # C1 controls, in text that is not ASCII
        ("Croeso\ufdd0 \ufffe\uffff", "Croeso "),  # noncharacters below U+10000
        ("مرحبا\U0001fffe \U0010ffff😀", "مرحبا 😀"),  # noncharacters beyond, an emoji kept
        ("Dzień dobry, سلام, Bună ziua", "Dzień dobry, سلام, Bună ziua"),
    ],
)
def test_only_what_html_cannot_hold_is_removed(typed, shown):
    assert printable(typed) == shown


def test_markup_stays_markup_and_escaped():
    cleaned = printable(Markup("&lt;b&gt;\x00"))
    assert isinstance(cleaned, Markup)
    assert cleaned == Markup("&lt;b&gt;")
