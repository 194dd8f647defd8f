"""The pages a public service must have: the accessibility statement, the privacy notice
and the cookies page. They hold nothing personal, so any cache may keep them."""

from __future__ import annotations

from datetime import date

from flask import current_app, render_template

from portal.public import bp
from portal.web.cookies import cookies_in_use
from portal.web.headers import allow_public_caching

# When the accessibility statement was last reviewed against the portal as it is.
STATEMENT_PREPARED = date(2026, 12, 4)


@bp.get("/accessibility")
def accessibility():
    allow_public_caching()
    return render_template("public/about/accessibility.html", prepared=STATEMENT_PREPARED)


@bp.get("/privacy")
def privacy():
    allow_public_caching()
    retention_days = current_app.config["SETTINGS"].retention_days
    return render_template("public/about/privacy.html", retention_days=retention_days)


@bp.get("/cookies")
def cookies():
    allow_public_caching()
    return render_template("public/about/cookies.html", cookies=cookies_in_use())
