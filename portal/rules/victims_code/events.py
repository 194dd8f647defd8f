"""The things that happen in a case, and how the portal explains each one.

Each event type carries the words a victim reads (what happened, what it means, what they
can do next) and the words an officer picks from, so an update is never just a bare
status. The deadline for telling the victim is worked out in `deadlines.py` from the
`deadline_kind` here; the Code paragraph behind each kind is cited beside each rule.

Victim-facing text is written for someone frightened, reading on a phone: short sentences,
one idea each, no police jargon unless it is explained in the same sentence. It speaks to
"you" and avoids calling the reader a "victim" or a "survivor": the victim chooses the word
(or neither) and the template adds it. Each string is a whole sentence or paragraph so that
translators never have to join fragments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from portal.data.models.event_types import KEY_DECISION_TYPES, EventType


class DecisionMaker(StrEnum):
    """Who made a decision about the case; stored on the update as the plain value.

    It decides which review scheme applies: the police Victims' Right to Review for a police
    decision, the CPS's own scheme for a CPS one (see `review_schemes.py`).
    """

    POLICE = "police"
    CPS = "cps"


class DeadlineKind(StrEnum):
    """Which of the Code's time limits applies to telling the victim about an event."""

    # Right 6 (and Right 8 for court dates): 1 working day enhanced, otherwise 5.
    KEY_EVENT = "key_event"
    # Right 4: 2 working days, for everyone.
    SUPPORT_REFERRAL = "support_referral"
    # No event deadline; routine contact follows the victim's agreed frequency.
    NONE = "none"


@dataclass(frozen=True)
class EventRule:
    """What an event is called, what it means for the victim, and what the Code requires."""

    type: EventType
    staff_label: LazyString
    victim_title: LazyString
    what_happened: LazyString
    what_it_means: LazyString
    what_you_can_do: LazyString
    deadline_kind: DeadlineKind
    # Published with a content note and the choice to read now, later, or ask for a call.
    sensitive_by_default: bool
    mentions_right_to_review: bool
    # Where the deadline comes from, for staff screens and compliance reports.
    code_source: str
    # Who may make this decision: empty for an event that is not a decision; one maker when
    # only they can make it; both when the officer must say which (the form asks). Every
    # decision is published with its reasons (Victims' Code 2020, Right 6).
    decision_makers: tuple[DecisionMaker, ...] = ()
    # "What you can do" for the printed copy, where only the web page's words would
    # mislead (a PDF has no form to fill in). None: the same words as on the page.
    what_you_can_do_in_print: LazyString | None = None

    @property
    def what_you_can_do_on_paper(self) -> LazyString:
        return self.what_you_can_do_in_print or self.what_you_can_do

    @property
    def is_key_decision(self) -> bool:
        return self.type in KEY_DECISION_TYPES

    @property
    def is_decision(self) -> bool:
        return bool(self.decision_makers)

    @property
    def asks_decision_maker(self) -> bool:
        return len(self.decision_makers) > 1


_POLICE = (DecisionMaker.POLICE,)
_CPS = (DecisionMaker.CPS,)
_EITHER = (DecisionMaker.POLICE, DecisionMaker.CPS)

# Both CPS decisions (not to charge, and stopping a case) open the CPS's own review scheme.
_ASK_THE_CPS = _l(
    "You can ask the CPS to look at this decision again. "
    "This is the CPS Victims' Right to Review. "
    "It is run by the CPS, not by the police. "
    "How to ask, and by when, is below. "
    "You can still get support, whatever the decision."
)


_RULES: tuple[EventRule, ...] = (
    # Victims' Code 2020, Right 6: told of a decision not to investigate, with reasons, within
    # 1 working day (enhanced) or 5 working days. Not within the Right to Review scheme,
    # which needs a suspect interviewed under caution.
    EventRule(
        type=EventType.DECISION_NOT_TO_INVESTIGATE,
        staff_label=_l("Decision not to investigate"),
        victim_title=_l("A decision about your report"),
        what_happened=_l(
            "The police have decided not to investigate what you reported. "
            "Your officer should explain the reasons to you."
        ),
        what_it_means=_l(
            "This is not a judgement about whether you are telling the truth. "
            "It does not mean that what happened to you does not matter. "
            "If new information comes to light, the police can look at it again."
        ),
        what_you_can_do=_l(
            "You can ask your officer to explain the decision again, by message or by phone. "
            "You can still get support, whatever the police decide. "
            "If you are unhappy with how you have been treated, you can make a complaint."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
        decision_makers=_POLICE,
    ),
    # Victims' Code 2020, Right 6: told of an arrest within 1 or 5 working days.
    EventRule(
        type=EventType.SUSPECT_ARRESTED,
        staff_label=_l("Suspect arrested"),
        victim_title=_l("Someone has been arrested"),
        what_happened=_l(
            "The police have arrested the person you reported. "
            "This means they were taken to a police station to be questioned."
        ),
        what_it_means=_l(
            "An arrest is an important step in the investigation. "
            "It does not mean the person will be charged with a crime. "
            "The police will now gather more evidence and decide what happens next."
        ),
        what_you_can_do=_l(
            "You do not need to do anything. "
            "Your officer will tell you what happens next, including if the person is released. "
            "If you are worried about your safety, tell your officer. "
            "In an emergency, call 999."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    # Victims' Code 2020, Right 6: told of an interview under caution within 1 or 5 working days.
    EventRule(
        type=EventType.INTERVIEWED_UNDER_CAUTION,
        staff_label=_l("Suspect interviewed under caution"),
        victim_title=_l("The police have interviewed someone"),
        what_happened=_l(
            "The police have interviewed the person you reported. "
            "It was a formal, recorded interview. "
            "Before it started, the person was told they did not have to answer questions. "
            "This is called an interview under caution."
        ),
        what_it_means=_l(
            "The interview is part of gathering evidence. "
            "The police will check what the person said against the other evidence. "
            "No decision about charging the person has been made yet."
        ),
        what_you_can_do=_l(
            "You do not need to do anything. "
            "You can ask your officer what happens next and how long it may take."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    # Victims' Code 2020, Right 6: told of a release on police bail within 1 or 5 working days.
    EventRule(
        type=EventType.RELEASED_ON_BAIL,
        staff_label=_l("Suspect released on police bail"),
        victim_title=_l("Someone has been released until a later date"),
        what_happened=_l(
            "The person you reported has been released on police bail. "
            "This means they have been let go for now, but must come back to the police "
            "on a set date."
        ),
        what_it_means=_l(
            "The investigation is still going on. "
            "The person may have to follow rules while on bail, called bail conditions. "
            "For example, they may be told not to contact you or not to go to certain places. "
            "Your officer will tell you about any rules that protect you."
        ),
        what_you_can_do=_l(
            "If the person breaks a rule, for example by contacting you, tell the police "
            "straight away. "
            "Call 999 if you are in danger. "
            "If it is not an emergency, call 101 or send your officer a message."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        # News that the person is free again can frighten: offer the choice of a call.
        sensitive_by_default=True,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    # Victims' Code 2020, Right 6: told of a release under investigation within 1 or 5
    # working days.
    EventRule(
        type=EventType.RELEASED_UNDER_INVESTIGATION,
        staff_label=_l("Suspect released under investigation (RUI)"),
        victim_title=_l("Someone has been released while the police investigate"),
        what_happened=_l(
            "The person you reported has been released while the police keep investigating. "
            "This is called being released under investigation."
        ),
        what_it_means=_l(
            "The investigation has not finished. "
            "The person has not been charged, and they have not been cleared. "
            "Unlike bail, there are no rules they must follow and no set date to come back."
        ),
        what_you_can_do=_l(
            "If you are worried about your safety, tell your officer. "
            "They can talk to you about ways to keep you safe. "
            "Call 999 if you are in danger. "
            "You can ask your officer how long the investigation might take."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    # Victims' Code 2020, Right 6: told when police bail conditions are changed or cancelled,
    # within 1 or 5 working days.
    EventRule(
        type=EventType.BAIL_CONDITIONS_CHANGED,
        staff_label=_l("Bail conditions changed or cancelled"),
        victim_title=_l("A change to the rules the person must follow"),
        what_happened=_l(
            "The rules that the person you reported must follow while on bail have changed, "
            "or have been removed. These rules are called bail conditions."
        ),
        what_it_means=_l(
            "Your officer will explain which rules have changed and what this means for you. "
            "The case is still going on."
        ),
        what_you_can_do=_l(
            "If anything worries you, ask your officer a question or ask them to call you. "
            "If the person breaks a rule, tell the police straight away. "
            "Call 999 if you are in danger."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    # Not a timed event in the Code, but a stage victims ask about; routine contact covers it
    # (Victims' Code 2020, Right 6: updates at the agreed frequency).
    EventRule(
        type=EventType.FILE_PASSED_TO_CPS,
        staff_label=_l("File passed to the CPS for a charging decision"),
        victim_title=_l("Your case has been passed to the prosecutors"),
        what_happened=_l(
            "The police have sent the evidence to the Crown Prosecution Service. "
            "They are the lawyers who decide whether someone should be charged with a crime."
        ),
        what_it_means=_l(
            "This is an important step. "
            "The prosecutors will read all the evidence. "
            "They may ask the police to do more work before they decide. "
            "This can take weeks or months."
        ),
        what_you_can_do=_l(
            "You do not need to do anything now. "
            "Your officer will tell you when the prosecutors have decided. "
            "You can still ask your officer questions at any time."
        ),
        deadline_kind=DeadlineKind.NONE,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    # Victims' Code 2020, Right 6: told of a charge within 1 or 5 working days; Right 7: the
    # offer of a Victim Personal Statement is often made at this point.
    EventRule(
        type=EventType.CHARGED,
        staff_label=_l("Suspect charged"),
        victim_title=_l("Someone has been charged"),
        what_happened=_l(
            "The person you reported has been charged with a crime. "
            "This means they have been formally accused, and the case will go to court."
        ),
        what_it_means=_l(
            "The first court hearing is usually soon after the charge. "
            "You do not usually need to go to the first hearing. "
            "Until the trial, the court may keep the person in prison, or let them out on "
            "bail with rules to follow."
        ),
        what_you_can_do=_l(
            "You can make a Victim Personal Statement. "
            "This is your chance to say, in your own words, how the crime has affected you. "
            "A team called the Witness Care Unit will contact you about court dates. "
            "You can ask for help to give evidence, such as a screen in the courtroom."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
        decision_makers=_EITHER,
    ),
    # Victims' Code 2020, Right 6: told of a decision not to charge (or release without
    # charge), with the reasons and how to seek a review, within 1 or 5 working days.
    # The review itself: NPCC Police Victims' Right to Review scheme (see review.py).
    EventRule(
        type=EventType.NO_FURTHER_ACTION,
        staff_label=_l("No further action (NFA): decision not to charge"),
        victim_title=_l("A decision about the investigation"),
        what_happened=_l(
            "The police have decided that the person you reported will not be charged. "
            "This is sometimes called no further action. "
            "Your officer should explain the reasons to you."
        ),
        what_it_means=_l(
            "This is not a judgement about whether you are telling the truth. "
            "The decision is about whether there is enough evidence to take the case to court. "
            "It does not mean that what happened to you does not matter."
        ),
        what_you_can_do=_l(
            "You have the right to ask for this decision to be looked at again by someone "
            "who was not involved. This is called the Victims' Right to Review. "
            "You need to ask within 3 months of being told about the decision. "
            "To ask, fill in the short form on this page, or tell your officer. "
            "If the Crown Prosecution Service made the decision, your officer will tell you "
            "how to ask them for a review instead. "
            "You can still get support, whatever the decision."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=True,
        code_source="Victims' Code 2020, Right 6",
        decision_makers=_EITHER,
        what_you_can_do_in_print=_l(
            "You have the right to ask for this decision to be looked at again by someone "
            "who was not involved. This is called the Victims' Right to Review. "
            "You need to ask within 3 months of being told about the decision. "
            "To ask, sign in to the website and use the short form there, or tell your "
            "officer. If the Crown Prosecution Service made the decision, your officer will "
            "tell you how to ask them for a review instead. "
            "You can still get support, whatever the decision."
        ),
    ),
    # Victims' Code 2020, Right 6: told of an out-of-court disposal within 1 or 5 working
    # days (and, before it is decided, asked for views on it).
    EventRule(
        type=EventType.OUT_OF_COURT_DISPOSAL,
        staff_label=_l("Out-of-court disposal (for example a caution)"),
        victim_title=_l("The case has been dealt with without going to court"),
        what_happened=_l(
            "The police have dealt with the case without taking it to court. "
            "This is called an out-of-court disposal. "
            "One example is a caution, which is a formal warning that goes on the "
            "person's record."
        ),
        what_it_means=_l(
            "The person had to accept responsibility for what they did. "
            "There will not be a trial. "
            "Your officer will explain what was decided and why."
        ),
        what_you_can_do=_l(
            "You can ask your officer to explain the decision. "
            "If you are unhappy with it, your officer can tell you how to raise it. "
            "You can still get support, whatever the outcome."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
        decision_makers=_POLICE,
    ),
    # Victims' Code 2020, Right 8: told the date, time and place of a court hearing within
    # 1 working day (enhanced) or 5 working days of it being known.
    EventRule(
        type=EventType.COURT_DATE_SET,
        staff_label=_l("Court date set"),
        victim_title=_l("A court date has been set"),
        what_happened=_l(
            "A date has been set for a court hearing in your case. "
            "You will be told the date, the time and which court it is in."
        ),
        what_it_means=_l(
            "Not every hearing needs you there. "
            "The Witness Care Unit, a team that supports witnesses, will tell you if you "
            "need to go and give evidence."
        ),
        what_you_can_do=_l(
            "You can ask for help to give evidence, such as a screen or a video link. "
            "These are called special measures. "
            "You can ask to visit the court before the day. "
            "You can claim back travel costs and some lost earnings."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 8",
    ),
    # Victims' Code 2020, Right 6: a victim is told of a CPS decision not to charge, with its
    # reasons and how to ask the CPS for a review, within 1 working day (enhanced) or 5.
    # The review: the CPS Victims' Right to Review scheme (see review_schemes.py).
    EventRule(
        type=EventType.CPS_NO_CHARGE,
        staff_label=_l("CPS decision not to charge"),
        victim_title=_l("A decision by the prosecutors"),
        what_happened=_l(
            "The Crown Prosecution Service (CPS) has decided that the person you reported "
            "will not be charged. The CPS are the lawyers who decide whether a case goes to "
            "court. The reasons they gave are below."
        ),
        what_it_means=_l(
            "This is not a judgement about whether you are telling the truth. "
            "The CPS decides whether there is enough evidence for a court case. "
            "It does not mean that what happened to you does not matter."
        ),
        what_you_can_do=_ASK_THE_CPS,
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=True,
        code_source="Victims' Code 2020, Right 6",
        decision_makers=_CPS,
    ),
    # Victims' Code 2020, Right 6: told when the CPS stops a case after charge
    # (discontinuance), with reasons and how to ask for a review, within 1 or 5 working days.
    EventRule(
        type=EventType.CPS_DISCONTINUANCE,
        staff_label=_l("CPS stopped the case (discontinuance)"),
        victim_title=_l("The prosecutors have stopped the case"),
        what_happened=_l(
            "The Crown Prosecution Service (CPS) has decided to stop the case against the "
            "person you reported. This is called discontinuance. "
            "The reasons they gave are below."
        ),
        what_it_means=_l(
            "There will not be a trial. "
            "This is not a judgement about whether you are telling the truth. "
            "It does not mean that what happened to you does not matter."
        ),
        what_you_can_do=_ASK_THE_CPS,
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=True,
        code_source="Victims' Code 2020, Right 6",
        decision_makers=_CPS,
    ),
    # Victims' Code 2020, Right 8: after a charge, a Witness Care Unit keeps the victim told
    # about court. The handover itself has no timed duty in the Code.
    EventRule(
        type=EventType.PASSED_TO_WITNESS_CARE,
        staff_label=_l("Case passed to the Witness Care Unit"),
        victim_title=_l("A new team will tell you about court"),
        what_happened=_l(
            "Your case has been passed to the Witness Care Unit. "
            "This is a team that supports witnesses and tells them about court dates."
        ),
        what_it_means=_l(
            "The Witness Care Unit will be your main contact about court. "
            "They will tell you the dates of hearings and whether you need to go."
        ),
        what_you_can_do=_l(
            "Tell them if you need help to give evidence, or if you have dates when you "
            "cannot go to court. "
            "You can still send your officer a question here."
        ),
        deadline_kind=DeadlineKind.NONE,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 8",
    ),
    # Victims' Code 2020, Right 8: told the date of the trial within 1 working day (enhanced)
    # or 5 working days of it being known.
    EventRule(
        type=EventType.TRIAL_DATE_FIXED,
        staff_label=_l("Trial date fixed"),
        victim_title=_l("A date has been set for the trial"),
        what_happened=_l(
            "The court has set a date for the trial. "
            "The trial is where the court hears the evidence and decides if the person is "
            "guilty."
        ),
        what_it_means=_l(
            "You may be asked to give evidence at the trial. "
            "The date can still change, and you will be told if it does."
        ),
        what_you_can_do=_l(
            "You can ask for help to give evidence, such as a screen or a video link. "
            "You can ask to visit the court before the day. "
            "Tell the Witness Care Unit if the date is a problem for you."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 8",
    ),
    # Victims' Code 2020, Right 8: told of a change to the trial date within 1 or 5 working
    # days of it being known.
    EventRule(
        type=EventType.TRIAL_DATE_MOVED,
        staff_label=_l("Trial date moved"),
        victim_title=_l("The trial date has changed"),
        what_happened=_l("The court has moved the date of the trial."),
        what_it_means=_l(
            "Trial dates often move, for reasons such as a court being busy. "
            "It does not mean the case has stopped."
        ),
        what_you_can_do=_l(
            "Tell the Witness Care Unit if the new date is a problem for you. "
            "You can ask your officer or the Witness Care Unit why the date changed."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 8",
    ),
    # Victims' Code 2020, Right 9: told the outcome of the trial within 1 working day
    # (enhanced) or 5 working days.
    EventRule(
        type=EventType.VERDICT,
        staff_label=_l("Verdict"),
        victim_title=_l("The court has made a decision"),
        what_happened=_l(
            "The court has decided whether the person you reported is guilty. "
            "This is called the verdict. Your officer's message below says what it was."
        ),
        what_it_means=_l(
            "If the person was found guilty, the court will decide the sentence, often on a "
            "later date. "
            "If they were found not guilty, this does not mean the court did not believe you. "
            "It means the evidence did not meet the high standard a criminal court needs."
        ),
        what_you_can_do=_l(
            "You can ask your officer or the Witness Care Unit to explain the verdict. "
            "If the person was found guilty, you can read your Victim Personal Statement in "
            "court, or ask for it to be read for you. "
            "You can still get support, whatever the verdict."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 9",
    ),
    # Victims' Code 2020, Right 9: told the sentence, with what it means, within 1 or 5
    # working days.
    EventRule(
        type=EventType.SENTENCE,
        staff_label=_l("Sentence"),
        victim_title=_l("The court has decided the sentence"),
        what_happened=_l(
            "The court has decided the sentence for the person you reported. "
            "Your officer's message below says what it was."
        ),
        what_it_means=_l(
            "A prison sentence does not always mean the whole time is spent in prison. "
            "Your officer can explain what this sentence means in practice."
        ),
        what_you_can_do=_l(
            "If the sentence is 12 months or more in prison for a sexual offence, you can join "
            "the Victim Contact Scheme. It tells you about things like the person's release. "
            "Ask your officer about it."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 9 and Right 11",
    ),
    # Victims' Code 2020, Right 9: told of an appeal against the verdict or sentence, and of
    # its result, within 1 or 5 working days.
    EventRule(
        type=EventType.APPEAL,
        staff_label=_l("Appeal"),
        victim_title=_l("There is an appeal"),
        what_happened=_l(
            "There is an appeal in your case. "
            "This means a higher court is being asked to look at the verdict or the sentence "
            "again. Your officer's message below says more."
        ),
        what_it_means=_l(
            "An appeal can take some months. "
            "The verdict and the sentence stay as they are unless the higher court changes them."
        ),
        what_you_can_do=_l(
            "You do not usually need to go to an appeal. "
            "You can ask your officer or the Witness Care Unit what it means for you and when "
            "it will be heard."
        ),
        deadline_kind=DeadlineKind.KEY_EVENT,
        sensitive_by_default=True,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 9",
    ),
    # Victims' Code 2020, Right 6: the victim has a named contact for questions. No timed
    # duty, but a victim must know whom to contact, so it counts as a key update.
    EventRule(
        type=EventType.OFFICER_CHANGED,
        staff_label=_l("Officer in the case changed"),
        victim_title=_l("You have a new officer"),
        what_happened=_l("A different officer is now looking after your case."),
        what_it_means=_l(
            "Your case carries on as before. "
            "Your new officer has the notes on your case, so you should not need to explain "
            "everything again."
        ),
        what_you_can_do=_l(
            "Your new officer's contact details are on your case page. "
            "If you would like, you can ask them to call you to introduce themselves."
        ),
        deadline_kind=DeadlineKind.NONE,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    # Victims' Code 2020, Right 4: details passed to a support service within 2 working days,
    # for every victim. A key update: a call from an unknown service must not come as a shock.
    EventRule(
        type=EventType.SUPPORT_REFERRAL,
        staff_label=_l("Referral to a support service"),
        victim_title=_l("A support service will be in touch"),
        what_happened=_l(
            "Your details have been passed to a support service. "
            "They help people after sexual violence, and they are separate from the police."
        ),
        what_it_means=_l(
            "Someone from the service should contact you soon. "
            "They can listen, give advice and help you through what happens next. "
            "Their help is free."
        ),
        what_you_can_do=_l(
            "It is your choice whether to accept their help. "
            "You can say yes later, even if you say no now. "
            "If you would like them to contact you in a particular way, tell your officer."
        ),
        deadline_kind=DeadlineKind.SUPPORT_REFERRAL,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 4",
    ),
    # Victims' Code 2020, Right 6: updates at the frequency agreed with the victim, who can
    # change it; no event deadline (see deadlines.next_routine_due).
    EventRule(
        type=EventType.ROUTINE_UPDATE,
        staff_label=_l("Routine update"),
        victim_title=_l("An update on your case"),
        what_happened=_l("Your officer has sent you an update on how your case is going."),
        what_it_means=_l(
            "Investigations can have long quiet spells. "
            "Regular updates let you know where things are, even when there is little news."
        ),
        what_you_can_do=_l(
            "You can change how often you hear from your officer at any time. "
            "You can reply to this update with a question."
        ),
        deadline_kind=DeadlineKind.NONE,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
    EventRule(
        type=EventType.OTHER,
        staff_label=_l("Other update"),
        victim_title=_l("An update on your case"),
        what_happened=_l("Your officer has sent you a message about your case."),
        what_it_means=_l("Your officer's message explains what this means for you."),
        what_you_can_do=_l(
            "If anything is unclear, you can ask your officer a question or ask them to call you."
        ),
        deadline_kind=DeadlineKind.NONE,
        sensitive_by_default=False,
        mentions_right_to_review=False,
        code_source="Victims' Code 2020, Right 6",
    ),
)

EVENTS: Mapping[EventType, EventRule] = MappingProxyType({rule.type: rule for rule in _RULES})


def event_rule(event_type: EventType | str) -> EventRule:
    """The rule for a stored event type. Raises KeyError for a type the portal does not know."""
    try:
        return EVENTS[EventType(event_type)]
    except ValueError:
        raise KeyError(event_type) from None
