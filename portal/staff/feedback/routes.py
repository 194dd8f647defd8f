"""The supervisor's feedback figures, and the clarity answers on an officer's case page."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from portal.data.models import utcnow
from portal.rules.feedback import CHECK_QUESTIONS
from portal.rules.feedback_figures import team_figures
from portal.staff.feedback import bp


@bp.get("/")
def figures():
    return render_template(
        "staff/feedback/figures.html",
        periods=team_figures(current_user, utcnow()),
        questions=CHECK_QUESTIONS,
    )
