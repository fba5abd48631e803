"""A cursor ("Next", "Previous", the API's next_cursor) altered by hand, or made of values no request's key can hold,
is never taken to the database: the list falls back to the page's number, the API refuses it (400)."""
import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_request, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.services.users import issue_api_token

SORTS = ("updated", "-updated", "id", "-id", "reference", "-reference")


def _cursor(payload) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# Each was once a 500: a moment that cannot be written in UTC, a text or a number out of range where an id goes.
ALTERED = [["updated", "9999-12-31T23:00:00-05:00", 1], ["-updated", "0001-01-01T00:00:00+05:00", 1],
           ["updated", "2026-01-01T00:00:00", 1], ["id", "abc", 1], ["id", 1, 2 ** 70], ["id", 2 ** 70, 1],
           ["-id", 5, 6], ["reference", 5, 1], ["-reference", "x", 2 ** 63], ["reference", "x" * 100, 1]]
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2 ** 80, 2 ** 80), st.floats(allow_nan=False),
                   st.text(max_size=40), st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()))


@pytest.fixture
def listed(app):
    owner = make_user(Role.SUPERVISOR)
    for number in range(3):
        make_request(owner, reference=f"AC-{number}")
    token = issue_api_token(owner)
    db.session.commit()
    return owner, token


def _web(client, payload):
    sort = payload[0] if isinstance(payload[0], str) and payload[0].lstrip("-") in ("updated", "id", "reference") \
        else "updated"
    order = {"sort": sort.lstrip("-"), "dir": "desc" if sort.startswith("-") else "asc"}
    after = client.get("/requests", query_string={**order, "page": 2, "after": _cursor(payload)})
    before = client.get("/requests", query_string={**order, "page": 1, "before": _cursor(payload)})
    return after.status_code, before.status_code


def _api(client, token, payload):
    sort = payload[0] if payload[0] in SORTS else "updated"
    return client.get("/api/v1/requests", query_string={"sort": sort, "cursor": _cursor(payload)},
                      headers={"Authorization": f"Bearer {token}"}).status_code


@pytest.mark.parametrize("payload", ALTERED, ids=[str(case)[:60] for case in ALTERED])
def test_an_altered_cursor_falls_back_on_the_list_and_is_refused_by_the_api(client, auth, listed, payload):
    owner, token = listed
    auth.login(owner)
    assert _web(client, payload) == (200, 200)
    assert _api(client, token, payload) == 400


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sort=st.sampled_from(SORTS), value=VALUES, request_id=VALUES)
def test_no_cursor_made_of_anything_fails_a_page(client, auth, listed, sort, value, request_id):
    owner, token = listed
    auth.login(owner)
    payload = [sort, value, request_id]
    # Longer than any cursor the list gives (300 characters), it is refused with the parameter's message.
    assert _web(client, payload) == ((200, 200) if len(_cursor(payload)) <= 300 else (400, 400))
    # The API refuses a cursor longer than its parameter allows as it refuses any unreadable parameter (422).
    assert _api(client, token, payload) in ((200, 400) if len(_cursor(payload)) <= 300 else (422,))
