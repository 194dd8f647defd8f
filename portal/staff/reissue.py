"""A new activation code for a victim who has activated: an officer asks, with a reason,
and a supervisor of the team who did not ask approves or refuses. The rules are in
`portal.rules.access_reissue`; these views stay thin.

The code is shown once, to the supervisor who approves: the person who asked never holds
a code by their own action alone, and the one who approves decides how it reaches the
victim (in person, or through the officer knowingly).
"""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.data.scoping import get_case_or_404, get_reissue_or_404
from portal.rules import access_reissue
from portal.staff import bp
from portal.staff.forms import REISSUE_REASONS, ReissueRequestForm
from portal.web.access import only

REASON_WORDS = dict(REISSUE_REASONS)


def _me():
    return current_user._get_current_object()


@bp.route("/cases/<uuid:case_id>/new-code-request", methods=["GET", "POST"])
def request_reissue(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    if not access_reissue.needs_approval(case.victim):
        return redirect(url_for("staff.case_page", case_id=case.id), code=303)
    pending = access_reissue.pending_for(case.victim)
    form = ReissueRequestForm()
    if pending is None and form.validate_on_submit():
        access_reissue.request(case, _me(), form.reason.data, form.note.data)
        flash(_("Your request has been sent. A supervisor of your team must approve it."))
        return redirect(url_for("staff.case_page", case_id=case.id), code=303)
    return render_template(
        "staff/reissue_request.html",
        case=case,
        form=form,
        pending=pending,
        reason_words=REASON_WORDS,
    )


@bp.get("/new-code-requests/<uuid:reissue_id>")
@only("supervisor")
def reissue_page(reissue_id: uuid.UUID):
    reissue = get_reissue_or_404(current_user, reissue_id)
    return render_template(
        "staff/reissue_decision.html",
        reissue=reissue,
        case=reissue.case,
        own=reissue.requested_by_id == current_user.id,
        reason_words=REASON_WORDS,
    )


@bp.post("/new-code-requests/<uuid:reissue_id>/decision")
@only("supervisor")
def decide_reissue(reissue_id: uuid.UUID):
    reissue = get_reissue_or_404(current_user, reissue_id)
    decision = request.form.get("decision")
    if decision not in ("approve", "refuse"):
        abort(400)
    try:
        if decision == "approve":
            code = access_reissue.approve(reissue, _me())
        else:
            access_reissue.refuse(reissue, _me())
    except access_reissue.OwnRequest:
        flash(_("You asked for this code, so another supervisor must decide."))
        return redirect(url_for("staff.reissue_page", reissue_id=reissue.id), code=303)
    except access_reissue.NotPending:
        flash(_("This request was already decided."))
        return redirect(url_for("staff.reissue_page", reissue_id=reissue.id), code=303)
    if decision == "refuse":
        flash(_("Request refused. No code was made."))
        return redirect(url_for("staff.dashboard"), code=303)
    # Shown in this response only: the code is stored hashed and never shown again.
    return render_template(
        "staff/activation_code.html", case=reissue.case, code=code, new=False, approved=True
    )


@bp.post("/new-code-requests/<uuid:reissue_id>/dispute-done")
@only("supervisor")
def close_reissue_dispute(reissue_id: uuid.UUID):
    reissue = get_reissue_or_404(current_user, reissue_id)
    access_reissue.close_dispute(reissue, _me())
    flash(_("Marked as dealt with."))
    return redirect(url_for("staff.dashboard"), code=303)
