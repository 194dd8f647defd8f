"""The victim's side of sharing: who can see their updates, inviting, stopping at once,
the history of every view; and the code word that genuine messages carry.

The rules live in `portal.rules.support_grants`; these views only call them.
"""

from __future__ import annotations

import uuid

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.data import audit
from portal.extensions import db
from portal.notifications.channels import can_send_email
from portal.rules import support_grants
from portal.victim.sharing import bp
from portal.victim.sharing.forms import CodeWordForm, InviteForm

EMAIL_LIMIT_REACHED = _l(
    "You have sent 3 invitations by email today, which is the most we send in a day. "
    "Leave the email address empty and give them the code yourself, or try again tomorrow."
)
WITHDRAWN = _l("You have stopped sharing. They cannot see anything from now on.")
CODE_WORD_SAVED = _l("Your code word is saved.")
CODE_WORD_REMOVED = _l("Your code word has been removed.")


def _me():
    return current_user._get_current_object()


@bp.get("/")
def sharing():
    me = _me()
    return render_template(
        "victim/sharing/index.html",
        grants=support_grants.grants_of(me),
        history=support_grants.history(me),
        labels=support_grants.labels_by_grant(me),
        scopes=support_grants.SCOPES,
        actions=support_grants.ACTIONS,
    )


@bp.route("/invite", methods=["GET", "POST"])
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        email = form.email.data or None
        if email and support_grants.invitation_emails_left_today(_me()) == 0:
            form.email.errors.append(EMAIL_LIMIT_REACHED)
            return render_template("victim/sharing/invite.html", form=form)
        grant, code = support_grants.invite(
            _me(), form.label.data, form.kind.data, form.scope.data, email
        )
        # Rendered, not redirected: the code is shown once and stored only as a hash (and,
        # until the worker emails it, encrypted in the outbox). Shown even when emailed,
        # so the victim can still pass it on themselves.
        return render_template(
            "victim/sharing/invited.html",
            grant=grant,
            code=code,
            scopes=support_grants.SCOPES,
            emailed_to=email,
            email_ready=can_send_email(current_app.config["SETTINGS"]),
        )
    return render_template("victim/sharing/invite.html", form=form)


@bp.post("/<uuid:grant_id>/withdraw")
def withdraw(grant_id: uuid.UUID):
    me = _me()
    grant = support_grants.own_grant(me, grant_id)
    if grant is None:
        abort(404)
    support_grants.withdraw(me, grant)
    flash(WITHDRAWN)
    return redirect(url_for("victim_sharing.sharing"), code=303)


@bp.route("/code-word", methods=["GET", "POST"])
def code_word():
    me = _me()
    form = CodeWordForm()
    if form.validate_on_submit():
        _set_code_word(me, form.code_word.data.strip())
        flash(CODE_WORD_SAVED)
        return redirect(url_for("victim_sharing.code_word"), code=303)
    return render_template("victim/sharing/code_word.html", form=form, code_word=me.code_word)


@bp.post("/code-word/remove")
def remove_code_word():
    _set_code_word(_me(), None)
    flash(CODE_WORD_REMOVED)
    return redirect(url_for("victim_sharing.code_word"), code=303)


def _set_code_word(victim, word: str | None) -> None:
    victim.code_word = word or None
    # Whether one is set, never the word itself.
    audit.record("victim.code_word_changed", subject=victim, detail={"set": bool(word)})
    db.session.commit()
