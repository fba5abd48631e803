"""API tokens on their user's own page: created and shown once, used by the API, revoked; only digests kept."""
import hashlib
import re
from datetime import UTC, timedelta

import pytest
import sqlalchemy as sa

from tests.factories import make_user
from tracker import clock
from tracker.domain.people import Role
from tracker.domain.tokens import TokenState
from tracker.extensions import db
from tracker.models import ApiToken, Request, TokenScope
from tracker.services import tokens as service
from tracker.services.errors import NotPermitted
from tracker.services.users import issue_api_token

EN = {"Accept-Language": "en"}
NEW_REQUEST = {"reference": "TOK-1", "kind": "mla", "country": "KG", "case_number": "217500031000123",
               "crime_category": "fraud", "treaty": "minsk-1993", "sent_on": "2026-10-01",
               "summary": "Допросить свидетеля"}


def create(client, name="Reporting script", scope="write", days="90"):
    """Posts the page's form for a new token; the answer."""
    return client.post("/account/tokens", data={"name": name, "scope": scope, "days": days}, headers=EN)


def shown_token(response) -> str:
    """The token the answer shows once."""
    match = re.search(r'id="new-token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "no new token on the page"
    return match.group(1)


def call(app, token, method="GET", url="/api/v1/me", **kwargs):
    """Calls the API with the token from a client without any session, as another system would."""
    headers = {"Authorization": f"Bearer {token}", **EN}
    return app.test_client().open(url, method=method, headers=headers, **kwargs)


def record(name) -> ApiToken:
    """The stored token with this name, read afresh."""
    db.session.rollback()
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.name == name))


def token_count() -> int:
    """How many tokens are stored."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken))


def test_a_token_created_on_the_page_is_shown_once_and_opens_the_api(app, client, auth):
    user = make_user(Role.PROSECUTOR)
    auth.login(user)
    answer = create(client)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    token = shown_token(answer)
    page = answer.get_data(as_text=True)
    assert "Copy the token now: it will not be shown again." in page and "Select the whole token" in page
    assert token not in answer.headers.get("Set-Cookie", "") and "Location" not in answer.headers
    me = call(app, token)
    assert me.status_code == 200 and me.json["email"] == user.email
    listed = client.get("/account/tokens", headers=EN)
    assert listed.status_code == 200 and "Reporting script" in listed.get_data(as_text=True)
    assert token not in listed.get_data(as_text=True)  # never again
    assert 'id="new-token"' not in listed.get_data(as_text=True)


def test_every_role_has_the_page_and_the_header_links_to_it(client, auth):
    for role in Role:
        auth.login(make_user(role))
        home = client.get("/my-work", headers=EN).get_data(as_text=True)
        assert 'href="/account/tokens"' in home and ">API tokens</a>" in home
        assert client.get("/account/tokens", headers=EN).status_code == 200
        auth.logout()


def test_two_tokens_both_work_and_revoking_one_leaves_the_other(app, client, auth):
    user = make_user()
    auth.login(user)
    first = shown_token(create(client, "First"))
    second = shown_token(create(client, "Second", scope="read", days="30"))
    assert first != second
    assert call(app, first).status_code == 200 and call(app, second).status_code == 200
    revoked = client.post(f"/account/tokens/{record('First').id}/revoke", headers=EN)
    assert revoked.status_code == 302 and revoked.headers["Location"] == "/account/tokens"
    assert call(app, first).status_code == 401
    assert call(app, second).status_code == 200
    page = client.get("/account/tokens", headers=EN).get_data(as_text=True)
    assert "Token “First” revoked: it no longer opens the API." in page
    assert "Revoked" in page and "Active" in page
    assert page.count('aria-label="Revoke the token') == 1  # only the live one can still be revoked


def test_a_read_only_token_reads_but_cannot_write(app, client, auth):
    auth.login(make_user(Role.PROSECUTOR))
    reader = shown_token(create(client, "Reader", scope="read"))
    writer = shown_token(create(client, "Writer", scope="write"))
    assert call(app, reader, url="/api/v1/requests").status_code == 200
    refused = call(app, reader, "POST", "/api/v1/requests", json=NEW_REQUEST)
    assert refused.status_code == 403 and "This token may only read." in refused.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0
    # The same body with the read-and-write token is registered: the refusal was the scope's alone.
    assert call(app, writer, "POST", "/api/v1/requests", json=NEW_REQUEST).status_code == 201


def test_an_expired_token_is_refused_and_listed_as_expired(app, client, auth):
    user = make_user()
    now = clock.now()
    expired = issue_api_token(user, "Old script", days=30, now=now - timedelta(days=31))
    still = issue_api_token(user, "Young script", days=30, now=now - timedelta(days=29))
    db.session.commit()
    assert call(app, expired).status_code == 401
    assert call(app, still).status_code == 200
    auth.login(user)
    page = client.get("/account/tokens", headers=EN).get_data(as_text=True)
    assert "Expired" in page
    # The expired name is free again: names are unique among the active tokens only.
    assert "Token “Old script” created" in create(client, "Old script").get_data(as_text=True)


def test_another_users_token_cannot_be_revoked(app, client, auth):
    owner, intruder = make_user(), make_user()
    token = issue_api_token(owner, "Owner's script")
    db.session.commit()
    token_id = record("Owner's script").id
    auth.login(intruder)
    assert client.post(f"/account/tokens/{token_id}/revoke", headers=EN).status_code == 404
    assert client.post(f"/account/tokens/{token_id + 1000}/revoke", headers=EN).status_code == 404
    assert record("Owner's script").revoked_at is None
    assert call(app, token).status_code == 200
    assert "Owner&#39;s script" not in client.get("/account/tokens", headers=EN).get_data(as_text=True)


@pytest.mark.parametrize(("name", "scope", "days", "field", "message"), [
    ("", "write", "90", "name", "This field is required."),
    ("   ", "write", "90", "name", "This field is required."),
    ("x" * 101, "write", "90", "name", "This text is too long."),
    ("Nightly export", "write", "45", "days", "Choose one of the listed options."),
    ("Nightly export", "write", "ninety", "days", "Choose one of the listed options."),
    ("Nightly export", "admin", "90", "scope", "Choose one of the listed options."),
])
def test_bad_input_reshows_the_form_with_a_message_and_creates_nothing(client, auth, name, scope, days, field,
                                                                       message):
    auth.login(make_user())
    answer = create(client, name, scope, days)
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert message in page and 'id="new-token"' not in page
    at_field = re.search(rf'id="{field}"[^>]*is-invalid|is-invalid[^>]*id="{field}"', page)
    assert at_field, "the message is not shown at its field"
    if name.strip():
        assert f'value="{name}"' in page  # what was typed stays
    assert token_count() == 0


def test_a_name_is_unique_among_the_active_tokens_whatever_its_case(client, auth):
    auth.login(make_user())
    shown_token(create(client, "CI"))
    again = create(client, "  ci ")
    assert "You already have an active token with this name." in again.get_data(as_text=True)
    assert token_count() == 1
    client.post(f"/account/tokens/{record('CI').id}/revoke")
    assert shown_token(create(client, "ci"))
    assert token_count() == 2


def test_a_name_of_exactly_100_characters_is_accepted(client, auth):
    auth.login(make_user())
    name = "я" * 100
    shown_token(create(client, name))
    assert record(name).scope == TokenScope.WRITE


def test_only_the_digest_is_stored_nowhere_the_token_itself(app, client, auth):
    auth.login(make_user())
    token = shown_token(create(client, "Digest only"))
    stored = record("Digest only")
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    db.session.rollback()
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)):
                assert token not in repr(tuple(row)), f"the token is stored in {table.name}"
    assert call(app, token).status_code == 200  # it is the right token, only not kept


def test_last_used_at_is_set_after_a_call_and_shown(app, client, auth):
    auth.login(make_user())
    token = shown_token(create(client, "Counter"))
    assert record("Counter").last_used_at is None
    assert "never" in client.get("/account/tokens", headers=EN).get_data(as_text=True)
    before = clock.now()
    assert call(app, token).status_code == 200
    used = record("Counter").last_used_at
    assert used is not None and used.replace(tzinfo=None) >= before.replace(tzinfo=None) - timedelta(seconds=1)
    assert "never" not in client.get("/account/tokens", headers=EN).get_data(as_text=True)


def test_dates_are_shown_in_the_users_format_in_almaty_time(client, auth):
    auth.login(make_user())
    shown_token(create(client, "Dated", days="180"))
    stored = record("Dated")
    expires = stored.expires_at.replace(tzinfo=UTC)  # stored in UTC; SQLite gives it back without its offset
    page = client.get("/account/tokens", headers=EN).get_data(as_text=True)
    assert expires.astimezone(clock.ALMATY).strftime("%d.%m.%Y %H:%M") in page
    assert (expires - stored.created_at.replace(tzinfo=expires.tzinfo)).days == 180


def test_an_administrator_revokes_a_users_token_on_the_user_page(app, client, auth):
    owner, bystander = make_user(), make_user()
    token = issue_api_token(owner, "Left behind")
    issue_api_token(bystander, "Bystander's script")
    db.session.commit()
    token_id, other_id = record("Left behind").id, record("Bystander's script").id
    auth.login(make_user(Role.ADMIN))
    page = client.get(f"/admin/users/{owner.id}", headers=EN).get_data(as_text=True)
    assert "Left behind" in page and "Bystander" not in page
    assert client.post(f"/admin/users/{owner.id}/tokens/{other_id}/revoke").status_code == 404
    revoked = client.post(f"/admin/users/{owner.id}/tokens/{token_id}/revoke")
    assert revoked.status_code == 302 and revoked.headers["Location"] == f"/admin/users/{owner.id}"
    assert call(app, token).status_code == 401
    assert record("Bystander's script").revoked_at is None


def test_the_service_lists_active_tokens_first_and_lets_only_the_owner_or_an_administrator_revoke(app):
    owner, other, admin = make_user(), make_user(), make_user(Role.ADMIN)
    now = clock.now()
    for number, name in enumerate(("oldest", "revoked", "newest")):
        issue_api_token(owner, name, now=now - timedelta(hours=3 - number))
    db.session.commit()
    service.revoke_token(owner, record("revoked"), now=now)
    db.session.commit()
    listed = service.user_tokens(owner, now)
    assert [(item.record.name, item.state) for item in listed] == [
        ("newest", TokenState.ACTIVE), ("oldest", TokenState.ACTIVE), ("revoked", TokenState.REVOKED)]
    with pytest.raises(NotPermitted):
        service.revoke_token(other, record("newest"), now=now)
    first_revoked = record("revoked").revoked_at
    service.revoke_token(admin, record("revoked"), now=now + timedelta(days=1))
    db.session.commit()
    assert record("revoked").revoked_at == first_revoked  # revoking again changes nothing
    service.revoke_token(admin, record("newest"), now=now)
    db.session.commit()
    assert record("newest").revoked_at is not None
