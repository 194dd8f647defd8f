"""The victim's answers: "Was this message clear?" and the monthly check."""

from __future__ import annotations

import uuid

from flask import flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.data.models import Clarity, utcnow
from portal.data.scoping import get_update_or_404
from portal.rules import feedback as feedback_rules
from portal.victim.feedback import bp
from portal.victim.feedback.forms import CheckForm, ClarityForm

THANKS = _l("Thank you. Your answer has been saved.")
SKIPPED = _l("That is fine. You will not be asked about this message again.")
CHECK_THANKS = _l("Thank you for answering.")
CHECK_SKIPPED = _l("That is fine. We will not ask you these questions again this month.")
CHOOSE = _l("Select yes, partly or no, or choose Skip")


def _me():
    return current_user._get_current_object()


def _askable(update_id: uuid.UUID):
    return feedback_rules.askable_or_404(get_update_or_404(_me(), update_id))


def _back_to(update) -> str:
    return url_for("victim.update", update_id=update.id) + "#feedback"


@bp.route("/updates/<uuid:update_id>", methods=["GET", "POST"])
def clarity(update_id: uuid.UUID):
    update = _askable(update_id)
    existing = feedback_rules.clarity_for(update)
    data = {"answer": existing.answer, "comment": existing.comment} if existing else None
    form = ClarityForm(prefix="clarity", data=data)
    if form.validate_on_submit():
        skip = "skip" in request.form
        if skip or form.answer.data:
            chosen = Clarity.SKIPPED if skip else form.answer.data
            feedback_rules.record_clarity(update, chosen, form.comment.data, utcnow())
            flash(SKIPPED if skip else THANKS)
            if not skip and feedback_rules.monthly_check_due(_me(), utcnow()):
                return redirect(url_for("victim_feedback.check", update_id=update.id), code=303)
            return redirect(_back_to(update), code=303)
        form.answer.errors.append(CHOOSE)
    return render_template("victim/feedback/clarity.html", form=form, update=update)


@bp.route("/updates/<uuid:update_id>/check", methods=["GET", "POST"])
def check(update_id: uuid.UUID):
    """The monthly check, offered after the victim answered about `update_id`."""
    update = _askable(update_id)
    me, now = _me(), utcnow()
    if feedback_rules.check_this_month(me, now) is None and feedback_rules.read_sensitive_recently(
        me, now
    ):
        return redirect(_back_to(update), code=303)
    offered = feedback_rules.offer_monthly_check(me, update.case_id, now)
    if offered is None:
        return redirect(_back_to(update), code=303)
    form = CheckForm(prefix="check")
    if form.validate_on_submit():
        skip = "skip" in request.form
        feedback_rules.record_check(offered, form.data, skipped=skip, now=now)
        flash(CHECK_SKIPPED if skip else CHECK_THANKS)
        return redirect(_back_to(update), code=303)
    return render_template("victim/feedback/check.html", form=form, update=update)
