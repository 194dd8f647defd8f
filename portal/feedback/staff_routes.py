"""The supervisor's feedback figures, and the clarity answers on an officer's case page."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.feedback import staff_bp
from portal.feedback.answers import CHECK_QUESTIONS
from portal.feedback.figures import team_figures
from portal.models import UpdateFeedback, utcnow


@staff_bp.get("/")
def figures():
    return render_template(
        "feedback/figures.html",
        periods=team_figures(current_user, utcnow()),
        questions=CHECK_QUESTIONS,
    )


@staff_bp.app_template_global("clarity_answers")
def clarity_answers(case, updates) -> dict:
    """Clarity answers by update id, for the staff case page (already scoped to the case).

    The comment is for the officer of the case only: anyone else gets the answer without it.
    """
    ids = [update.id for update in updates]
    rows = db.session.scalars(
        select(UpdateFeedback)
        .where(UpdateFeedback.case_id == case.id, UpdateFeedback.update_id.in_(ids))
        .order_by(UpdateFeedback.id)
    )
    is_officer = getattr(current_user, "id", None) == case.officer_id
    return {
        row.update_id: {"answer": row.answer, "comment": row.comment if is_officer else None}
        for row in rows
    }
