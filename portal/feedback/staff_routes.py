"""The supervisor's feedback figures, and the clarity answers on an officer's case page."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from portal.feedback import staff_bp
from portal.feedback.answers import CHECK_QUESTIONS
from portal.feedback.figures import team_figures
from portal.models import utcnow


@staff_bp.get("/")
def figures():
    return render_template(
        "feedback/figures.html",
        periods=team_figures(current_user, utcnow()),
        questions=CHECK_QUESTIONS,
    )
