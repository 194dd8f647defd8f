"""The offence categories the portal serves, and what each entitles the victim to.

Victims' Code 2020, "Enhanced rights": victims of the most serious crime, which includes
every sexual offence, are entitled to enhanced rights (as are persistently targeted,
vulnerable or intimidated victims and everyone under 18). The portal serves only victims of
rape and other serious sexual offences, so every category it knows is enhanced. The check
stays a function so that a case's stored `enhanced_service` flag can be compared with it.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


class OffenceCategory(StrEnum):
    """Stored on a case as the plain value. Offence names follow the Sexual Offences Act 2003."""

    RAPE = "rape"  # s.1
    ASSAULT_BY_PENETRATION = "assault_by_penetration"  # s.2
    SEXUAL_ASSAULT = "sexual_assault"  # s.3
    # Abuse in childhood, reported as an adult; older offences may fall under earlier Acts.
    CHILD_SEXUAL_ABUSE = "child_sexual_abuse"
    OTHER_SERIOUS_SEXUAL_OFFENCE = "other_serious_sexual_offence"

    @property
    def staff_label(self) -> LazyString:
        return _STAFF_LABELS[self]


_STAFF_LABELS: dict[OffenceCategory, LazyString] = {
    OffenceCategory.RAPE: _l("Rape"),
    OffenceCategory.ASSAULT_BY_PENETRATION: _l("Assault by penetration"),
    OffenceCategory.SEXUAL_ASSAULT: _l("Sexual assault"),
    OffenceCategory.CHILD_SEXUAL_ABUSE: _l("Child sexual abuse (non-recent, reported as an adult)"),
    OffenceCategory.OTHER_SERIOUS_SEXUAL_OFFENCE: _l("Other serious sexual offence"),
}


def requires_enhanced_service(category: OffenceCategory | str) -> bool:
    """Always True here: Victims' Code 2020, enhanced rights for victims of sexual offences.

    Raises ValueError for a category the portal does not know, rather than guessing.
    """
    OffenceCategory(category)
    return True
