"""The victim's pages for a pause (/my/pause/<case>): ask, see it running, come back.

The rules (what a pause holds, what still reaches her, how the Code is still measured)
are in `portal.rules.pauses`. She keeps her access whatever she picks: nothing here signs
her out or closes anything.
"""

from __future__ import annotations

import uuid

from flask import flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from portal.data.models import CaseStatus, PauseAbout, PauseChoice, utcnow
from portal.data.scoping import get_case_or_404
from portal.rules import pauses
from portal.victim.pause import bp
from portal.web.date_field import DayMonthYearField

UNTIL_DATE = "date"
UNTIL_I_SAY = "until_i_say"
SENT = _l("Your officer has been told. You can come back at any time.")
BACK = _l("Welcome back. Your pause has ended and messages will start again.")


class PauseForm(FlaskForm):
    about = RadioField(
        _l("What would you like?"),
        choices=[SelectChoice(key.value, words) for key, words in pauses.ABOUT.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select what you would like"))],
    )
    choice = RadioField(
        _l("While it lasts, what should happen?"),
        choices=[SelectChoice(key.value, words) for key, words in pauses.CHOICES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select what should happen while it lasts"))],
    )
    how_long = RadioField(
        _l("For how long?"),
        choices=[
            SelectChoice(UNTIL_I_SAY, _l("Until I say")),
            SelectChoice(UNTIL_DATE, _l("Until a date I pick")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select for how long"))],
    )
    until = DayMonthYearField(
        _l("If you picked a date: the last day of the pause"),
        description=_l("For example, 27 3 2027"),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Send to my officer"), widget=GovSubmitInput())

    def until_or_errors(self, now):
        """The last day asked for, or None (until she says); False after adding an error."""
        if self.how_long.data != UNTIL_DATE:
            return None
        if self.until.data is None:
            self.until.errors = [*self.until.errors, _l("Enter the last day of the pause")]
            return False
        try:
            pauses.check_until(self.until.data, now)
        except pauses.BadUntil as problem:
            self.until.errors = [*self.until.errors, problem.args[0]]
            return False
        return self.until.data


def _last_day(running) -> str:
    """The pause's last day, in the day-first pattern of portal.rules.dates.day."""
    if running is None or running.until is None:
        return ""
    return format_date(running.until, format="d MMMM y")


def _my_open_case(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    if case.status != CaseStatus.OPEN:
        return None
    return case


@bp.route("/<uuid:case_id>", methods=["GET", "POST"])
def pause(case_id: uuid.UUID):
    case = _my_open_case(case_id)
    if case is None:
        return redirect(url_for("victim.home"), code=303)
    now = utcnow()
    running = pauses.active_pause(case, now)
    form = PauseForm()
    if form.validate_on_submit():
        until = form.until_or_errors(now)
        if until is not False:
            me = current_user._get_current_object()
            about, choice = PauseAbout(form.about.data), PauseChoice(form.choice.data)
            pauses.ask(me, case, about, choice, until, now)
            flash(SENT)
            return redirect(url_for("victim_pause.pause", case_id=case.id), code=303)
    return render_template(
        "victim/pause/pause.html",
        form=form,
        case=case,
        running=running,
        until_text=_last_day(running),
        about_words=pauses.ABOUT,
        choice_words=pauses.CHOICES,
        means=pauses.MEANS,
    ), (400 if form.errors else 200)


@bp.post("/<uuid:case_id>/come-back")
def come_back(case_id: uuid.UUID):
    case = _my_open_case(case_id)
    if case is not None:
        pauses.come_back(current_user._get_current_object(), case, utcnow())
        flash(BACK)
    return redirect(url_for("victim.home"), code=303)
