"""The named officer: the words for a rank, the collar number, and the short list of
reasons a supervisor picks from when a case moves to another officer.

Victims' Code 2020, Right 6: a victim is told who to contact about the case. The portal
shows the officer's name, rank and collar number (the number every officer in England
and Wales carries on the uniform, which identifies them within the force), and how to
reach them. Ranks are spelt out in full: "DC" or "PS" means nothing to most people.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

# Constable to chief inspector, uniformed and detective, and the police staff who
# investigate: the people who look after a victim's case day to day.
RANKS: tuple[tuple[str, LazyString], ...] = (
    ("police_constable", _l("Police Constable")),
    ("detective_constable", _l("Detective Constable")),
    ("sergeant", _l("Police Sergeant")),
    ("detective_sergeant", _l("Detective Sergeant")),
    ("inspector", _l("Inspector")),
    ("detective_inspector", _l("Detective Inspector")),
    ("chief_inspector", _l("Chief Inspector")),
    ("detective_chief_inspector", _l("Detective Chief Inspector")),
    ("police_staff_investigator", _l("Police staff investigator")),
)
_RANK_WORDS = dict(RANKS)

# Letters and digits, at most 12: forces write collar numbers as digits, some with a
# letter prefix (for example "CW1234").
COLLAR_NUMBER = re.compile(r"^[A-Za-z]{0,3}\d{1,9}$")


def rank_words(code: str | None) -> str:
    """The rank in the reader's language; empty for no rank (never the stored code)."""
    words = _RANK_WORDS.get(code or "")
    return str(words) if words is not None else ""


def normalise_collar_number(value: str) -> str:
    return "".join(value.split()).upper()


def is_collar_number(value: str) -> bool:
    return bool(COLLAR_NUMBER.fullmatch(normalise_collar_number(value)))


# Why a case moved to another officer: what the supervisor picks, and what the victim
# reads. Each victim sentence is calm and says nothing about the officers' private lives.
REASSIGNMENT_REASONS: tuple[tuple[str, LazyString, LazyString], ...] = (
    (
        "moved_team",
        _l("The officer has moved to another team"),
        _l("Your previous officer has moved to another team."),
    ),
    (
        "leave",
        _l("The officer is on leave or away from work for a while"),
        _l("Your previous officer is away from work for a while."),
    ),
    (
        "more_time",
        _l("To give the case more time"),
        _l("Your new officer has more time to give to your case."),
    ),
    (
        "specialist",
        _l("To give the case an officer with specialist training"),
        _l("Your new officer has specialist training for cases like yours."),
    ),
    (
        "other",
        _l("Another reason"),
        _l("Your officer has changed. Your new officer can tell you more if you ask."),
    ),
)
_REASON_FOR_VICTIM = {code: victim for code, _staff, victim in REASSIGNMENT_REASONS}
_REASON_FOR_STAFF = {code: staff for code, staff, _victim in REASSIGNMENT_REASONS}


def is_reassignment_reason(code: str | None) -> bool:
    return code in _REASON_FOR_VICTIM


def reason_for_victim(code: str) -> str:
    return str(_REASON_FOR_VICTIM.get(code, _REASON_FOR_VICTIM["other"]))


def reason_for_staff(code: str) -> str:
    words = _REASON_FOR_STAFF.get(code)
    return str(words) if words is not None else code
