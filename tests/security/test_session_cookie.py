"""What the signed session cookie carries: "<kind>.<token>", so that loading the session
joins only that kind's table (portal.auth.sessions). The kind is only a hint: the session
row must say the same kind and the token must match, or nobody is signed in."""

from __future__ import annotations

from tests import factories
from tests.sessions import new_session_token as _session_for
from tests.sign_in import sign_in


def _cookie(app, user_id: str) -> str:
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.dumps({"_user_id": user_id, "_fresh": True})


def _home_with(client, user_id: str):
    app = client.app
    client.http.set_cookie(app.config["SESSION_COOKIE_NAME"], _cookie(app, user_id))
    return client.get("/my/")


def test_signing_in_keeps_the_kind_in_the_cookie(client, app_context):
    victim = factories.make_victim()
    sign_in(client, victim)
    cookie = client.http.get_cookie(client.app.config["SESSION_COOKIE_NAME"])
    serializer = client.app.session_interface.get_signing_serializer(client.app)
    kind, _, token = serializer.loads(cookie.value)["_user_id"].partition(".")
    assert kind == "victim"
    assert len(token) >= 32
    assert client.get("/my/").status_code == 200


def test_a_victims_token_under_another_kind_signs_nobody_in(client, app_context):
    factories.make_case()  # another victim, with a case, in the same database
    victim = factories.make_victim()
    token = _session_for(victim)
    for kind in ("staff", "supporter"):
        response = _home_with(client, f"{kind}.{token}")
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in")


def test_a_cookie_from_before_the_kind_was_kept_still_works(client, app_context):
    victim = factories.make_victim()
    assert _home_with(client, _session_for(victim)).status_code == 200


def test_an_unknown_kind_is_only_a_bad_token(client, app_context):
    victim = factories.make_victim()
    token = _session_for(victim)
    response = _home_with(client, f"admin.{token}")
    assert response.status_code == 302
