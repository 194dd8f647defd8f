"""The victim's pages: ask for a review of a decision, see where it is, ask to complain."""

from __future__ import annotations

import uuid

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.data import review_queries, victim_queries
from portal.data.models import utcnow
from portal.data.scoping import get_case_or_404, get_update_or_404
from portal.rules import complaints
from portal.rules import review as review_rules
from portal.rules.victims_code.review_schemes import Scheme, cps_request_dates
from portal.victim.review import bp
from portal.victim.review.forms import ComplaintForm, CpsReviewForm, ReviewForm

SENT = _l("Your request for a review has been sent.")
CPS_NOTED = _l("Thank you. Your officer can now see that you are asking the CPS, and can help.")
COMPLAINT_SENT = _l("Your request to complain has been sent.")


def _me():
    return current_user._get_current_object()


@bp.route("/<uuid:update_id>", methods=["GET", "POST"])
def review(update_id: uuid.UUID):
    me = _me()
    decision = review_rules.decision_or_404(get_update_or_404(me, update_id))
    existing = review_queries.review_for(decision)
    cps = review_rules.scheme_of(decision) is Scheme.CPS
    form = CpsReviewForm() if cps else ReviewForm()
    # One request per decision: a second post shows the first one's progress instead.
    if existing is None and form.validate_on_submit():
        review_rules.request_review(me, decision, form.note.data, utcnow())
        flash(CPS_NOTED if cps else SENT)
        return redirect(url_for("victim_review.review", update_id=decision.id), code=303)
    if cps:
        return _cps_directions(decision, existing, form)
    return render_template(
        "victim/review/request.html",
        form=form if existing is None else None,
        decision=decision,
        review=existing,
        left=review_rules.time_left(decision, utcnow()),
    )


def _cps_directions(decision, existing, form):
    """A CPS decision: how to ask the CPS, what to say and by when. Never the police form."""
    dates = cps_request_dates(decision.published_at, decision.case.force_country)
    return render_template(
        "victim/review/cps.html",
        form=form if existing is None else None,
        decision=decision,
        review=existing,
        dates=dates,
        answer_by=review_rules.cps_answer_expected_by(existing) if existing else None,
    )


@bp.route("/complain", methods=["GET", "POST"])
def complain():
    me = _me()
    cases = victim_queries.cases(me)
    form = ComplaintForm()
    form.case.choices = [
        SelectChoice(str(case.id), _case_label(n, case)) for n, case in enumerate(cases, 1)
    ]
    if cases and form.validate_on_submit():
        case = _chosen_case(me, cases, form.case.data)
        if case is None:
            form.case.errors.append(_l("Select which report this is about"))
        else:
            complaints.request_complaint(me, case, form.body.data, utcnow())
            flash(COMPLAINT_SENT)
            return redirect(url_for("victim_review.complain"), code=303)
    return render_template(
        "victim/review/complain.html",
        form=form,
        cases=cases,
        sent=review_queries.own_complaints(me),
    )


def _case_label(n: int, case) -> str:
    return _("Report %(n)s, looked after by %(officer)s", n=n, officer=case.officer.display_name)


def _chosen_case(me, cases, chosen: str | None):
    if len(cases) == 1 and not chosen:
        return cases[0]
    try:
        return get_case_or_404(me, uuid.UUID(chosen or ""))
    except ValueError:
        return None
