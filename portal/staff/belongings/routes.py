"""Recording an item taken from the victim, and changing its status.

Every change is audited (identifiers and choices only) and tells the victim with the
discreet notification every case news gets ("There is news about your report").
"""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.data import audit
from portal.data.models import PropertyItem, utcnow
from portal.data.outbox import enqueue_for_case
from portal.data.scoping import get_case_or_404
from portal.extensions import db
from portal.rules import belongings as rules
from portal.rules.victims_code import london_date
from portal.staff.belongings import bp
from portal.staff.belongings.forms import SCOPE_ERRORS, ItemForm, StatusForm

NOTIFY_REASON = "belongings"


def _page(case, form=None, status: int = 200):
    items = rules.items_for(case)
    return render_template(
        "staff/belongings/index.html",
        case=case,
        items=items,
        form=form or ItemForm(formdata=None),
        status_forms={item.id: _status_form(item, formdata=None) for item in items},
        rules=rules,
        today=london_date(utcnow()),
    ), status


def _status_form(item: PropertyItem, **kwargs) -> StatusForm:
    # One form per item on the page: the prefix keeps their ids apart. The page's one
    # CSRF token (CSRFProtect checks every post) is a plain hidden field in each form.
    return StatusForm(prefix=f"s{item.id.hex}", meta={"csrf": False}, status=item.status, **kwargs)


@bp.get("/")
def index(case_id: uuid.UUID):
    return _page(get_case_or_404(current_user, case_id))


@bp.post("/")
def record(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    form = ItemForm()
    if not form.validate_on_submit():
        return _page(case, form, 400)
    digital = form.kind.data in rules.DIGITAL
    try:
        rules.check_scope(
            form.kind.data,
            form.scope_from.data,
            form.scope_to.data,
            form.scope_data.data or [],
            form.scope_reason.data or "",
        )
    except rules.ScopeError as error:
        field, message = SCOPE_ERRORS[error.reason]
        getattr(form, field).errors = [*getattr(form, field).errors, message]
        return _page(case, form, 400)
    item = PropertyItem(
        case=case,
        kind=form.kind.data,
        basis=form.basis.data,
        taken_on=form.taken_on.data,
        target_return_on=form.target_return_on.data,
        status=rules.Status.WITH_POLICE,
        status_changed_at=utcnow(),
        recorded_by_id=current_user.id,
    )
    item.ensure_id()
    item.description = (form.description.data or "").strip() or None
    if digital:
        item.scope_from, item.scope_to = form.scope_from.data, form.scope_to.data
        item.scope_data = ",".join(form.scope_data.data)
        item.scope_reason = form.scope_reason.data.strip()
    db.session.add(item)
    audit.record(
        "belongings.item_recorded",
        case_id=case.id,
        subject=item,
        detail={"item_kind": item.kind, "basis": item.basis, "scoped": digital},
    )
    enqueue_for_case(case, NOTIFY_REASON)
    db.session.commit()
    flash(_("The item is recorded. The victim has been told there is news."))
    return redirect(url_for("staff_belongings.index", case_id=case.id), code=303)


@bp.post("/<uuid:item_id>/status")
def change_status(case_id: uuid.UUID, item_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    item = db.session.get(PropertyItem, item_id)
    if item is None or item.case_id != case.id:
        abort(404)
    form = _status_form(item)
    if not form.validate_on_submit():
        return _page(case, status=400)
    if form.status.data != item.status:
        before = item.status
        item.status = form.status.data
        item.status_changed_at = utcnow()
        if item.status in rules.STILL_HELD:
            item.back_at = None
        elif item.back_at is None:
            item.back_at = item.status_changed_at
        audit.record(
            "belongings.status_changed",
            case_id=case.id,
            subject=item,
            detail={"status_before": before, "status_after": item.status},
        )
        enqueue_for_case(case, NOTIFY_REASON)
        db.session.commit()
        flash(_("The status is saved. The victim has been told there is news."))
    return redirect(url_for("staff_belongings.index", case_id=case.id), code=303)
