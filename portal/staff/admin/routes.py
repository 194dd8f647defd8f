"""Admin pages: staff accounts and teams. No case content, ever."""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.auth import throttle
from portal.data.models import ServiceFeedback, StaffChange, StaffUser
from portal.extensions import db
from portal.staff import approvals
from portal.staff.admin import accounts, bp
from portal.staff.admin.forms import NewStaffForm, OfficerDetailsForm, RoleForm, TeamForm
from portal.staff.approvals_view import decide, describe


def _staff_or_404(user_id: uuid.UUID) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/")
def index():
    return render_template(
        "staff/admin/index.html",
        staff=accounts.all_staff(),
        teams=accounts.all_teams(),
        is_locked=throttle.must_wait,
        team_form=TeamForm(),
        waiting=approvals.waiting_for(current_user),
        asked=approvals.asked_by(current_user),
        describe=describe,
    )


@bp.route("/staff/new", methods=["GET", "POST"])
def new_staff():
    form = NewStaffForm()
    form.set_teams(accounts.all_teams())
    if form.validate_on_submit():
        if accounts.email_taken(form.email.data):
            form.email.errors.append(_("There is already an account with that email address"))
        else:
            team = accounts.get_team(form.team.data)
            user = accounts.create_staff(
                form.email.data, form.display_name.data, form.role.data, team, current_user
            )
            if user.awaiting_approval:
                flash(
                    _(
                        "Account created. It cannot be used until a second admin approves it. "
                        "The person has been emailed to say so."
                    )
                )
            else:
                flash(
                    _(
                        "Account created. The person has been emailed a one-time code to "
                        "choose their password. You do not see it."
                    )
                )
            return redirect(url_for("admin.staff_member", user_id=user.id), code=303)
    return render_template("staff/admin/new_staff.html", form=form)


@bp.get("/staff/<uuid:user_id>")
def staff_member(user_id: uuid.UUID):
    user = _staff_or_404(user_id)
    form = RoleForm(data={"role": user.staff_role, "team": str(user.team_id or "")})
    form.set_teams(accounts.all_teams())
    return _render_member(user, form)


# The page holds two forms: the details form's fields are prefixed so no id is repeated.
DETAILS = "details"


def _details_form(user: StaffUser) -> OfficerDetailsForm:
    return OfficerDetailsForm(
        formdata=None,
        prefix=DETAILS,
        data={
            "rank": user.rank or "",
            "collar_number": user.collar_number or "",
            "contact_phone": user.contact_phone or "",
            "contact_hours": user.contact_hours or "",
        },
    )


def _render_member(user: StaffUser, form: RoleForm, details_form=None, status: int = 200):
    return render_template(
        "staff/admin/staff_member.html",
        user=user,
        # `form` is the one whose errors the page summarises at the top.
        form=details_form if details_form is not None and details_form.errors else form,
        role_form=form,
        details_form=details_form or _details_form(user),
        locked=throttle.must_wait(user),
        pending=approvals.pending_for_target(user),
        describe=describe,
    ), status


def _role_form(user: StaffUser) -> RoleForm:
    form = RoleForm(formdata=None, data={"role": user.staff_role, "team": str(user.team_id or "")})
    form.set_teams(accounts.all_teams())
    return form


@bp.post("/staff/<uuid:user_id>/details")
def officer_details(user_id: uuid.UUID):
    user = _staff_or_404(user_id)
    details = OfficerDetailsForm(prefix=DETAILS)
    if not details.validate_on_submit():
        return _render_member(user, _role_form(user), details, status=400)
    changed = accounts.set_officer_details(
        user,
        details.rank.data,
        details.collar_number.data,
        details.contact_phone.data,
        details.contact_hours.data,
    )
    if changed:
        flash(_("Details saved. Victims see them beside the officer's name."))
    else:
        flash(_("Nothing changed."))
    return redirect(url_for("admin.staff_member", user_id=user.id), code=303)


@bp.post("/staff/<uuid:user_id>/role")
def change_role(user_id: uuid.UUID):
    user = _staff_or_404(user_id)
    form = RoleForm()
    form.set_teams(accounts.all_teams())
    if not form.validate_on_submit():
        return _render_member(user, form)
    try:
        waits = accounts.change_role(
            user, form.role.data, accounts.get_team(form.team.data), current_user
        )
    except accounts.AccountError:
        if user.awaiting_approval:
            form.role.errors.append(
                _("This account is waiting for approval: its role is set when it is approved")
            )
        else:
            form.role.errors.append(_("You cannot change your own role"))
        return _render_member(user, form)
    except approvals.ApprovalError:
        form.role.errors.append(_("A change of role for this account is already waiting"))
        return _render_member(user, form)
    if waits:
        flash(
            _(
                "The new role waits for a second person's approval. Until then nothing "
                "changes. The person has been emailed to say so."
            )
        )
    else:
        flash(_("Role and team saved."))
    return redirect(url_for("admin.staff_member", user_id=user.id), code=303)


@bp.post("/staff/<uuid:user_id>/<any('disable', 'enable', 'unlock', 'reset-totp'):action>")
def account_action(user_id: uuid.UUID, action: str):
    user = _staff_or_404(user_id)
    if action == "disable":
        if user.id == current_user.id:
            flash(_("You cannot disable your own account."))
        else:
            accounts.disable(user, current_user)
            flash(_("Account disabled. Every session it had has ended."))
    elif action == "enable":
        accounts.enable(user)
        flash(_("Account re-enabled."))
    elif action == "unlock":
        accounts.unlock(user)
        flash(_("Account unlocked."))
    else:
        try:
            accounts.request_totp_reset(user, current_user)
            flash(
                _(
                    "Removing their authenticator waits for a second person's approval. "
                    "The person has been emailed to say so."
                )
            )
        except approvals.ApprovalError:
            flash(_("Removing their authenticator is already waiting for approval."))
    return redirect(url_for("admin.staff_member", user_id=user.id), code=303)


@bp.post("/staff/<uuid:user_id>/reset-password")
def reset_password(user_id: uuid.UUID):
    user = _staff_or_404(user_id)
    try:
        accounts.send_password_reset(user)
    except accounts.AccountError:
        flash(_("This account is waiting for approval: it gets a code once approved."))
    else:
        flash(
            _(
                "A one-time code has been sent to their work email. You do not see it. "
                "It works once, for 24 hours."
            )
        )
    return redirect(url_for("admin.staff_member", user_id=user.id), code=303)


@bp.post("/changes/<uuid:change_id>/<any('approve', 'refuse'):decision>")
def decide_change(change_id: uuid.UUID, decision: str):
    change = db.session.get(StaffChange, change_id)
    if change is None:
        abort(404)
    decide(change, decision)
    return redirect(url_for("admin.index"), code=303)


@bp.post("/teams")
def create_team():
    form = TeamForm()
    if form.validate_on_submit():
        try:
            accounts.create_team(form.name.data)
            flash(_("Team added."))
        except accounts.AccountError:
            flash(_("A team with that name already exists."))
    else:
        flash(_("Enter a team name."))
    return redirect(url_for("admin.index"), code=303)


# The newest answers are the ones an admin acts on; older ones stay in the database.
FEEDBACK_SHOWN = 200


@bp.get("/feedback")
def service_feedback():
    """What people said about the service through the phase banner. It holds no case data
    and nothing that says who sent it, which is why an admin may read it."""
    answers = db.session.scalars(
        select(ServiceFeedback)
        .order_by(ServiceFeedback.created_at.desc(), ServiceFeedback.id)
        .limit(FEEDBACK_SHOWN)
    ).all()
    return render_template("staff/admin/service_feedback.html", answers=answers)
