"""Headers every answer carries: nothing with personal data is cached, and a 405 says which methods are allowed."""
import re

import pytest

from tests.factories import make_request, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.services.users import issue_api_token


def _allowed(response) -> set[str]:
    return {method.strip() for method in response.headers.get("Allow", "").split(",") if method.strip()}


def test_pages_exports_and_api_answers_are_never_stored(client, auth):
    supervisor = make_user(Role.SUPERVISOR)
    request = make_request(make_user(), reference="МСП-CACHE-1")
    token = issue_api_token(supervisor)
    db.session.commit()
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    auth.login(supervisor)
    answers = {
        "page": client.get(f"/requests/{request.id}"),
        "list": client.get("/requests"),
        "csv export": client.get("/requests/export?format=csv"),
        "xlsx export": client.get("/requests/export?format=xlsx"),
        "report": client.get("/reports/pending-by-country"),
        "error page": client.get("/requests/999999"),
        "api": client.get(f"/api/v1/requests/{request.id}", headers={"Authorization": f"Bearer {token}"}),
        "api error": client.get("/api/v1/requests/999999", headers={"Authorization": f"Bearer {token}"}),
    }
    assert answers["page"].status_code == answers["api"].status_code == 200
    assert "МСП-CACHE-1" in answers["csv export"].get_data(as_text=True)
    assert {name: answer.headers.get("Cache-Control") for name, answer in answers.items()} == \
        {name: "no-store" for name in answers}


def test_static_files_keep_their_caching(client, auth):
    auth.login(make_user())
    page = client.get("/requests").get_data(as_text=True)
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert any(url.startswith("/static/") for url in stylesheets)
    assert any("/bootstrap/" in url for url in stylesheets), stylesheets
    for url in stylesheets:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert "no-store" not in answer.headers.get("Cache-Control", ""), url
        assert answer.headers.get("ETag") or answer.headers.get("Last-Modified"), url  # revalidated, not refetched


@pytest.mark.parametrize("logged_in", [False, True])
def test_a_page_refusing_a_method_says_which_ones_it_allows(client, auth, logged_in):
    if logged_in:
        auth.login(make_user())
    refused = client.delete("/login", headers={"Accept-Language": "en"})
    assert refused.status_code == 405
    assert "This action is not available here." in refused.get_data(as_text=True)
    assert {"GET", "POST"} <= _allowed(refused) and "DELETE" not in _allowed(refused)
    assert _allowed(client.put("/requests")) >= {"GET"}


def test_the_api_refusing_a_method_says_which_ones_it_allows(client):
    token = issue_api_token(make_user())
    db.session.commit()
    refused = client.delete("/api/v1/requests", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 405 and refused.get_json()["code"] == "method_not_allowed"
    assert {"GET", "POST"} <= _allowed(refused) and "DELETE" not in _allowed(refused)
    item = client.put("/api/v1/requests/1", headers={"Authorization": f"Bearer {token}"})
    assert item.status_code == 405 and {"GET", "PATCH"} <= _allowed(item)
