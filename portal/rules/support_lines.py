"""Support lines shown on every page: free, confidential, and open now.

Numbers are those the organisations publish for England and Wales. Hours are kept as data
so a line that is closed is never offered as if someone would answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class SupportLine:
    name: object
    number: str
    description: object
    opens: time | None = None  # None: open 24 hours, every day
    closes: time | None = None

    def is_open(self, now: datetime) -> bool:
        if self.opens is None or self.closes is None:
            return True
        local = now.astimezone(LONDON).time()
        return self.opens <= local < self.closes

    @property
    def tel(self) -> str:
        return "tel:" + self.number.replace(" ", "")


EMERGENCY = SupportLine(
    _l("Emergency"), "999", _l("If you are in danger now, call 999. Say it is an emergency.")
)

SUPPORT_LINES = (
    SupportLine(
        _l("Rape Crisis 24/7 Support Line"),
        "0808 500 2222",
        _l("Free, confidential support for anyone aged 16 or over, day or night."),
    ),
    SupportLine(
        _l("Samaritans"),
        "116 123",
        _l("Someone to talk to about anything, day or night. Free to call."),
    ),
    SupportLine(
        _l("Live Fear Free (Wales)"),
        "0808 80 10 800",
        # Shown to everyone: the footer is on public pages too, where nobody's force is
        # known, and the name says it is for Wales.
        _l("Free help in Wales for anyone affected by sexual violence or abuse."),
    ),
)


def open_now(now: datetime) -> list[SupportLine]:
    return [line for line in SUPPORT_LINES if line.is_open(now)]
