from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_login import current_user

from portal.auth.sessions import leave_to
from portal.extensions import db
from portal.public import bp
from portal.rules.languages import is_known
from portal.rules.victims_code import RIGHTS
from portal.web.i18n import LANGUAGE_COOKIE
from portal.web.safe_redirect import safe_next


@bp.get("/")
def start():
    return render_template("public/start.html")


@bp.get("/rights")
def rights():
    """The twelve rights for anyone, with no account: support workers share this link."""
    return render_template("public/rights.html", rights=RIGHTS)


@bp.post("/language")
def switch_language():
    """Set the language cookie (and a signed-in victim's saved preference), then go back."""
    code = request.form.get("lang", "")
    target = safe_next(request.form.get("next"), default=url_for("public.start"))
    response = redirect(target, code=303)
    if not is_known(code):
        return response
    if current_user.is_authenticated and hasattr(current_user, "language"):
        current_user.language = code
        db.session.commit()
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=60 * 60 * 24 * 365,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


@bp.get("/exit")
def exit_now():
    """Leave at once for a neutral site, ending the session and clearing the browser.

    A GET on purpose: "Exit this page" must work as a plain link, with JavaScript off,
    in one tap. The worst a forged request can do is sign someone out.
    """
    return leave_to(current_app.config["SETTINGS"].exit_url, "exit")


# The platform's endpoints (/healthz, /readyz, /metrics) sit on this blueprint too, in a
# module of their own; importing them here keeps the package's one import of its routes.
from portal.public import operations  # noqa: E402, F401
