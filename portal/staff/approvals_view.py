"""What the admin pages and the supervisor's dashboard share about changes that wait for a
second person: the words for a change, and approving or refusing one from a button."""

from __future__ import annotations

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user

from portal.data.models import ChangeKind, StaffChange, StaffRole
from portal.staff import approvals


def describe(change: StaffChange) -> str:
    """The change in a sentence, naming the person, the role and the team: never a case."""
    name = change.target.display_name
    team = change.new_team.name if change.new_team else ""
    if change.kind == ChangeKind.TOTP_RESET:
        return _("Remove the authenticator app of %(name)s", name=name)
    if change.kind == ChangeKind.NEW_PRIVILEGED_ACCOUNT:
        if change.new_role == StaffRole.ADMIN:
            return _("A new admin account for %(name)s", name=name)
        return _("A new supervisor account for %(name)s, in %(team)s", name=name, team=team)
    if change.new_role == StaffRole.ADMIN:
        return _("Make %(name)s an admin", name=name)
    if change.new_role == StaffRole.OFFICER:
        return _("Move %(name)s to %(team)s, as an officer", name=name, team=team)
    return _("Make %(name)s a supervisor of %(team)s", name=name, team=team)


_REFUSALS = {
    "own_request": lambda: _("You cannot approve or refuse a change you asked for."),
    "own_account": lambda: _("You cannot approve or refuse a change to your own account."),
    "already_decided": lambda: _("That change has already been approved or refused."),
    "expired": lambda: _("That change expired: it was not approved within 7 days."),
}


def decide(change: StaffChange, decision: str) -> None:
    """Approve or refuse `change` as the current user, and flash what happened. Someone who
    may never decide it (a supervisor of another team, say) gets a 404, as if it did not
    exist."""
    try:
        if decision == "approve":
            approvals.approve(change, current_user)
            flash(_("Approved. The change is made, and the person has been emailed."))
        else:
            approvals.refuse(change, current_user)
            flash(_("Refused. Nothing has changed, and the person has been emailed."))
    except approvals.ApprovalError as error:
        message = _REFUSALS.get(error.code)
        if message is None:
            abort(404)
        flash(message())
