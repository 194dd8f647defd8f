"""Who may reach which view, declared once per blueprint and checked for every request.

    bp = Blueprint("victim", __name__)
    allow(bp, "victim")                 # the default for every view in the blueprint

    @bp.get("/questions/<uuid:id>")
    @only("supervisor")                  # a narrower rule for one view

A view whose blueprint declares nothing and that carries no rule is refused (fail
closed), and a test walks the URL map so that such a view never ships.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, abort, current_app, redirect, request, url_for
from flask_login import current_user

from portal.web.errors import record_refusal

PUBLIC = "public"
VICTIM_ROLES = frozenset({"victim", "supporter"})
STAFF_ROLES = frozenset({"officer", "supervisor", "admin"})
ALL_ROLES = VICTIM_ROLES | STAFF_ROLES

log = logging.getLogger(__name__)
_BLUEPRINT_RULES: dict[str, frozenset[str]] = {}


def allow(blueprint: Blueprint, *roles: str) -> None:
    """Declare who may reach every view of `blueprint` (PUBLIC for anyone)."""
    unknown = set(roles) - ALL_ROLES - {PUBLIC}
    if unknown:
        raise ValueError(f"unknown roles {unknown}")
    _BLUEPRINT_RULES[blueprint.name] = frozenset(roles)


def only(*roles: str) -> Callable:
    """Narrow (or widen) the rule for one view."""

    def mark(view: Callable) -> Callable:
        view.access_roles = frozenset(roles)
        return view

    return mark


def roles_for(endpoint: str) -> frozenset[str] | None:
    view = current_app.view_functions.get(endpoint)
    if view is None:
        return None
    declared = getattr(view, "access_roles", None)
    if declared is not None:
        return declared
    if endpoint == "static":
        return frozenset({PUBLIC})
    blueprint = endpoint.rpartition(".")[0]
    return _BLUEPRINT_RULES.get(blueprint)


def enforce_access():
    """`before_request`: refuse anyone the view's declaration does not name."""
    if request.endpoint is None:
        return None  # no such route: Flask answers 404 itself
    allowed = roles_for(request.endpoint)
    if allowed is None:
        log.error("view %s declares no access rule; refusing", request.endpoint)
        abort(404)
    if PUBLIC in allowed:
        return None
    if not current_user.is_authenticated:
        return redirect(sign_in_url_for(allowed))
    if current_user.role not in allowed:
        # The same answer as for something that does not exist: reveal nothing.
        record_refusal("role")
        abort(404)
    return None


def sign_in_url_for(allowed: frozenset[str]) -> str:
    next_path = request.full_path if request.method == "GET" else None
    endpoint = "victim_auth.sign_in" if allowed & VICTIM_ROLES else "staff_auth.sign_in"
    if next_path and next_path.endswith("?"):
        next_path = next_path[:-1]
    return url_for(endpoint, next=next_path)
