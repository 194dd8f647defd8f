"""Watches every log record of the whole test session for secrets and personal text.

Factories and sign-in helpers register what must never be logged (passphrases, codes,
update and message text, code words, session cookies). At the end of the session, any
registered value found in any log record fails the run.
"""

from __future__ import annotations

import logging

_SENSITIVE: set[str] = set()
_RECORDS: list[str] = []


class _Collector(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a broken format string is not ours to judge here
            text = str(record.msg)
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        _RECORDS.append(f"{record.name}: {text}")


def sensitive(*values: str | None) -> None:
    """Register values that must never appear in a log (short ones would match by chance)."""
    for value in values:
        if value and len(value) >= 6:
            _SENSITIVE.add(value)


def install() -> None:
    root = logging.getLogger()
    root.addHandler(_Collector(level=logging.DEBUG))
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def leaks() -> list[str]:
    found = []
    for record in _RECORDS:
        for value in _SENSITIVE:
            if value in record:
                found.append(f"{value!r} in log record: {record[:200]}")
    return found
