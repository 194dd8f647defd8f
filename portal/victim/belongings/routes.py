"""The victim's page about her belongings, and her request about one item.

A request goes to her officer the way every question does (portal.victim.questions): it
is an open question with a reply date, in the officer's caseload until it is answered,
and she sees it, and the reply, on "Your questions".
"""

from __future__ import annotations

import uuid

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.data import victim_queries as queries
from portal.data.models import PropertyItem
from portal.data.scoping import get_case_or_404
from portal.extensions import db
from portal.rules import belongings as rules
from portal.rules.dates import day
from portal.victim.belongings import bp
from portal.victim.belongings.forms import BACK, ItemRequestForm
from portal.victim.questions import send_question


def _me():
    return current_user._get_current_object()


def _page(forms=None, status: int = 200):
    items = [item for case in queries.cases(_me()) for item in rules.items_for(case)]
    forms = forms or {}
    return render_template(
        "victim/belongings/index.html",
        items=items,
        forms={item.id: forms.get(item.id) or _request_form(item, formdata=None) for item in items},
        form=next(iter(forms.values()), None),
        rules=rules,
    ), status


def _request_form(item: PropertyItem, **kwargs) -> ItemRequestForm:
    # One form per item on the page: the prefix keeps their ids apart. The page's one
    # CSRF token (CSRFProtect checks every post) is a plain hidden field in each form.
    return ItemRequestForm(prefix=f"i{item.id.hex}", meta={"csrf": False}, **kwargs)


@bp.get("/")
def index():
    return _page()


def _about(item: PropertyItem) -> str:
    name = str(rules.KIND_LABELS[item.kind])
    return f"{name}: {item.description}" if item.description else name


@bp.post("/<uuid:item_id>")
def ask(item_id: uuid.UUID):
    item = db.session.get(PropertyItem, item_id)
    if item is None:
        abort(404)
    case = get_case_or_404(_me(), item.case_id)  # another victim's item: not found
    form = _request_form(item)
    if not form.validate_on_submit():
        return _page({item.id: form}, 400)
    added = (form.body.data or "").strip()
    if form.want.data == BACK:
        body = _("About my belongings (%(item)s): please give it back to me.", item=_about(item))
    else:
        body = _("A question about my belongings (%(item)s):", item=_about(item))
    if added:
        body = f"{body}\n{added}"
    working_days = current_app.config["SETTINGS"].question_reply_working_days
    message = send_question(_me(), case, body, working_days)
    flash(
        _(
            "Your message has been sent. Your officer will reply by %(date)s.",
            date=day(message.reply_due_at),
        )
    )
    return redirect(url_for("victim_belongings.index"), code=303)
