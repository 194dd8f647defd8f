"""No 500 page from any form, whatever shape the post takes.

Hypothesis posts random shapes (missing fields, several values for one field, empty,
very long and unusual text) to every POST route, as a person allowed to reach it, with a
valid CSRF token, and the answer is never a server error.
"""

from __future__ import annotations

import pytest
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

from portal.extensions import limiter
from tests.security.test_route_access import WHO_MAY_REACH, _url, _world
from tests.sessions import sign_in_directly

PREFERENCE = ("victim", "supporter", "officer", "supervisor", "admin", "anonymous")


def _all_forms(form_class=FlaskForm):
    for subclass in form_class.__subclasses__():
        yield subclass
        yield from _all_forms(subclass)


def _field_names() -> list[str]:
    names = {
        name
        for form in _all_forms()
        for name in dir(form)
        if isinstance(getattr(form, name, None), UnboundField)
    }
    return sorted(names - {"csrf_token"})


def _post_routes(app) -> list[str]:
    return sorted(
        rule.endpoint for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())
    )


TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-1", "31", "2", "2026", "99999999999", "yes", "13:00"]),
    st.text(min_size=200, max_size=6000),
    st.sampled_from(["\x00", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd"]),
)


def test_every_post_route_is_tried(app):
    assert _post_routes(app), "no POST routes found"
    assert _field_names(), "no form fields found"


@pytest.mark.parametrize("endpoint", ["staff.preview_update", "staff.record_rights"])
def test_a_date_posted_as_one_value_is_a_message_not_an_error(app, client, app_context, endpoint):
    people, values = _world()
    sign_in_directly(client, people["officer"])
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    response = client.post(
        _url(app, rule, values), {"occurred_on": "13", "offered_on": "1"}, from_url="/"
    )
    assert response.status_code == 200
    assert "like 27 3 2026" in response.get_data(as_text=True)


# The records system's API takes JSON, not forms, and no person reaches it: schemathesis
# throws every shape of JSON at it, signed, in tests/staff/api/test_schemathesis.py.
@pytest.mark.parametrize(
    "endpoint", sorted(e for e in WHO_MAY_REACH if e != "static" and not e.startswith("api."))
)
def test_no_post_of_any_shape_gives_a_server_error(app, client, app_context, endpoint):
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    if "POST" not in (rule.methods or ()):
        return
    people, values = _world()
    values.setdefault("token", "made-up-reset-token")
    role = next(role for role in PREFERENCE if role in WHO_MAY_REACH[endpoint])
    if role != "anonymous":
        sign_in_directly(client, people[role])
    url = _url(app, rule, values)
    token = client.csrf_token("/")
    names = _field_names()
    limiter.enabled = False  # a refusal for too many tries would hide what the form does
    try:
        _post_shapes(client, url, token, names)
    finally:
        limiter.enabled = True


def _post_shapes(client, url, token, names):
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.dictionaries(
            st.one_of(st.sampled_from(names), st.text(max_size=10)),
            st.lists(TEXT, max_size=4),
            max_size=12,
        )
    )
    def post(shape):
        data = {name: values for name, values in shape.items() if name != "csrf_token"}
        data["csrf_token"] = token
        response = client.http.post(url, data=data)
        response.close()
        assert response.status_code < 500, (url, shape)

    post()
