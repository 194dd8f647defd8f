"""Staff sign-in: email and password, then a TOTP code; enrolment; reset links; sign-out."""

from __future__ import annotations

import segno
from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.sessions import leave_to, start_session
from portal.data import audit
from portal.extensions import db, limiter
from portal.staff.auth import bp, oidc_client, signing_in, sso_views
from portal.staff.auth.forms import CodeForm, NewPasswordForm, SignInForm
from portal.staff.auth.passwords import complete_reset, password_problem, user_for_code
from portal.staff.auth.signing_in import Outcome, home_for
from portal.web.safe_redirect import safe_next

POST_LIMIT = "20 per minute"


def locked_message() -> str:
    return _(
        "There have been too many wrong tries. Wait 15 minutes, then try again. "
        "An admin can let you try sooner."
    )


def wrong_message() -> str:
    # The same words for an unknown email, a wrong password and an account that must wait
    # before its next try: the page never says which.
    return _(
        "Enter a correct email address and password. "
        "If you have tried several times, wait 15 minutes before you try again."
    )


def _local_sign_in_only() -> None:
    """A force that signs staff in only through its identity provider switches the
    password and TOTP pages off (PORTAL_STAFF_LOCAL_SIGN_IN=0): they answer 404."""
    if not current_app.config["SETTINGS"].staff_local_sign_in:
        abort(404)


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def sign_in():
    form = SignInForm()
    if request.method == "POST":
        _local_sign_in_only()
    if form.validate_on_submit():
        outcome, user = signing_in.check_password(form.email.data, form.password.data)
        if outcome is not Outcome.OK:
            form.password.errors.append(wrong_message())
        else:
            signing_in.remember_pending(user)
            target = "staff_auth.enter_code" if user.totp_enrolled_at else "staff_auth.enrol"
            return redirect(url_for(target, next=request.args.get("next")), code=303)
    return render_template("staff/auth/sign_in.html", form=form)


# Single sign-on through the force's identity provider (portal/staff/auth/sso_views.py).
bp.add_url_rule("/sign-in/force", view_func=limiter.limit(POST_LIMIT)(sso_views.force_sign_in))
bp.add_url_rule(
    "/sign-in/force/return", view_func=limiter.limit(POST_LIMIT)(sso_views.force_return)
)


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def enter_code():
    _local_sign_in_only()
    user = signing_in.pending_user()
    if user is None or user.totp_enrolled_at is None:
        return redirect(url_for("staff_auth.sign_in"), code=303)
    form = CodeForm()
    if form.validate_on_submit():
        outcome = signing_in.check_code(user, form.code.data)
        if outcome is Outcome.OK:
            return _finish_sign_in(user)
        form.code.errors.append(_code_error(outcome))
    return render_template("staff/auth/code.html", form=form)


@bp.route("/enrol", methods=["GET", "POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def enrol():
    _local_sign_in_only()
    user = signing_in.pending_user()
    if user is None or user.totp_enrolled_at is not None:
        return redirect(url_for("staff_auth.sign_in"), code=303)
    secret = signing_in.new_totp_secret(user)
    form = CodeForm()
    if form.validate_on_submit():
        outcome = signing_in.check_code(user, form.code.data)
        if outcome is Outcome.OK:
            signing_in.complete_enrolment(user)
            return _finish_sign_in(user)
        form.code.errors.append(_code_error(outcome))
    uri = signing_in.provisioning_uri(user, issuer=_("Beacon staff"))
    qr = segno.make(uri, error="m").png_data_uri(scale=5, border=2)
    return render_template("staff/auth/enrol.html", form=form, qr=qr, secret=secret)


def _code_error(outcome: Outcome) -> str:
    if outcome is Outcome.LOCKED:
        return locked_message()
    if outcome is Outcome.REPLAY:
        return _("That code has already been used. Wait for the next code and enter that one")
    return _("Enter the 6-digit code your authenticator app shows now")


def _finish_sign_in(user):
    signing_in.record_sign_in(user, method="password")
    next_url = request.args.get("next")
    start_session(user)  # clears the half-signed-in state and commits the audit event
    return redirect(safe_next(next_url, default=home_for(user)), code=303)


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def choose_password():
    # The one-time code is typed into this form and travels in the POST body only: never
    # in a URL, so never in an access log, a Referer header or a browser's history.
    _local_sign_in_only()
    form = NewPasswordForm()
    if form.validate_on_submit():
        user = user_for_code(form.reset_code.data)
        if user is None:
            audit.record("staff.password_code_refused")
            db.session.commit()
            form.reset_code.errors.append(
                _(
                    "Enter the code from your email exactly. It works once, for 24 hours: "
                    "if it is older, ask an admin to send a new one"
                )
            )
            return render_template("staff/auth/choose_password.html", form=form)
        problem = password_problem(form.password.data, user)
        if problem:
            form.password.errors.append(problem)
        elif (
            user.totp_enrolled_at
            and signing_in.check_code(user, form.code.data or "") is not Outcome.OK
        ):
            # A code alone must not be enough to take over an enrolled account.
            form.code.errors.append(_("Enter the 6-digit code your authenticator app shows now"))
        else:
            complete_reset(user, form.password.data)
            return redirect(url_for("staff_auth.sign_in", changed="1"), code=303)
    return render_template("staff/auth/choose_password.html", form=form)


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated and current_user.kind == "staff":
        audit.record("staff.signed_out")
        db.session.commit()
    # Signed in through the force's provider: end its session too, where it can be ended
    # (its end_session_endpoint), after ending ours.
    signed_out = url_for("staff_auth.sign_in", signed_out="1")
    base_url = current_app.config["SETTINGS"].base_url.rstrip("/")
    next_stop = oidc_client.logout_url(base_url + signed_out) or signed_out
    return leave_to(next_stop, "sign_out")
