"""A NUL typed into a form or a query string never reaches the database (PostgreSQL
refuses one in text, which would be a server error): it is removed as the request is
read, and everything else typed is kept (portal/web/requests.py)."""

from __future__ import annotations

from flask import request


def test_a_nul_is_removed_from_form_values_and_the_rest_kept(app):
    with app.test_request_context(
        "/any?page=2\x00&q=a\x00b",
        method="POST",
        data={"name": "Team\x00 North", "x": ["1", "\x00"]},
    ):
        assert request.form["name"] == "Team North"
        assert request.form.getlist("x") == ["1", ""]
        assert request.args["page"] == "2"
        assert request.args["q"] == "ab"


def test_a_team_name_of_only_a_nul_is_asked_for_again(client, app_context):
    from tests import factories
    from tests.sign_in import sign_in_staff

    admin = factories.make_staff(role="admin")
    sign_in_staff(client, admin)
    response = client.post("/admin/teams", {"name": "\x00"}, from_url="/admin/")
    assert response.status_code in (200, 303, 400)
