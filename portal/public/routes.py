from __future__ import annotations

from datetime import date

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.auth.sessions import leave_to
from portal.extensions import limiter
from portal.public import bp
from portal.public.feedback import FEEDBACK_LIMIT, ServiceFeedbackForm, store
from portal.rules.languages import is_known
from portal.rules.victims_code import RIGHTS
from portal.web.cookies import cookies_in_use
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


# When the accessibility statement was last reviewed against the portal as it is.
STATEMENT_PREPARED = date(2026, 12, 4)


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement (the pages a public service must have hold nothing
    personal, so any cache may keep them)."""
    allow_public_caching()
    return render_template("public/accessibility.html", prepared=STATEMENT_PREPARED)


@bp.get("/privacy")
def privacy():
    allow_public_caching()
    retention_days = current_app.config["SETTINGS"].retention_days
    return render_template("public/privacy.html", retention_days=retention_days)


@bp.get("/cookies")
def cookies():
    allow_public_caching()
    return render_template("public/cookies.html", cookies=cookies_in_use())


@bp.route("/feedback", methods=["GET", "POST"])
@limiter.limit(FEEDBACK_LIMIT, methods=["POST"])
def feedback():
    """Feedback from the phase banner's link: no account, nothing that identifies, and
    limited per address so that the form cannot flood the admins' list."""
    form = ServiceFeedbackForm()
    if form.validate_on_submit():
        if not form.is_empty():
            store(form)
            return redirect(url_for("public.feedback_sent"), code=303)
        form.trying_to.errors.append(_("Write what you were trying to do, or choose an answer"))
    return render_template("public/feedback.html", form=form)


@bp.get("/feedback/sent")
def feedback_sent():
    return render_template("public/feedback_sent.html")


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


# The platform's endpoints (/healthz, /readyz, /metrics) sit on this blueprint too, in a
# module of their own; importing them here keeps the package's one import of its routes.
from portal.public import operations  # noqa: E402, F401
