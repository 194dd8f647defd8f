"""The supporter's pages: accept an invitation, sign in and out, read what is shared."""

from __future__ import annotations

import uuid

from flask import abort, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.auth import throttle
from portal.auth.codes import hash_code
from portal.auth.passwords import is_easy_to_guess
from portal.auth.sessions import leave_to, start_session
from portal.data import audit
from portal.data.audit import ANONYMOUS
from portal.data.models import utcnow
from portal.data.scoping import get_grant_or_404, get_shared_update_or_404
from portal.extensions import db, limiter
from portal.rules import belongings, support_grants
from portal.supporter import bp
from portal.supporter import shared_page as shared
from portal.supporter.forms import InvitationCodeForm, SupporterSignInForm
from portal.supporter.signing_in import authenticate
from portal.web.access import PUBLIC, only
from portal.web.safe_redirect import safe_next
from portal.web.sign_in_forms import (
    ADDRESS_LIMIT,
    GUESSABLE,
    TOO_MANY_TRIES,
    PassphraseForm,
    did_not_succeed,
    failed_tries_notice,
    succeeded,
)

PENDING = "supporter_invitation"
CODE_FAILED = _l(
    "That code does not work. Check it and try again. A code works once, for 7 days. "
    "If it still does not work, ask the person who invited you for a new one."
)
SIGN_IN_FAILED = _l(
    "The access ID or passphrase is not right. Check them and try again. "
    "If you have tried several times, wait 15 minutes before you try again."
)


def _me():
    return current_user._get_current_object()


def _signed_in_supporter():
    return _me() if current_user.is_authenticated and current_user.role == "supporter" else None


@bp.route("/accept", methods=["GET", "POST"])
@only(PUBLIC)
@limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=did_not_succeed)
def accept():
    form = InvitationCodeForm()
    if form.validate_on_submit():
        # A right code is never refused, whatever others behind the same address typed.
        grant = support_grants.find_invitation(form.code.data)
        if grant is not None:
            succeeded()
        if grant is None and support_grants.address_is_locked(request.remote_addr):
            form.code.errors.append(TOO_MANY_TRIES)
        elif grant is None:
            support_grants.record_failed_code(ANONYMOUS)
            form.code.errors.append(CODE_FAILED)
        elif (supporter := _signed_in_supporter()) is not None:
            support_grants.accept(grant, supporter)  # someone already supporting others
            return redirect(url_for("supporters.home"), code=303)
        else:
            session[PENDING] = {"grant": str(grant.id), "code": hash_code(form.code.data)}
            return redirect(url_for("supporters.choose_passphrase"), code=303)
    return render_template("supporter/accept.html", form=form)


@bp.route("/accept/passphrase", methods=["GET", "POST"])
@only(PUBLIC)
@limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=did_not_succeed)
def choose_passphrase():
    grant = _pending_grant()
    if grant is None:
        return redirect(url_for("supporters.accept"), code=303)
    form = PassphraseForm()
    if form.validate_on_submit():
        if is_easy_to_guess(form.passphrase.data):
            form.passphrase.errors.append(GUESSABLE)
        else:
            supporter = support_grants.new_supporter(form.passphrase.data)
            support_grants.accept(grant, supporter)
            succeeded()
            session.pop(PENDING, None)
            start_session(supporter)
            # Rendered, not redirected: the access ID is shown this once and stored nowhere.
            return render_template("supporter/accepted.html", access_id=supporter.access_id)
    return render_template("supporter/choose_passphrase.html", form=form)


def _pending_grant():
    pending = session.get(PENDING) or {}
    try:
        grant_id = uuid.UUID(pending.get("grant", ""))
    except ValueError:
        return None
    return support_grants.waiting_grant(grant_id, pending.get("code"))


@bp.route("/sign-in", methods=["GET", "POST"])
@only(PUBLIC)
@limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=did_not_succeed)
def sign_in():
    if _signed_in_supporter() is not None:
        return redirect(url_for("supporters.home"), code=303)
    form = SupporterSignInForm()
    if form.validate_on_submit():
        supporter = authenticate(form.access_id.data, form.passphrase.data)
        if supporter is not None:
            succeeded()
            start_session(supporter)
            audit.record("supporter.signed_in", subject=supporter, actor=supporter)
            db.session.commit()
            next_url = safe_next(request.args.get("next"), default="")
            return redirect(next_url or url_for("supporters.home"), code=303)
        form.access_id.errors.append(SIGN_IN_FAILED)
    return render_template("supporter/sign_in.html", form=form)


@bp.post("/sign-out")
@only(PUBLIC)
def sign_out():
    if _signed_in_supporter() is not None:
        audit.record("supporter.signed_out", subject=_me())
        db.session.commit()
    return leave_to(url_for("supporters.sign_in"), "sign_out")


@bp.get("/")
def home():
    me = _me()
    failed_tries = throttle.take_failures_to_tell(me)  # told once, then forgotten
    return render_template(
        "supporter/home.html",
        grants=shared.grants_for(me),
        failed_tries=failed_tries_notice(failed_tries) if failed_tries else None,
    )


@bp.get("/shared/<uuid:grant_id>")
def shared_with_me(grant_id: uuid.UUID):
    me = _me()
    grant = get_grant_or_404(me, grant_id)
    page = shared.page_for(me, grant)
    support_grants.record_view(me, grant)
    return render_template("supporter/shared.html", page=page, belongings_rules=belongings)


@bp.get("/updates/<uuid:update_id>")
def update(update_id: uuid.UUID):
    me = _me()
    found = get_shared_update_or_404(me, update_id)
    grant = shared.grant_for_update(me, found)
    support_grants.record_view(me, grant, found)
    return render_template(
        "supporter/update.html",
        view=shared.full_view(found),
        name=grant.victim.preferred_name,
        grant=grant,
    )


@bp.post("/stay-signed-in")
def stay_signed_in():
    record = g.get("auth_session")
    if record is None:
        abort(404)
    record.last_seen_at = utcnow()
    db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("supporters.home")), code=303)
