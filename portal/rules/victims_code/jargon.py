"""Police words, what they mean in plain language, and how to find them in a text.

Used twice: to warn an officer that an update they are writing contains jargon (with a
plainer alternative to use instead), and to explain, under an update, any jargon a victim
will read in it. Trauma-informed practice and the Victims' Code, Right 1 (to understand and
to be understood), both ask for information in simple and accessible language.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class Term:
    """A piece of jargon as written by officers (`term` is not translated)."""

    term: str
    plain_alternative: LazyString
    explanation: LazyString
    # Other spellings and inflections that mean the same ("charged", "bailed").
    forms: tuple[str, ...] = ()
    # Only where a lowercase form is an ordinary word or name (ABE is also a first name).
    case_sensitive: bool = False

    @property
    def is_acronym(self) -> bool:
        return self.term.isupper()


_TERMS: tuple[Term, ...] = (
    Term(
        "NFA",
        _l("no further action"),
        _l(
            "No further action: the police will not take the case any further for now, "
            "usually because they have decided not to charge anyone."
        ),
    ),
    Term(
        "no further action",
        _l("the person will not be charged"),
        _l(
            "The police will not take the case any further for now, usually because they "
            "have decided not to charge anyone. You can ask for the decision to be reviewed."
        ),
    ),
    Term(
        "RUI",
        _l("released while the police keep investigating"),
        _l(
            "Released under investigation: the person has been let go while the police keep "
            "investigating. They have not been charged, and they have no bail rules to follow."
        ),
    ),
    Term(
        "released under investigation",
        _l("released while the police keep investigating"),
        _l(
            "The person has been let go while the police keep investigating. They have not "
            "been charged, and they have no bail rules to follow."
        ),
    ),
    Term(
        "CPS",
        _l("the prosecutors"),
        _l(
            "The Crown Prosecution Service: the lawyers who decide whether someone is charged "
            "with a crime, and who present the case in court."
        ),
    ),
    Term(
        "VRR",
        _l("your right to ask for a review"),
        _l(
            "The Victims' Right to Review: you can ask for a decision not to charge someone "
            "to be looked at again by someone who was not involved. You need to ask within "
            "3 months of being told about the decision."
        ),
    ),
    Term(
        "bail conditions",
        _l("rules the person must follow"),
        _l(
            "Rules that a person on bail must follow, such as not contacting you or not going "
            "to certain places. If they break the rules, they can be arrested."
        ),
        forms=("bail condition",),
    ),
    Term(
        "bail",
        _l("released until a set date"),
        _l(
            "The person has been released, but must come back to the police or to court on a "
            "set date. They may have to follow rules while they are on bail."
        ),
        forms=("bailed",),
    ),
    Term(
        "ISVA",
        _l("independent sexual violence adviser"),
        _l(
            "An Independent Sexual Violence Adviser: someone who supports people after rape "
            "or sexual assault. They are separate from the police."
        ),
        forms=("ISVAs",),
    ),
    Term(
        "SARC",
        _l("sexual assault referral centre"),
        _l(
            "A Sexual Assault Referral Centre: a place where you can get medical care, "
            "emotional support and a forensic medical examination if you want one. You can go "
            "whether or not you have told the police."
        ),
        forms=("SARCs",),
    ),
    Term(
        "VPS",
        _l("your personal statement"),
        _l(
            "A Victim Personal Statement: your chance to say, in your own words, how the crime "
            "has affected you. The court considers it before deciding a sentence."
        ),
    ),
    Term(
        "OIC",
        _l("your officer"),
        _l(
            "The officer in the case: the police officer who leads the investigation and is "
            "your main contact."
        ),
    ),
    Term(
        "suspect",
        _l("the person you reported"),
        _l(
            "The person the police think may have committed the crime. Being a suspect does "
            "not mean that someone has been charged."
        ),
        forms=("suspects",),
    ),
    Term(
        "interview under caution",
        _l("a formal police interview"),
        _l(
            "A recorded police interview with the person accused. Before it starts, they are "
            "told that they do not have to answer and that what they say can be used as "
            "evidence."
        ),
        forms=("interviewed under caution", "interviews under caution"),
    ),
    Term(
        "charge",
        _l("formally accuse of a crime"),
        _l(
            "When someone is charged, they are formally accused of a crime, and the case will "
            "go to court."
        ),
        forms=("charges", "charged", "charging"),
    ),
    Term(
        "caution",
        _l("a formal warning"),
        _l(
            "A formal warning from the police to someone who admits an offence. It goes on "
            "their record, and the case does not go to court."
        ),
        forms=("cautions", "cautioned"),
    ),
    Term(
        "out-of-court disposal",
        _l("dealt with without going to court"),
        _l(
            "A way of dealing with an offence without going to court, such as a caution. The "
            "person must accept responsibility for what they did."
        ),
        forms=("out-of-court disposals",),
    ),
    Term(
        "OOCD",
        _l("dealt with without going to court"),
        _l(
            "An out-of-court disposal: a way of dealing with an offence without going to "
            "court, such as a caution."
        ),
    ),
    Term(
        "community resolution",
        _l("dealt with informally by the police"),
        _l(
            "A way of dealing with a less serious offence without going to court. The person "
            "must accept responsibility, and may have to apologise or put things right."
        ),
    ),
    Term(
        "special measures",
        _l("help to give evidence"),
        _l(
            "Help for witnesses giving evidence in court, such as a screen, a video link from "
            "another room, or a recorded interview played at the trial."
        ),
    ),
    Term(
        "ABE",
        _l("video-recorded interview"),
        _l(
            "Achieving Best Evidence: a video-recorded interview with you. It can be played in "
            "court, so you do not have to tell everything again in person."
        ),
        case_sensitive=True,
    ),
    Term(
        "Registered Intermediary",
        _l("communication specialist"),
        _l(
            "A trained specialist who helps people with communication needs to give their "
            "evidence to the police and the court."
        ),
        forms=("Registered Intermediaries",),
    ),
    Term(
        "CICA",
        _l("criminal injuries compensation"),
        _l(
            "The Criminal Injuries Compensation Authority: it can pay compensation to people "
            "harmed by a violent or sexual crime. There are time limits for applying."
        ),
    ),
    Term(
        "disclosure",
        _l("sharing information with the defence"),
        _l(
            "The rules about which information the prosecution must share with the lawyers of "
            "the person accused. Your officer can tell you what this could mean for you."
        ),
    ),
    Term(
        "PNC",
        _l("police records"),
        _l(
            "The Police National Computer: it holds records of people's arrests, charges and "
            "convictions."
        ),
    ),
    Term(
        "custody",
        _l("held by the police or in prison"),
        _l(
            "Being held at a police station, or kept in prison, so that the person is not free "
            "to leave."
        ),
    ),
    Term(
        "remand",
        _l("kept in prison or released with rules until the trial"),
        _l(
            "What the court decides should happen to a person who has been charged, until the "
            "trial: they are kept in prison, or released on bail with rules to follow."
        ),
        forms=("remanded",),
    ),
    Term(
        "defendant",
        _l("the person accused"),
        _l("The person who has been charged with a crime and is going through the court case."),
        forms=("defendants",),
    ),
    Term(
        "WCU",
        _l("the Witness Care Unit"),
        _l(
            "The Witness Care Unit: the team that tells you about court dates and supports you "
            "as a witness."
        ),
    ),
    Term(
        "PHSO",
        _l("the Ombudsman"),
        _l(
            "The Parliamentary and Health Service Ombudsman: it can look at a complaint about "
            "your rights under the Victims' Code if you are still unhappy after complaining."
        ),
    ),
)

JARGON: Mapping[str, Term] = MappingProxyType({term.term: term for term in _TERMS})


def _pattern(text: str) -> str:
    # "out-of-court disposal" also matches "out of court disposal", and line breaks between
    # words are allowed; each word is matched literally.
    words = re.split(r"[\s-]+", text)
    return r"[\s\-]+".join(re.escape(word) for word in words)


@cache
def _matcher() -> tuple[re.Pattern[str], tuple[Term, ...]]:
    """One alternation over every spelling, longest first.

    At any position the longest spelling wins, so "bail conditions" is found as itself,
    not as "bail", and "interviewed under caution" not as "caution". Word boundaries keep
    "charge" out of "discharged" and "bail" out of "bailiff".
    """
    spellings = [(spelling, term) for term in _TERMS for spelling in (term.term, *term.forms)]
    spellings.sort(key=lambda pair: len(pair[0]), reverse=True)
    groups = []
    for spelling, term in spellings:
        flags = "" if term.case_sensitive else "(?i:"
        body = _pattern(spelling)
        groups.append(f"(\\b{flags}{body}{')' if flags else ''}\\b)")
    return re.compile("|".join(groups)), tuple(term for _, term in spellings)


def find_jargon(text: str) -> list[Term]:
    """The jargon terms in `text`, each once, in order of first appearance."""
    digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
    found = _FOUND.get(digest)
    if found is None:
        found = _FOUND[digest] = _search(text)
        if len(_FOUND) > FOUND_KEPT:
            del _FOUND[next(iter(_FOUND))]  # the oldest
    return list(found)


# An update page searches the same words on every visit, and the search (one alternation
# over every spelling, at every position) took about a tenth of the page. What was found
# is kept by a digest of the text, so that no one's words stay in the process's memory.
FOUND_KEPT = 4096
_FOUND: dict[bytes, tuple[Term, ...]] = {}


def _search(text: str) -> tuple[Term, ...]:
    pattern, terms = _matcher()
    found: dict[str, Term] = {}
    for match in pattern.finditer(text):
        assert match.lastindex is not None
        term = terms[match.lastindex - 1]
        found.setdefault(term.term, term)
    return tuple(found.values())
