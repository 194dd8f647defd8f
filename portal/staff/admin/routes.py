"""Admin pages: staff accounts and teams. No case content, ever."""

from __future__ import annotations

import uuid

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth import throttle
from portal.data.models import StaffUser
from portal.extensions import db
from portal.staff.admin import accounts, bp
from portal.staff.admin.forms import NewStaffForm, RoleForm, TeamForm


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
            user, token = accounts.create_staff(
                form.email.data, form.display_name.data, form.role.data, team
            )
            return _show_link(user, token, created=True)
    return render_template("staff/admin/new_staff.html", form=form)


@bp.get("/staff/<uuid:user_id>")
def staff_member(user_id: uuid.UUID):
    user = _staff_or_404(user_id)
    form = RoleForm(data={"role": user.staff_role, "team": str(user.team_id or "")})
    form.set_teams(accounts.all_teams())
    return _render_member(user, form)


def _render_member(user: StaffUser, form: RoleForm):
    return render_template(
        "staff/admin/staff_member.html", user=user, form=form, locked=throttle.must_wait(user)
    )


@bp.post("/staff/<uuid:user_id>/role")
def change_role(user_id: uuid.UUID):
    user = _staff_or_404(user_id)
    form = RoleForm()
    form.set_teams(accounts.all_teams())
    if not form.validate_on_submit():
        return _render_member(user, form)
    try:
        accounts.change_role(user, form.role.data, accounts.get_team(form.team.data), current_user)
    except accounts.AccountError:
        form.role.errors.append(_("You cannot change your own role"))
        return _render_member(user, form)
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
        accounts.reset_totp(user)
        flash(_("Authenticator removed. They will set up a new one at their next sign-in."))
    return redirect(url_for("admin.staff_member", user_id=user.id), code=303)


@bp.post("/staff/<uuid:user_id>/reset-password")
def reset_password(user_id: uuid.UUID):
    user = _staff_or_404(user_id)
    return _show_link(user, accounts.begin_password_reset(user), created=False)


def _show_link(user: StaffUser, token: str, created: bool):
    # Shown once, in the response to the POST: it cannot be fetched again later.
    base = current_app.config["SETTINGS"].base_url.rstrip("/")
    link = base + url_for("staff_auth.choose_password", token=token)
    return render_template("staff/admin/reset_link.html", user=user, link=link, created=created)


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
