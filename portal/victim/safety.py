"""The victim's safety page: the conditions that protect her, in the officer's plain words,
and when they end; and "Report a breach or a worry", one tap, after "call 999" for danger now.

The report is an urgent action for her officer and the supervisor, due today
(portal.rules.safety). Nothing is sent to her: she is told on the page who will call and
when, so no message about it can reach a device someone else reads.
"""

from __future__ import annotations

import uuid

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from portal.data import victim_queries as queries
from portal.data.models import CaseStatus
from portal.data.scoping import get_case_or_404
from portal.rules import safety
from portal.victim import bp


def _me():
    return current_user._get_current_object()


@bp.get("/safety")
def safety_page():
    cases = queries.cases(_me())
    records = [(case, safety.current(case)) for case in cases]
    return render_template("victim/safety/page.html", records=records, several=len(cases) > 1)


@bp.post("/safety/report")
def report_worry():
    me = _me()
    case = _chosen_case(me, request.form.get("case"))
    if case is None:  # an edited form, or a report on no open case: say how to get help
        return render_template("victim/safety/no_case.html"), 400
    safety.report(me, case)
    return redirect(url_for("victim.safety_reported"), code=303)


@bp.get("/safety/reported")
def safety_reported():
    return render_template("victim/safety/reported.html", who_will_call=safety.WHO_WILL_CALL)


def _chosen_case(me, chosen: str | None):
    """The case she reports on: the one she chose, or her only open case. A report is about
    her safety now, so with several cases and none chosen it goes to the newest open one."""
    if chosen:
        try:
            return get_case_or_404(me, uuid.UUID(chosen))
        except ValueError:
            return None
    open_cases = [case for case in queries.cases(me) if case.status == CaseStatus.OPEN]
    return open_cases[-1] if open_cases else None
