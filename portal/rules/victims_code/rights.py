"""The twelve rights of the Victims' Code, in plain words, and the offers staff record.

Source: Code of Practice for Victims of Crime in England and Wales (2020, in force 1 April
2021), the twelve overarching rights, in the Code's order. The titles follow the Code's own
headings, put more plainly; the summaries say what each right means for someone who has
reported a sexual offence. The Code is the authority: these are a reader's guide to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class Right:
    number: int
    key: str
    title: LazyString
    plain_summary: LazyString


RIGHTS: tuple[Right, ...] = (
    Right(
        1,
        "understand",
        _l("To understand and be understood"),
        _l(
            "You have the right to information you can understand. "
            "You can have an interpreter, or have documents translated, if you need this."
        ),
    ),
    Right(
        2,
        "crime_recorded",
        _l("To have the crime recorded without delay"),
        _l(
            "The police should record what you report as soon as they can. "
            "If you give a statement or an interview, you can have support to help you."
        ),
    ),
    Right(
        3,
        "information_when_reporting",
        _l("To get information when you report"),
        _l(
            "You should get written confirmation that you reported a crime, "
            "unless that could put you at risk. "
            "You should be told what happens next and where to get support."
        ),
    ),
    Right(
        4,
        "support",
        _l("To be referred to support services"),
        _l(
            "The police should refer you to a support service that suits your needs. "
            "You can also contact support services yourself, at any time, "
            "whether or not you have reported to the police."
        ),
    ),
    Right(
        5,
        "compensation",
        _l("To be told about compensation"),
        _l(
            "You should be told how to claim compensation for harm caused by the crime. "
            "There are time limits, so ask your officer or a support service early."
        ),
    ),
    Right(
        6,
        "investigation_updates",
        _l("To be kept informed about the investigation"),
        _l(
            "You should be told about important decisions, such as an arrest or a charge, "
            "and why they were made. "
            "You can agree how often you hear from your officer, and change it at any time."
        ),
    ),
    Right(
        7,
        "personal_statement",
        _l("To make a Victim Personal Statement"),
        _l(
            "You can write down, or say, how the crime has affected you. "
            "If the person is found guilty, the court will consider it before sentencing."
        ),
    ),
    Right(
        8,
        "trial_information",
        _l("To be told about the trial and your role as a witness"),
        _l(
            "You should be told about court dates and what happens at court. "
            "You can ask for help to give evidence, such as a screen or a video link."
        ),
    ),
    Right(
        9,
        "outcome",
        _l("To be told the outcome of the case and any appeals"),
        _l(
            "You should be told the result of the trial and any sentence. "
            "You should also be told if there is an appeal, and what happens."
        ),
    ),
    Right(
        10,
        "expenses_property",
        _l("To be paid expenses and have property returned"),
        _l(
            "If you go to court as a witness, you can claim travel costs and some lost "
            "earnings. Anything of yours the police took as evidence should be given back "
            "as soon as possible."
        ),
    ),
    Right(
        11,
        "offender_information",
        _l("To be told about the offender after a conviction"),
        _l(
            "If the person is sent to prison, you may be able to hear about their release. "
            "You may also be able to ask for conditions, such as that they stay away from you."
        ),
    ),
    Right(
        12,
        "complain",
        _l("To complain if your rights are not met"),
        _l(
            "If you do not get what the Code promises, you can complain to the organisation "
            "concerned. If you are still unhappy, your Member of Parliament (MP) can ask the "
            "Parliamentary and Health Service Ombudsman to look at your complaint."
        ),
    ),
)


def right(number: int) -> Right:
    """The right with this number (1 to 12). Raises KeyError for any other number."""
    for candidate in RIGHTS:
        if candidate.number == number:
            return candidate
    raise KeyError(number)


class OfferKind(StrEnum):
    """Something staff offer a victim and record the answer to; stored as the plain value."""

    VICTIM_PERSONAL_STATEMENT = "victim_personal_statement"
    SUPPORT_REFERRAL = "support_referral"
    INTERPRETER = "interpreter"
    ENHANCED_SERVICE = "enhanced_service"

    @property
    def label(self) -> LazyString:
        return _OFFER_LABELS[self]

    @property
    def right(self) -> Right:
        """The right under which the offer is made."""
        return right(_OFFER_RIGHTS[self])


_OFFER_LABELS: dict[OfferKind, LazyString] = {
    OfferKind.VICTIM_PERSONAL_STATEMENT: _l("Victim Personal Statement"),
    OfferKind.SUPPORT_REFERRAL: _l("Referral to a support service"),
    OfferKind.INTERPRETER: _l("Interpreter or translation"),
    OfferKind.ENHANCED_SERVICE: _l("Enhanced rights under the Victims' Code"),
}

_OFFER_RIGHTS: dict[OfferKind, int] = {
    # Victims' Code 2020, Right 7: the offer to make a Victim Personal Statement.
    OfferKind.VICTIM_PERSONAL_STATEMENT: 7,
    # Victims' Code 2020, Right 4: referral to services that support victims.
    OfferKind.SUPPORT_REFERRAL: 4,
    # Victims' Code 2020, Right 1: interpretation and translation.
    OfferKind.INTERPRETER: 1,
    # Victims' Code 2020: enhanced rights run through the whole Code; they are recorded
    # with Right 4, whose needs assessment is where entitlement is identified and offered.
    OfferKind.ENHANCED_SERVICE: 4,
}
