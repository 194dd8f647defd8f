"""Activation, sign-in and sign-out for victims. Views stay thin: the rules live in
`activation.py` and `signing_in.py`."""

from __future__ import annotations

import uuid

from flask import g, make_response, redirect, render_template, request, session, url_for
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.auth.codes import hash_code
from portal.auth.sessions import leave_to, start_session
from portal.data import audit
from portal.extensions import db, limiter
from portal.rules.languages import is_known
from portal.victim.auth import activation, bp
from portal.victim.auth.forms import ActivationCodeForm, SignInForm
from portal.victim.auth.signing_in import authenticate
from portal.web.i18n import remember_page_language
from portal.web.safe_redirect import safe_next
from portal.web.sign_in_forms import (
    ADDRESS_LIMIT,
    GUESSABLE,
    TOO_MANY_TRIES,
    PassphraseForm,
    did_not_succeed,
    succeeded,
)

PENDING = "activation_pending"
TIMED_OUT = "timed_out"

SIGN_IN_FAILED = _l(
    "The access ID or passphrase is not right. Check them and try again. "
    "If you have tried several times, wait 15 minutes before you try again."
)
CODE_FAILED = _l(
    "That code does not work. Check it and try again. A code works once, for 7 days. "
    "If it still does not work, ask your officer for a new one."
)


@bp.route("/activate", methods=["GET", "POST"])
@limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=did_not_succeed)
def activate():
    form = ActivationCodeForm()
    if form.validate_on_submit():
        # A right code is never refused, whatever others behind the same address typed.
        if (victim := activation.find_invitation(form.code.data)) is not None:
            succeeded()
            session[PENDING] = {"victim": str(victim.id), "code": hash_code(form.code.data)}
            return redirect(url_for("victim_auth.about"), code=303)
        if activation.address_is_locked(request.remote_addr):
            form.code.errors.append(TOO_MANY_TRIES)
        else:
            activation.record_failed_code()
            form.code.errors.append(CODE_FAILED)
    return render_template("victim/auth/activate_code.html", form=form)


@bp.get("/activate/about")
def about():
    if _pending_victim() is None:
        return redirect(url_for("victim_auth.activate"), code=303)
    return render_template("victim/auth/activate_about.html")


@bp.route("/activate/passphrase", methods=["GET", "POST"])
@limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=did_not_succeed)
def choose_passphrase():
    victim = _pending_victim()
    if victim is None:
        return redirect(url_for("victim_auth.activate"), code=303)
    form = PassphraseForm()
    if form.validate_on_submit():
        if activation.passphrase_is_guessable(victim, form.passphrase.data):
            form.passphrase.errors.append(GUESSABLE)
        else:
            again = victim.activated_at is not None
            # The language she read these pages in is hers from now on, whatever the
            # officer entered: it is kept for every page and every message after this.
            language = str(get_locale())
            access_id = activation.complete_activation(victim, form.passphrase.data, language)
            succeeded()
            session.pop(PENDING, None)
            if not again:
                start_session(victim)
            # Setting up again signs no one in: the account's sharing, code word and
            # choices are shown only after signing in with the new access ID and passphrase.
            # Rendered here, not after a redirect: the ID is never stored in a cookie and
            # cannot be shown a second time.
            response = make_response(
                render_template("victim/auth/activated.html", access_id=access_id, again=again)
            )
            remember_page_language(response, language)
            return response
    return render_template("victim/auth/activate_passphrase.html", form=form)


def _pending_victim():
    pending = session.get(PENDING) or {}
    try:
        victim_id = uuid.UUID(pending.get("victim", ""))
    except ValueError:
        return None
    return activation.still_waiting(victim_id, pending.get("code"))


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=did_not_succeed)
def sign_in():
    signed_in = current_user.is_authenticated  # loads the session, so a timeout is known now
    timed_out = bool(g.get("session_timed_out")) or session.pop(TIMED_OUT, False)
    g.timeout_shown = True
    next_url = safe_next(request.args.get("next"), default="") or None
    if signed_in and current_user.role == "victim":
        return redirect(next_url or url_for("victim.home"), code=303)
    form = SignInForm()
    if form.validate_on_submit():
        victim = authenticate(form.identifier.data, form.passphrase.data)
        if victim is not None:
            succeeded()
            start_session(victim)
            audit.record("victim.signed_in", subject=victim, actor=victim)
            db.session.commit()
            return redirect(next_url or url_for("victim.home"), code=303)
        form.identifier.errors.append(SIGN_IN_FAILED)
    return render_template(
        "victim/auth/sign_in.html", form=form, timed_out=timed_out, next_url=next_url
    )


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated and current_user.role == "victim":
        audit.record("victim.signed_out", subject=current_user._get_current_object())
        db.session.commit()
    # Signing out forgets the saved language and Clear-Site-Data clears the language
    # cookie, so the language the person was reading in travels in the address instead.
    reading_in = str(get_locale())
    return leave_to(url_for("victim_auth.signed_out", lang=reading_in), "sign_out")


@bp.get("/signed-out")
def signed_out():
    asked_for = request.args.get("lang")
    with force_locale(asked_for if is_known(asked_for) else str(get_locale())):
        return render_template("victim/auth/signed_out.html")


@bp.get("/forgotten-passphrase")
def forgotten_passphrase():
    return render_template("victim/auth/forgotten.html")


@bp.after_app_request
def remember_timeout(response):
    """Carry "you were signed out" to the sign-in page the person is sent to next."""
    if (
        g.get("session_timed_out")
        and not g.get("timeout_shown")
        and request.endpoint != "public.exit_now"
    ):
        session[TIMED_OUT] = True
    return response
