"""Staff sign-in through the force's identity provider (OpenID Connect), and its refusals.

The button on the sign-in page starts it; the provider sends the person back to
`/staff/sign-in/force/return`. Every sign-in and every refusal is audited with a reason,
never with a claim's value. portal/staff/auth/routes.py gives both views their addresses
and the password form's rate limit.
"""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.auth.sessions import start_session
from portal.staff.auth import oidc_client, single_sign_on
from portal.staff.auth.forms import SignInForm
from portal.staff.auth.signing_in import home_for, record_sign_in
from portal.staff.auth.single_sign_on import Refusal


def _settings():
    return current_app.config["SETTINGS"]


def return_address() -> str:
    # Built from the configured address, never from the request's Host header: the
    # provider only accepts the address registered with it.
    return _settings().base_url.rstrip("/") + url_for("staff_auth.force_return")


def refusal_message(refusal: str) -> str:
    if refusal == Refusal.NO_MFA:
        return _(
            "Your force account must confirm a second step, such as a code from an app, "
            "before you can use Beacon. Sign in again and complete that step. If you are "
            "not asked for one, contact your IT service desk."
        )
    if refusal in (Refusal.UNKNOWN_PERSON, Refusal.NO_VERIFIED_EMAIL, Refusal.LINKED_ELSEWHERE):
        return _(
            "Your force account is not linked to a Beacon staff account. Ask an admin in "
            "your force to add you with the same email address."
        )
    if refusal in (
        Refusal.ROLE_CLAIM_MISSING,
        Refusal.ROLE_RAISED,
        Refusal.ROLE_NARROWED,
        Refusal.TEAM_DIFFERS,
    ):
        return _(
            "Your role or team in your force account does not match your Beacon account. "
            "Ask an admin in your force to check both."
        )
    return _(
        "We could not sign you in with your force account. Try again. If this happens "
        "again, contact your IT service desk."
    )


def _refuse(user, reason: str):
    single_sign_on.record_refusal(user, reason)
    form = SignInForm()
    return (
        render_template("staff/auth/sign_in.html", form=form, sso_problem=refusal_message(reason)),
        403,
    )


def force_sign_in():
    if not _settings().oidc_enabled:
        abort(404)
    try:
        return oidc_client.redirect_to_provider(return_address())
    except oidc_client.Refused as refused:
        return _refuse(None, refused.reason)


def force_return():
    settings = _settings()
    if not settings.oidc_enabled:
        abort(404)
    try:
        claims = oidc_client.finish()
    except oidc_client.Refused as refused:
        return _refuse(None, refused.reason)
    user, refusal = single_sign_on.check(claims, settings)
    if refusal is not None:
        return _refuse(user, refusal)
    single_sign_on.link(user, claims, settings.oidc_issuer)
    record_sign_in(user, method="single_sign_on")
    start_session(user)  # a new session; commits the link and the audit event
    oidc_client.remember_signed_in_here()
    return redirect(home_for(user), code=303)
