"""Login, logout, and the rule that every page but login needs a login."""
import pytest

from tests.factories import PASSWORD, make_request, make_user
from tracker.domain.people import Role


def test_login_page_is_open_and_in_the_browsers_language(client):
    response = client.get("/login", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert 'name="password"' in response.get_data(as_text=True)


def test_wrong_password_is_refused_with_a_message(client):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": "wrong password!"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "Wrong email or password." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_opens_the_dashboard_and_logout_closes_it(client, auth):
    user = make_user(name="Айгүл Сейітқали")
    auth.login(user)
    page = client.get("/")
    assert page.status_code == 200 and "Айгүл Сейітқали" in page.get_data(as_text=True)
    auth.logout()
    assert client.get("/").status_code == 302


def test_a_deactivated_user_cannot_log_in(client):
    from tracker.extensions import db

    user = make_user()
    user.active = False
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": "correct horse battery"})
    assert response.status_code == 200
    assert client.get("/").status_code == 302


def test_login_returns_to_a_local_page_only(client):
    user = make_user()
    response = client.post("/login?next=https://evil.example/x",
                           data={"email": user.email, "password": "correct horse battery"})
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login?next=/requests", data={"email": user.email, "password": "correct horse battery"})
    assert response.headers["Location"] == "/requests"


SAMPLE_VALUES = {"treaty_id": 1, "category_id": 1, "code": "RU", "rule_id": 1, "unit_id": 1, "kind": "mla",
                 "filename": "tracker.css", "token_id": 1, "webhook_id": 1, "attachment_id": 1, "letter": "request",
                 "language": "kk", "secret": "unknown", "job_id": 1}


def _routes(app, method, request_id, user_id):
    """(endpoint, url) of every route answering `method`, with its arguments filled in."""
    values = dict(SAMPLE_VALUES, request_id=request_id, user_id=user_id)
    found = []
    for rule in app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint in ("static", "bootstrap.static", "auth.login", "auth.language"):
            continue
        found.append((rule.endpoint, rule.build({arg: values[arg] for arg in rule.arguments},
                                                append_unknown=False)[1]))
    return found


def test_every_page_but_login_redirects_anonymous_visitors_and_the_api_answers_401(app, client):
    owner = make_user()
    request = make_request(owner)
    routes = [(method, endpoint, url) for method in ("GET", "POST", "PATCH")
              for endpoint, url in _routes(app, method, request.id, owner.id)]
    assert len(routes) > 40
    for method, endpoint, url in routes:
        response = client.open(url, method=method)
        if endpoint == "api.openapi":  # the description holds no data and is open to client generators
            assert response.status_code == 200 and "Set-Cookie" not in response.headers
        elif endpoint in ("health.healthz", "health.readyz"):  # asked by load balancers, and tell nothing
            assert response.status_code in (200, 503) and "Set-Cookie" not in response.headers
        elif endpoint == "health.prometheus_metrics":  # its own bearer token; none is set here
            assert response.status_code == 404 and "Set-Cookie" not in response.headers
        elif endpoint == "calendar_feed.feed":  # opened by calendar programs with its secret: an unknown one is not found
            assert response.status_code == 404 and "Set-Cookie" not in response.headers
        elif endpoint.startswith("api."):
            assert response.status_code == 401 and response.json["code"] == "unauthorized", url
            assert "Set-Cookie" not in response.headers
        else:
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SUPERVISOR])
def test_admin_pages_are_forbidden_to_other_roles(client, auth, role):
    auth.login(make_user(role))
    for url in ("/admin/users", "/admin/treaties", "/admin/countries", "/admin/crime-categories", "/admin/users/new"):
        assert client.get(url).status_code == 403, url


def test_language_switch_is_remembered_on_the_account(client, auth):
    from tracker.extensions import db
    from tracker.models import User

    user = make_user()
    auth.login(user)
    client.post("/language", data={"language": "kk", "next": "/requests"})
    db.session.rollback()  # end the test's snapshot to see what the request committed
    assert db.session.get(User, user.id).language.value == "kk"
    assert '<html lang="kk">' in client.get("/requests").get_data(as_text=True)


def test_an_unreachable_database_gets_503_and_the_app_recovers_when_it_returns(app, tmp_path):
    """The database file's folder is missing (a network share down), then comes back."""
    import sqlite3

    from tracker import create_app
    from tracker.extensions import db as database

    if database.engine.url.get_backend_name() != "sqlite":
        pytest.skip("simulated with an SQLite file; PostgreSQL outages take the same handler")
    email = make_user(Role.PROSECUTOR).email
    source = database.engine.url.database
    database.session.close()
    place = tmp_path / "share" / "tracker.db"
    outage = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{place}", "SECRET_KEY": "test-secret",
                         "WTF_CSRF_ENABLED": False})
    client = outage.test_client()
    page = client.post("/login", data={"email": email, "password": PASSWORD}, headers={"Accept-Language": "en"})
    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    assert "The database cannot be reached right now; nothing was saved." in page.get_data(as_text=True)
    api = client.get("/api/v1/countries", headers={"Authorization": "Bearer x", "Accept-Language": "ru"})
    assert api.status_code == 503 and api.get_json()["code"] == "unavailable"
    place.parent.mkdir()
    with sqlite3.connect(source) as original, sqlite3.connect(place) as copy:
        original.backup(copy)
    back = client.post("/login", data={"email": email, "password": PASSWORD})
    assert back.status_code == 302
    assert client.get("/requests").status_code == 200
    with outage.app_context():
        database.engine.dispose()
