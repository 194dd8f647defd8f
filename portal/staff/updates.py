"""Record an event and publish an update: form, preview, publish, and corrections.

The form's hidden idempotency key is made when the form is first shown and travels
through the preview, so a double click on "Publish" publishes once.
"""

from __future__ import annotations

import uuid

from flask import abort, flash, get_template_attribute, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.data.scoping import get_case_or_404, get_update_or_404
from portal.notifications.delivery_status import notification_status
from portal.rules import presenting, publishing, stages
from portal.rules.languages import language as language_info
from portal.rules.text_language import seems_not_in
from portal.rules.victims_code import LONDON, event_rule, find_jargon
from portal.staff import bp, queries
from portal.staff.forms import UpdateForm
from portal.web.jinja import staff_time


def _correcting(case, form: UpdateForm):
    """The update being corrected, checked to belong to this case (or None)."""
    raw = form.corrects_id.data or request.args.get("corrects")
    if not raw:
        return None
    try:
        original = get_update_or_404(current_user, uuid.UUID(raw))
    except ValueError:
        abort(404)
    if original.case_id != case.id:
        abort(404)
    # A correction is of the same kind as what it corrects, whatever the form posted: a
    # typo fixed must never turn into a key decision with a deadline of its own.
    form.event_type.data = original.event_type
    return original


def _render_form(case, form, original, problem: str | None = None, status: int = 200):
    return render_template(
        "staff/update_form.html", case=case, form=form, original=original, problem=problem
    ), status


@bp.route("/cases/<uuid:case_id>/updates/new", methods=["GET", "POST"])
def new_update(case_id: uuid.UUID):
    """Show the form; a POST here comes from "Change" on the preview and only re-shows it."""
    case = get_case_or_404(current_user, case_id)
    form = UpdateForm()
    original = _correcting(case, form)
    if not form.idempotency_key.data:
        form.idempotency_key.data = publishing.new_idempotency_key()
    if original is not None and request.method == "GET":
        form.corrects_id.data = str(original.id)
    if original is None and request.method == "GET":
        _from_open_duty(case, form, request.args.get("duty"))
    return _render_form(case, form, original)


def _from_open_duty(case, form: UpdateForm, duty_id: str | None) -> None:
    """ "Write the update" beside an open duty (one the officer recorded, or one the
    records system sent) fills in what happened and when; the officer writes the rest.
    A duty of another case, or one already met, fills in nothing."""
    if not duty_id:
        return
    try:
        duty = queries.open_duty(case, uuid.UUID(duty_id))
    except ValueError:
        return
    if duty is None:
        return
    when = duty.occurred_at.astimezone(LONDON)
    form.event_type.data = duty.event_type
    form.occurred_on.data = when.date()
    form.occurred_time.data = when.strftime("%H:%M")


@bp.post("/cases/<uuid:case_id>/updates/preview")
def preview_update(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = UpdateForm()
    original = _correcting(case, form)
    if not form.validate_on_submit():
        return _render_form(case, form, original)
    occurred_at = form.occurred_at()
    view = presenting.draft(
        case,
        form.event_type.data,
        occurred_at,
        (form.free_text.data or "").strip() or None,
        current_user,
        corrects_id=original.id if original is not None else None,
        decided_by=original.decided_by if original is not None else form.decided_by_value(),
        suspect_interviewed=(
            original.suspect_interviewed
            if original is not None
            else form.suspect_interviewed_value()
        ),
    )
    return render_template(
        "staff/update_preview.html",
        case=case,
        form=form,
        original=original,
        victim_language=language_info(case.victim.language),
        victim_view=as_the_victim_sees_it(view, case.victim.language),
        rule=event_rule(form.event_type.data),
        decided_by=view.update.decided_by,
        scheme=presenting.scheme_of(view.update),
        deadline=publishing.deadline_for(case, form.event_type.data, occurred_at),
        sensitive=form.sensitive_choice(),
        jargon=find_jargon(form.free_text.data or ""),
        wrong_language=seems_not_in(form.free_text.data, case.victim.language),
        earlier_stage=_earlier_stage(case, form.event_type.data) if original is None else None,
    )


def _earlier_stage(case, event_type: str):
    """The stage the victim's tracker stays at, when this event belongs to an earlier one.

    The tracker never moves back; the officer is told so before publishing, rather than
    the victim finding the tracker unchanged with no word why.
    """
    event_stage = stages.STAGE_OF_EVENT.get(event_type)
    current, _ = stages.current_stage(queries.case_updates(case))
    if event_stage is None or event_stage >= current:
        return None
    return stages.WORDS[current].title


@bp.post("/cases/<uuid:case_id>/updates/publish")
def publish_update(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = UpdateForm()
    original = _correcting(case, form)
    if not form.validate_on_submit():
        return _render_form(case, form, original)
    draft = publishing.Draft(
        event_type=form.event_type.data,
        occurred_at=form.occurred_at(),
        free_text=(form.free_text.data or "").strip() or None,
        sensitive=form.sensitive_choice(),
        idempotency_key=form.idempotency_key.data,
        corrects_id=original.id if original is not None else None,
        decided_by=form.decided_by_value(),
        suspect_interviewed=form.suspect_interviewed_value(),
    )
    try:
        result = publishing.publish(case, draft, current_user)
    except publishing.DraftRefused:
        # The form checks the same rules, so only a clock that moved between the two can
        # get here: show the form again with nothing lost.
        problem = _("The update could not be published. Check the date and the reasons.")
        return _render_form(case, form, original, problem=problem, status=400)
    except publishing.PublishFailed:
        problem = _(
            "The update could not be published because of a problem with the system. "
            "Nothing has been sent to them. Your text is still here: try again in a moment."
        )
        return _render_form(case, form, original, problem=problem, status=503)
    return redirect(
        url_for("staff.published_update", case_id=case.id, update_id=result.update.id), code=303
    )


@bp.post("/cases/<uuid:case_id>/events")
def record_event(case_id: uuid.UUID):
    """Record that something happened, to tell them later: the deadline clock starts."""
    case = get_case_or_404(current_user, case_id)
    form = UpdateForm()
    if _correcting(case, form) is not None:
        abort(404)  # a correction is always published, never only recorded
    if not form.validate_on_submit():
        return _render_form(case, form, None)
    if (form.free_text.data or "").strip():
        # Recording publishes nothing, so a message typed here would silently go nowhere.
        form.free_text.errors.append(
            _(
                "Recording the event only does not send your message. Choose Preview to "
                "send it, or clear the message to record the event only"
            )
        )
        return _render_form(case, form, None)
    try:
        obligation = publishing.record_event(
            case, form.event_type.data, form.occurred_at(), current_user
        )
    except publishing.DraftRefused:
        form.occurred_on.errors.append(_("The date and time it happened cannot be in the future"))
        return _render_form(case, form, None)
    if obligation is None:
        form.event_type.errors.append(
            _("This kind of event has no Victims' Code deadline. Choose Preview to tell them")
        )
        return _render_form(case, form, None)
    flash(_("Event recorded. Tell them by %(when)s.", when=staff_time(obligation.due_at)))
    return redirect(url_for("staff.case_page", case_id=case.id), code=303)


@bp.get("/cases/<uuid:case_id>/updates/<uuid:update_id>")
def published_update(case_id: uuid.UUID, update_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    update = get_update_or_404(current_user, update_id)
    if update.case_id != case.id:
        abort(404)
    language = case.victim.language
    return render_template(
        "staff/update_published.html",
        case=case,
        update=update,
        victim_language=language_info(language),
        victim_view=as_the_victim_sees_it(presenting.full(update), language),
        obligation=publishing.obligation_met_by(update),
        notifications=notification_status(case),
    )


def as_the_victim_sees_it(view: presenting.UpdateView, language: str, level: int = 3):
    """The update's body rendered in the victim's language, exactly as on their page.

    Links that lead to the victim's own pages are left out: the reader is the officer (and
    a draft has no page yet). The words stay the same.
    """
    view.link_corrected = False
    view.review_url = None
    view.review = None
    with force_locale(language):
        update_body = get_template_attribute("components/update_body.html", "update_body")
        return update_body(view, level=level)
