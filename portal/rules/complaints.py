"""Asking to complain (Victims' Code, Right 12): the request and its passing on.

The portal does not run the complaint itself: the force's complaints process does. The
portal records that the victim wants to complain, so that a supervisor passes it on and
the victim can see that it was.
"""

from __future__ import annotations

from datetime import datetime

from portal.data import audit
from portal.data.models import Case, ComplaintRequest
from portal.extensions import db

COMPLAINT_MAX_LENGTH = 2000


def request_complaint(victim, case: Case, body: str | None, now: datetime) -> ComplaintRequest:
    complaint = ComplaintRequest(case_id=case.id, created_at=now)
    complaint.ensure_id()
    complaint.body = (body or "").strip() or None
    db.session.add(complaint)
    audit.record("complaint.requested", case_id=case.id, subject=complaint, actor=victim)
    db.session.commit()
    return complaint


def pass_on(complaint: ComplaintRequest, supervisor, now: datetime) -> None:
    if complaint.passed_on_at is None:
        complaint.passed_on_at = now
        complaint.passed_on_by_id = supervisor.id
        audit.record("complaint.passed_on", case_id=complaint.case_id, subject=complaint)
        db.session.commit()
