"""A newcomer at the front door: / without a session shows the login form with no warning; a page asked for by its
address before logging in says so with a neutral notice and opens after the login."""
from tests.factories import make_user


def test_the_front_door_leads_to_the_login_form_without_a_warning(client):
    response = client.get("/", headers={"Accept-Language": "ru"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    login = client.get("/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert 'class="alert' not in login


def test_another_page_asks_for_a_login_neutrally_and_opens_after_it(client):
    user = make_user()
    response = client.get("/requests?kind=mla", headers={"Accept-Language": "en"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    login = client.get(response.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<div class="alert alert-info" role="alert">Please log in to open this page.</div>' in login
    assert "alert-warning" not in login
    after = client.post(response.headers["Location"], data={"email": user.email, "password": "correct horse battery"})
    assert after.status_code == 302 and after.headers["Location"] == "/requests?kind=mla"
