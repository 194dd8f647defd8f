"""The victim's own pages. Every record is loaded through `portal.data.scoping`."""

from __future__ import annotations

import uuid

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.auth import throttle
from portal.data import review_queries
from portal.data import victim_queries as queries
from portal.data.models import utcnow
from portal.data.scoping import get_case_or_404, get_update_or_404
from portal.extensions import db
from portal.rules import access_reissue, presenting, stages
from portal.rules import review as review_rules
from portal.rules.dates import day
from portal.victim import bp, reading
from portal.victim import communication_plan as plan
from portal.victim.feedback.forms import ClarityForm
from portal.victim.forms import ChoicesForm, QuestionForm
from portal.victim.home import home_for
from portal.victim.questions import mark_replies_read, send_question
from portal.victim.rights import enhanced_sentence, enhanced_service_applies, rights_for
from portal.victim.update_cards import update_cards
from portal.web.i18n import remember_page_language
from portal.web.safe_redirect import safe_next
from portal.web.sign_in_forms import failed_tries_notice

SAVED = _l("Your choices are saved.")
READ_LATER = _l("That update will be here when you are ready.")
CALL_ASKED = _l("We have asked your officer to call you about this update.")
CODE_STOPPED = _l(
    "Thank you for telling us. We have stopped the new code. A senior officer has been told "
    "and will look into it. If you feel unsafe, call 999."
)
NOT_ME_TOLD = _l(
    "Thank you for telling us. A senior officer has been told and will look into it. "
    "If you feel unsafe, call 999."
)


def _me():
    return current_user._get_current_object()


@bp.get("/")
def home():
    me = _me()
    failed_tries = throttle.take_failures_to_tell(me)  # told once, then forgotten
    home = home_for(me)
    page = render_template(
        "victim/home.html",
        home=home,
        update_cards=update_cards,
        not_applicable=stages.NOT_APPLICABLE,
        review_links=[
            (decision, request, review_rules.scheme_of(decision))
            for decision, request in review_rules.decisions_to_offer(me, home.published)
        ],
        failed_tries=failed_tries_notice(failed_tries) if failed_tries else None,
        reissue_notice=home.reissue_notice,
        records_requests=home.records_requests,
    )
    access_reissue.mark_notice_seen(home.reissue_notice)
    return page


@bp.post("/sign-in-details/not-me")
def not_me():
    """ "This was not me", about a new code or changed sign-in details: an unused code
    stops at once, and the team's supervisors see it at the top of their dashboard."""
    disputed = access_reissue.dispute(_me())
    if disputed is not None:
        flash(CODE_STOPPED if not disputed.used else NOT_ME_TOLD)
    return redirect(url_for("victim.home"), code=303)


@bp.get("/updates/<uuid:update_id>")
def update(update_id: uuid.UUID):
    page = queries.update_page_or_404(_me(), update_id)
    found = page.update
    if found.sensitive and request.args.get("note") != "seen":
        return render_template("victim/content_note.html", update=found)
    reading.mark_read(found)
    view = presenting.full(found, page.corrections)
    decision = presenting.review_decision(found)
    if decision is not None:
        # Only here, on the victim's own page, does the review form get a link.
        view.review_url = url_for("victim_review.review", update_id=decision.id)
        view.review = review_queries.review_for(decision)
    asked = None
    if not found.sensitive:  # the questions never follow a sensitive update
        asked = {
            "feedback": page.clarity,
            # Made only if the blank question's fragment has not been rendered yet.
            "blank_form": lambda: {"form": ClarityForm(prefix="clarity", formdata=None)},
        }
    return render_template("victim/update.html", view=view, asked=asked)


@bp.post("/updates/<uuid:update_id>/choice")
def update_choice(update_id: uuid.UUID):
    found = get_update_or_404(_me(), update_id)
    choice = request.form.get("choice")
    if choice == "later":
        reading.read_later(found)
        flash(READ_LATER)
    elif choice == "call":
        reading.request_call(_me(), found)
        flash(CALL_ASKED)
    else:
        return redirect(url_for("victim.update", update_id=found.id, note="seen"), code=303)
    return redirect(url_for("victim.home"), code=303)


@bp.get("/rights")
def rights():
    me = _me()
    return render_template(
        "victim/rights.html",
        rights=rights_for(me),
        enhanced=enhanced_sentence(me) if enhanced_service_applies(queries.cases(me)) else None,
    )


@bp.route("/choices", methods=["GET", "POST"])
def choices():
    me = _me()
    form = ChoicesForm(data=plan.form_data(me))
    if form.validate_on_submit():
        # The same answer whether or not another victim uses the email (see save_plan).
        plan.save_plan(me, form.data)
        flash(SAVED)
        response = redirect(url_for("victim.choices"), code=303)
        # Her saved language is the one place she changes it for good: the pages follow.
        remember_page_language(response, me.language)
        return response
    return render_template("victim/choices.html", form=form, plan_updated_at=me.plan_updated_at)


@bp.route("/questions", methods=["GET", "POST"])
def questions():
    me = _me()
    cases = queries.cases(me)
    form = QuestionForm()
    form.case.choices = [
        SelectChoice(str(case.id), _case_label(n, case)) for n, case in enumerate(cases, 1)
    ]
    if form.validate_on_submit():
        case = _chosen_case(me, cases, form.case.data)
        if case is None:
            form.case.errors.append(_l("Select which report your question is about"))
        else:
            message = send_question(me, case, form.body.data, _reply_working_days())
            flash(
                _(
                    "Your question has been sent. Your officer will reply by %(date)s.",
                    date=day(message.reply_due_at),
                )
            )
            return redirect(url_for("victim.questions"), code=303)
    messages = queries.conversation(me)
    page = render_template("victim/questions.html", form=form, messages=messages, cases=cases)
    mark_replies_read(messages)
    return page


def _reply_working_days() -> int:
    return current_app.config["SETTINGS"].question_reply_working_days


def _case_label(n: int, case) -> str:
    return _("Report %(n)s, looked after by %(officer)s", n=n, officer=case.officer.display_name)


def _chosen_case(me, cases, chosen: str | None):
    if len(cases) == 1 and not chosen:
        return cases[0]
    try:
        return get_case_or_404(me, uuid.UUID(chosen or ""))
    except ValueError:
        return None


@bp.post("/stay-signed-in")
def stay_signed_in():
    """The idle warning's "Stay signed in": any request renews the session; this one says so."""
    record = g.get("auth_session")
    if record is None:
        abort(404)
    record.last_seen_at = utcnow()
    db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("victim.home")), code=303)


# Their routes register on this blueprint.
from portal.victim import records_requests, safety  # noqa: E402, F401
