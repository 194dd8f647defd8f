"""Where a case is: the stages a victim sees on her home page, and what moves them.

reported -> investigation -> with the CPS for a decision -> charged or no further action
-> court -> outcome -> after the case. Each stage says what happens in it, roughly how long
it often takes, and what the victim can do. The officer moves the stage only by publishing
an event that belongs to a later stage (`STAGE_OF_EVENT`); an event of an earlier stage (a
bail change after a charge, say) is shown as an update but never moves the tracker back.
A sensitive update moves it only once the victim has opened it, so the tracker never gives
away news she chose to read later behind its content note.

How long a stage often takes is a range the force sets (PORTAL_STAGE_TIME_<STAGE>, see
docs/deployment.md); the defaults and their sources are beside `DEFAULT_TIMES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from types import MappingProxyType

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from portal.data.models.event_types import EventType


class Stage(IntEnum):
    """In order: a case only ever moves to a higher stage."""

    REPORTED = 1
    INVESTIGATION = 2
    WITH_CPS = 3
    DECISION = 4
    COURT = 5
    OUTCOME = 6
    AFTER = 7


STAGE_OF_EVENT: Mapping[EventType, Stage] = MappingProxyType(
    {
        EventType.SUSPECT_ARRESTED: Stage.INVESTIGATION,
        EventType.INTERVIEWED_UNDER_CAUTION: Stage.INVESTIGATION,
        EventType.RELEASED_ON_BAIL: Stage.INVESTIGATION,
        EventType.RELEASED_UNDER_INVESTIGATION: Stage.INVESTIGATION,
        EventType.BAIL_CONDITIONS_CHANGED: Stage.INVESTIGATION,
        EventType.FILE_PASSED_TO_CPS: Stage.WITH_CPS,
        EventType.DECISION_NOT_TO_INVESTIGATE: Stage.DECISION,
        EventType.CHARGED: Stage.DECISION,
        EventType.NO_FURTHER_ACTION: Stage.DECISION,
        EventType.CPS_NO_CHARGE: Stage.DECISION,
        EventType.OUT_OF_COURT_DISPOSAL: Stage.DECISION,
        EventType.PASSED_TO_WITNESS_CARE: Stage.COURT,
        EventType.COURT_DATE_SET: Stage.COURT,
        EventType.TRIAL_DATE_FIXED: Stage.COURT,
        EventType.TRIAL_DATE_MOVED: Stage.COURT,
        EventType.CPS_DISCONTINUANCE: Stage.OUTCOME,
        EventType.VERDICT: Stage.OUTCOME,
        EventType.SENTENCE: Stage.OUTCOME,
        EventType.APPEAL: Stage.AFTER,
    }
)

# Decisions after which there is no court case: the court and outcome stages do not apply,
# unless a later event (a charge after a successful review) moves the case on again.
NO_COURT_CASE = frozenset(
    {
        EventType.DECISION_NOT_TO_INVESTIGATE,
        EventType.NO_FURTHER_ACTION,
        EventType.CPS_NO_CHARGE,
        EventType.OUT_OF_COURT_DISPOSAL,
        EventType.CPS_DISCONTINUANCE,
    }
)


@dataclass(frozen=True)
class Duration:
    """A rough range: "often 6 to 12 months"."""

    low: int
    high: int
    unit: str  # "weeks" or "months"


UNITS = ("weeks", "months")

# How long each stage often takes, unless the force sets its own. Sources:
# - Investigation and with the CPS: the Home Office's median time from a rape being recorded
#   to a charge was 381 to 467 days in 2018/19 to 2022/23 (answer to Parliamentary
#   question HL2028, 2023, from the Home Office Data Hub). That is police and CPS time
#   together; the split below is the portal's estimate, which a force should replace with
#   its own figures.
# - Court: the Criminal Justice System delivery data dashboard (December 2021) reported an
#   average of about 15 months from charge to the end of a rape trial.
# - Outcome: no national figure; a sentence often follows a guilty verdict by some weeks
#   while reports are prepared. The portal's estimate.
# - Reported: the first statements and evidence; no national figure, the portal's estimate.
DEFAULT_TIMES: Mapping[Stage, Duration] = MappingProxyType(
    {
        Stage.REPORTED: Duration(1, 4, "weeks"),
        Stage.INVESTIGATION: Duration(6, 12, "months"),
        Stage.WITH_CPS: Duration(1, 6, "months"),
        Stage.COURT: Duration(9, 18, "months"),
        Stage.OUTCOME: Duration(2, 8, "weeks"),
    }
)


@dataclass(frozen=True)
class StageWords:
    title: LazyString
    what_happens: LazyString
    what_you_can_do: LazyString


WORDS: Mapping[Stage, StageWords] = MappingProxyType(
    {
        Stage.REPORTED: StageWords(
            _l("Reported"),
            _l(
                "You told the police what happened. They record it and start to gather "
                "evidence. They should offer to put you in touch with a support service."
            ),
            _l(
                "Tell your officer how and when you want to hear from them. "
                "You can accept support now or later."
            ),
        ),
        Stage.INVESTIGATION: StageWords(
            _l("Investigation"),
            _l(
                "The police gather evidence. They may talk to witnesses and to the person "
                "you reported. There can be long quiet spells."
            ),
            _l(
                "Tell your officer if anything new comes to mind, or if you feel unsafe. "
                "You can ask how the investigation is going at any time."
            ),
        ),
        Stage.WITH_CPS: StageWords(
            _l("With the prosecutors for a decision"),
            _l(
                "The police have sent the evidence to the Crown Prosecution Service (CPS). "
                "The CPS are the lawyers who decide whether to charge the person."
            ),
            _l("You do not need to do anything. You can still ask your officer questions."),
        ),
        Stage.DECISION: StageWords(
            _l("Charged or no further action"),
            _l(
                "A decision is made: the person is charged with a crime, or the case does "
                "not go further. You are told the reasons."
            ),
            _l(
                "If the person is not charged, you can often ask for the decision to be "
                "looked at again. The update about the decision says how."
            ),
        ),
        Stage.COURT: StageWords(
            _l("Court"),
            _l(
                "The case goes to court. A trial date is set, and it can move. "
                "The Witness Care Unit tells you the dates and whether you need to go."
            ),
            _l(
                "You can ask for help to give evidence, such as a screen or a video link. "
                "You can ask to visit the court before the day."
            ),
        ),
        Stage.OUTCOME: StageWords(
            _l("Outcome"),
            _l(
                "The court decides whether the person is guilty. If they are, it decides "
                "the sentence. A case can also be stopped before the end."
            ),
            _l(
                "You can ask for the outcome to be explained. "
                "You can make a Victim Personal Statement about how the crime affected you."
            ),
        ),
        Stage.AFTER: StageWords(
            _l("After the case"),
            _l(
                "There may be an appeal. If the person went to prison, you may be able to "
                "hear about their release."
            ),
            _l("You can still get support, for as long as you need it."),
        ),
    }
)

NOT_APPLICABLE = _l("This step does not apply after the decision in your case.")


@dataclass(frozen=True)
class StageView:
    stage: Stage
    words: StageWords
    duration: Duration | None
    status: str  # "done", "current", "to_come" or "not_applicable"


@dataclass(frozen=True)
class Tracker:
    current: Stage
    stages: tuple[StageView, ...]

    @property
    def key(self) -> tuple:
        """Everything the tracker shows, but its words (which follow from each stage)."""
        return tuple((view.stage.name, view.status, view.duration) for view in self.stages)


def current_stage(updates: Iterable) -> tuple[Stage, bool]:
    """The highest stage any counted update reached, and whether a court case is off.

    `updates` are one case's published updates. A correction never moves a stage (it keeps
    the kind of what it corrects); a sensitive update counts once the victim has read it.
    """
    stage = Stage.REPORTED
    latest_decision = None
    for update in sorted(updates, key=lambda u: (u.published_at, str(u.id))):
        if update.corrects_id is not None:
            continue
        if update.sensitive and update.read_at is None:
            continue
        try:
            event_stage = STAGE_OF_EVENT.get(EventType(update.event_type))
        except ValueError:
            continue
        if event_stage is None:
            continue
        stage = max(stage, event_stage)
        if event_stage in (Stage.DECISION, Stage.OUTCOME) and event_stage >= stage:
            latest_decision = update.event_type
    return stage, latest_decision in NO_COURT_CASE


def tracker(updates: Iterable, times: Mapping[Stage, Duration] | None = None) -> Tracker:
    """Every stage with its words, its rough time and where the case is."""
    stage, no_court = current_stage(updates)
    times = {**DEFAULT_TIMES, **(times or {})}
    views = []
    for each in Stage:
        if each < stage:
            status = "done"
        elif each == stage:
            status = "current"
        elif no_court and each in (Stage.COURT, Stage.OUTCOME):
            status = "not_applicable"
        else:
            status = "to_come"
        views.append(StageView(each, WORDS[each], times.get(each), status))
    return Tracker(current=stage, stages=tuple(views))


def parse_duration(value: str) -> Duration:
    """ "6-12 months" or "2-8 weeks" -> Duration. Raises ValueError with a plain reason."""
    amount, _, unit = value.strip().partition(" ")
    low, dash, high = amount.partition("-")
    unit = unit.strip().lower()
    if not dash or unit not in UNITS or not (low.isdigit() and high.isdigit()):
        raise ValueError(f"{value!r} is not like '6-12 months' or '2-8 weeks'")
    if not 0 < int(low) <= int(high):
        raise ValueError(f"{value!r}: the first number must be at least 1 and not above the second")
    return Duration(int(low), int(high), unit)
