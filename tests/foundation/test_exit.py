def test_exit_leaves_for_a_neutral_site_and_clears_the_browser(client, app):
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["SETTINGS"].exit_url
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_exit_ends_a_signed_in_session_on_the_server(client, app_context):
    from tests.factories import make_victim
    from tests.sign_in import sign_in

    victim = make_victim()
    sign_in(client, victim)
    assert client.get("/my/").status_code == 200
    stolen = client.http.get_cookie(client.app.config["SESSION_COOKIE_NAME"]).value
    client.get("/exit")
    client.http.set_cookie(client.app.config["SESSION_COOKIE_NAME"], stolen)
    response = client.get("/my/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
