"""Watches every log record of the whole test session for secrets and personal text.

Factories and sign-in helpers register what must never be logged (passphrases, codes,
update and message text, code words, session cookies). At the end of the session, any
registered value found in any log record fails the run.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

_SENSITIVE: set[str] = set()
# Text a property test generated as if a person typed it (see `generated`).
_GENERATED: set[str] = set()
_RECORDS: list[str] = []


# Loggers of the suite's own stand-ins, not the portal's: aiosmtpd (the local SMTP server
# the notification tests send to) logs each recipient, as any mail server's log would.
NOT_THE_PORTALS = ("mail.log",)


class _Collector(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.name in NOT_THE_PORTALS:
            return
        try:
            text = record.getMessage()
        except Exception:  # a broken format string is not ours to judge here
            text = str(record.msg)
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        # The structured fields a JSON log line adds (portal/web/request_log.py) are
        # watched as closely as the message.
        fields = getattr(record, "fields", None)
        if fields:
            text += " " + repr(fields)
        _RECORDS.append(f"{record.name}: {text}")


def sensitive(*values: str | None) -> None:
    """Register values that must never appear in a log (short ones would match by chance)."""
    for value in values:
        if value and len(value) >= 6:
            _SENSITIVE.add(value)


def generated(text: str) -> None:
    """Register text Hypothesis made up for a form, as if a person had typed it.

    Hypothesis also draws string constants from the code under test, such as an endpoint
    name like "staff_auth.enrol", which the request log rightly names. Such a value is the
    portal's own word, not a person's text: it counts as a leak only if it is not in the
    portal's source. Too plain a string (fewer than 8 different characters) could match a
    log line by chance, so it is not registered at all.
    """
    if len(set(text)) >= 8:
        _GENERATED.add(text)


@cache
def _portal_source() -> str:
    package = Path(__file__).resolve().parent.parent / "portal"
    return "\n".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))


def install() -> None:
    """Watch the root logger (again, if something replaced its handlers: it must not stop)."""
    root = logging.getLogger()
    if not any(isinstance(handler, _Collector) for handler in root.handlers):
        root.addHandler(_Collector(level=logging.DEBUG))
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def records() -> list[str]:
    """Every record so far, as watched (for tests that look at one line)."""
    return list(_RECORDS)


def leaks() -> list[str]:
    found = []
    typed = {value for value in _GENERATED if value not in _portal_source()}
    for record in _RECORDS:
        for value in _SENSITIVE | typed:
            if value in record:
                found.append(f"{value!r} in log record: {record[:200]}")
    return found
