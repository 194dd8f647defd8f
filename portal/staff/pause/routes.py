"""The officer marks the victim's request to pause or step back as read.

The request itself is shown on the case page (templates/staff/pause/_case.html) and
flagged in the caseload; the rules are `portal.rules.pauses`.
"""

from __future__ import annotations

import uuid

from flask import redirect, url_for
from flask_login import current_user

from portal.data.models import utcnow
from portal.data.scoping import get_case_or_404
from portal.rules import pauses
from portal.staff.pause import bp


@bp.post("/<uuid:case_id>/seen")
def pause_seen(case_id: uuid.UUID):
    case = get_case_or_404(current_user, case_id)
    pauses.mark_seen(case, current_user._get_current_object(), utcnow())
    return redirect(url_for("staff.case_page", case_id=case.id, _anchor="pause-request"), code=303)
