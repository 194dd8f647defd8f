"""The supervisor's review queue: review requests and complaint requests for the team."""

from __future__ import annotations

import uuid

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.data import audit, review_queries
from portal.data.models import utcnow
from portal.extensions import db
from portal.rules import complaints
from portal.rules import review as review_rules
from portal.rules.victims_code import london_date
from portal.staff.review import bp
from portal.staff.review.forms import AcknowledgeForm, DecisionForm


@bp.get("/")
def queue():
    now = utcnow()
    return render_template(
        "staff/review/queue.html",
        open_reviews=review_queries.open_reviews(current_user),
        decided=review_queries.decided_reviews(current_user),
        complaints=review_queries.complaints(current_user),
        progress=lambda request: review_rules.progress(request, now),
    )


@bp.get("/<uuid:request_id>")
def review_page(request_id: uuid.UUID):
    request = review_queries.get_review_or_404(current_user, request_id)
    audit.record("review.opened", case_id=request.case_id, subject=request)
    db.session.commit()
    return render_review(request)


def render_review(request, acknowledge_form=None, decision_form=None, status: int = 200):
    return render_template(
        "staff/review/review.html",
        review=request,
        progress=review_rules.progress(request, utcnow()),
        acknowledge_form=acknowledge_form or AcknowledgeForm(formdata=None),
        decision_form=decision_form or DecisionForm(formdata=None),
        form=acknowledge_form or decision_form,
    ), status


@bp.post("/<uuid:request_id>/acknowledged")
def acknowledged(request_id: uuid.UUID):
    request = review_queries.get_review_or_404(current_user, request_id)
    form = AcknowledgeForm()
    earliest = london_date(request.requested_at)
    valid = form.validate_on_submit()
    if request.acknowledged_on is None:
        if not (valid and form.check_day(form.acknowledged_on, earliest, _today())):
            return render_review(request, acknowledge_form=form)
        review_rules.acknowledge(request, form.acknowledged_on.data, current_user)
        flash(_("Acknowledgement recorded. They will be told."))
    return redirect(url_for("staff_review.review_page", request_id=request.id), code=303)


@bp.post("/<uuid:request_id>/decision")
def decision(request_id: uuid.UUID):
    request = review_queries.get_review_or_404(current_user, request_id)
    if request.acknowledged_on is None:
        flash(_("Record that the request was acknowledged before recording a decision."))
    elif request.is_open:
        form = DecisionForm()
        valid = form.validate_on_submit()
        if not (valid and form.check_day(form.decided_on, request.acknowledged_on, _today())):
            return render_review(request, decision_form=form)
        review_rules.decide(request, form.decided_on.data, form.outcome.data, current_user)
        flash(_("Decision recorded. They will be told."))
    return redirect(url_for("staff_review.review_page", request_id=request.id), code=303)


def _today():
    return london_date(utcnow())


@bp.get("/complaints/<uuid:complaint_id>")
def complaint_page(complaint_id: uuid.UUID):
    complaint = review_queries.get_complaint_or_404(current_user, complaint_id)
    audit.record("complaint.opened", case_id=complaint.case_id, subject=complaint)
    db.session.commit()
    return render_template("staff/review/complaint.html", complaint=complaint)


@bp.post("/complaints/<uuid:complaint_id>/passed-on")
def complaint_passed_on(complaint_id: uuid.UUID):
    complaint = review_queries.get_complaint_or_404(current_user, complaint_id)
    complaints.pass_on(complaint, current_user, utcnow())
    flash(_("Recorded as passed to the complaints team."))
    return redirect(url_for("staff_review.complaint_page", complaint_id=complaint.id), code=303)
