from __future__ import annotations

from flask import current_app, jsonify, redirect, render_template, request, url_for
from sqlalchemy import text

from portal.auth.sessions import leave_to
from portal.extensions import db
from portal.public import bp
from portal.rules.languages import is_known
from portal.rules.victims_code import RIGHTS
from portal.web.headers import allow_public_caching
from portal.web.i18n import remember_page_language
from portal.web.safe_redirect import safe_next


@bp.get("/")
def start():
    allow_public_caching()
    return render_template("public/start.html")


@bp.get("/rights")
def rights():
    """The twelve rights for anyone, with no account: support workers share this link."""
    allow_public_caching()
    return render_template("public/rights.html", rights=RIGHTS)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        current_app.logger.exception("health check: database unreachable")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/language/<code>")
def switch_language(code: str):
    """Set the language of the pages (a cookie), then go back to the same page.

    It never changes a signed-in victim's saved language, which decides the language of
    her notifications and what her officer sees: she changes that on her choices page.
    A GET, because all it changes is how pages read, as a link must work with no form.
    """
    target = safe_next(request.args.get("next"), default=url_for("public.start"))
    response = redirect(target, code=303)
    if is_known(code):
        remember_page_language(response, code)
    return response


@bp.get("/exit")
def exit_now():
    """Leave at once for a neutral site, ending the session and clearing the browser.

    A GET on purpose: "Exit this page" must work as a plain link, with JavaScript off,
    in one tap. The worst a forged request can do is sign someone out.
    """
    return leave_to(current_app.config["SETTINGS"].exit_url, "exit")
