"""The API's errors as RFC 9457 problem details, the precondition every change must carry (412/428), and
idempotent retries (Idempotency-Key, 409 with Location for a number already registered)."""
import json

import pytest
import sqlalchemy as sa

from tests.factories import make_request, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import IdempotentCall, Request, RequestEvent, Unit
from tracker.services.users import issue_api_token

NEW = {"reference": "IDEM-1", "kind": "mla", "country": "KG", "case_number": "217500031000123",
       "crime_category": "fraud", "treaty": "minsk-1993", "sent_on": "2026-10-01"}


def _headers(user, language="en", **more):
    token = issue_api_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": language, **more}


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_an_error_is_problem_details_in_the_callers_language(client):
    headers = _headers(make_user(), "ru")
    refused = client.post("/api/v1/requests", json={**NEW, "kind": "nonsense", "person": {"birth_date": "x"}},
                          headers=headers)
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    body = refused.get_json()
    assert (body["type"], body["status"], body["code"]) == ("urn:mla-tracker:problem:invalid", 422, "invalid")
    assert body["title"] and body["detail"] and "kind" in body["errors"]
    assert refused.headers["Content-Language"] == "ru" and "Accept-Language" in refused.headers["Vary"]
    assert "Ожидается" in body["errors"]["kind"]
    missing = client.get("/api/v1/requests/424242", headers=headers)
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert missing.get_json()["type"] == "urn:mla-tracker:problem:not_found"


def test_errors_of_the_person_sought_are_named_by_their_path(client):
    headers = _headers(make_user())
    refused = client.post("/api/v1/requests", json={**NEW, "kind": "extradition",
                                                    "person": {"name": "Ким Олег", "birth_date": "31.12.1990",
                                                               "citizenship": "ru"}}, headers=headers)
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]) == {"person.birth_date", "person.citizenship"}


@pytest.mark.parametrize("path,body", [
    ("", {"summary": "Без версии"}),
    ("/transitions", {"to": "pending"}),
    ("/reminders", {"channel": "email"}),
    ("/events", {"event": "received_abroad"}),
    ("/extensions", {"deadline": "answer", "new_due_on": "2027-06-01", "reason": "Продлено"}),
])
def test_a_change_that_says_no_version_read_is_refused_with_428_and_saves_nothing(client, path, body):
    owner = make_user()
    request = make_request(owner)
    headers = _headers(owner)
    before = (_count(RequestEvent), request.version)
    method = client.patch if path == "" else client.post
    refused = method(f"/api/v1/requests/{request.id}{path}", json=body, headers=headers)
    assert refused.status_code == 428, refused.get_json()
    assert refused.get_json()["code"] == "precondition_required" and "version" in refused.get_json()["errors"]
    db.session.rollback()
    assert (_count(RequestEvent), db.session.get(Request, request.id).version) == before


def test_a_reassignment_without_a_version_is_refused_with_428(client):
    owner, colleague = make_user(), make_user()
    request = make_request(owner)
    refused = client.post(f"/api/v1/requests/{request.id}/reassignments", json={"owner": colleague.email},
                          headers=_headers(make_user(Role.SUPERVISOR)))
    assert refused.status_code == 428
    db.session.rollback()
    assert db.session.get(Request, request.id).owner_id == owner.id


def test_if_match_with_the_etag_read_changes_a_stale_one_gives_412_and_a_star_takes_the_current(client):
    owner = make_user()
    request = make_request(owner)
    headers = _headers(owner)
    url = f"/api/v1/requests/{request.id}"
    etag = client.get(url, headers=headers).headers["ETag"]
    first = client.post(f"{url}/reminders", json={"channel": "email"}, headers={**headers, "If-Match": etag})
    assert first.status_code == 201 and first.headers["ETag"] != etag
    stale = client.post(f"{url}/reminders", json={"channel": "phone"}, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412 and stale.get_json()["current"]["version"] == first.get_json()["version"]
    anyway = client.post(f"{url}/reminders", json={"channel": "phone"}, headers={**headers, "If-Match": "*"})
    assert anyway.status_code == 201


def test_a_retried_registration_with_its_idempotency_key_gets_the_first_answer_and_registers_once(client):
    headers = _headers(make_user(), **{"Idempotency-Key": "5f0c6a7e-0d4b-4d1a-9a55-1c2f3e4d5b6a"})
    first = client.post("/api/v1/requests", json=NEW, headers=headers)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    again = client.post("/api/v1/requests", json=NEW, headers=headers)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json() and again.headers["Location"] == first.headers["Location"]
    assert _count(Request) == 1
    other = client.post("/api/v1/requests", json={**NEW, "reference": "IDEM-2"}, headers=headers)
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["errors"]
    assert _count(Request) == 1


def test_an_idempotency_key_belongs_to_its_user_and_a_refused_call_is_not_kept(client):
    key = {"Idempotency-Key": "same-key"}
    mine, theirs = _headers(make_user(), **key), _headers(make_user(), **key)
    refused = client.post("/api/v1/requests", json={**NEW, "country": "ZZ"}, headers=mine)
    assert refused.status_code == 422 and _count(IdempotentCall) == 0
    assert client.post("/api/v1/requests", json=NEW, headers=mine).status_code == 201
    theirs_answer = client.post("/api/v1/requests", json={**NEW, "reference": "IDEM-3"}, headers=theirs)
    assert theirs_answer.status_code == 201 and "Idempotent-Replayed" not in theirs_answer.headers
    assert _count(Request) == 2


def test_a_retried_transition_is_not_applied_twice(client):
    owner = make_user()
    request = make_request(owner)
    headers = _headers(owner, **{"Idempotency-Key": "move-1"})
    body = {"to": "pending", "on": "2026-10-05", "version": request.version}
    first = client.post(f"/api/v1/requests/{request.id}/transitions", json=body, headers=headers)
    again = client.post(f"/api/v1/requests/{request.id}/transitions", json=body, headers=headers)
    assert first.status_code == again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    db.session.rollback()
    assert db.session.get(Request, request.id).version == first.get_json()["version"]


@pytest.mark.parametrize("key", ["", "with space", "x" * 201, "ключ"])
def test_a_malformed_idempotency_key_is_refused(client, key):
    headers = _headers(make_user(), **{"Idempotency-Key": key.encode().decode("latin-1")})
    refused = client.post("/api/v1/requests", json=NEW, headers=headers)
    assert refused.status_code == 400 and _count(Request) == 0


def test_a_number_already_registered_answers_409_with_where_it_is(client):
    owner = make_user()
    existing = make_request(owner, reference="DUP-1")
    headers = _headers(owner)
    again = client.post("/api/v1/requests", json={**NEW, "reference": "DUP-1"}, headers=headers)
    assert again.status_code == 409 and again.headers["Location"] == f"/api/v1/requests/{existing.id}"
    assert again.get_json()["errors"] == {"reference": "A request with this registration number already exists."}
    # A prosecutor of another unit learns the number is taken, not where the request is.
    elsewhere = Unit(name="Другое подразделение")
    db.session.add(elsewhere)
    outsider = make_user()
    outsider.unit = elsewhere
    db.session.commit()
    hidden = client.post("/api/v1/requests", json={**NEW, "reference": "DUP-1"}, headers=_headers(outsider))
    assert hidden.status_code == 409 and "Location" not in hidden.headers
    assert _count(Request) == 1


def test_the_problem_body_is_json_even_with_characters_json_cannot_carry_raw(client):
    refused = client.post("/api/v1/requests", data=json.dumps({**NEW, "\ud800": 1}), headers=_headers(make_user()),
                          content_type="application/json")
    assert refused.status_code == 422 and "\ud800" in refused.get_json()["errors"]


@pytest.mark.parametrize("flag", ["overdue", "due_soon", "release", "critical", "pending"])
def test_the_api_lists_what_the_web_list_shows_for_each_deadline_filter(client, auth, flag):
    from datetime import timedelta

    from tests.factories import TODAY
    from tracker.domain.statuses import Kind

    owner = make_user()
    made = [make_request(owner, reference="OLD-MLA", sent_on=TODAY - timedelta(days=400)),
            make_request(owner, reference="NEW-MLA", sent_on=TODAY - timedelta(days=3)),
            make_request(owner, Kind.EXTRADITION, reference="EXT-NEAR", sent_on=None,
                         detained_on=TODAY - timedelta(days=35), in_custody=True),
            make_request(owner, Kind.EXTRADITION, reference="EXT-LATE", sent_on=None,
                         detained_on=TODAY - timedelta(days=45), in_custody=True),
            make_request(owner, reference="DRAFT", sent_on=None)]
    headers = _headers(owner)
    listed = client.get(f"/api/v1/requests?{flag}=true&per_page=100", headers=headers)
    assert listed.status_code == 200, listed.get_json()
    through_api = {item["reference"] for item in listed.get_json()["items"]}
    auth.login(owner)
    page = client.get(f"/requests?{'pending' if flag == 'pending' else flag}=1", headers={"Accept-Language": "en"})
    on_the_page = {item.reference for item in made if f">{item.reference}<" in page.get_data(as_text=True)}
    assert through_api == on_the_page
    assert through_api != {item.reference for item in made}  # each filter leaves something out


def test_the_api_lists_requests_sent_within_a_date_range(client):
    from datetime import date

    owner = make_user()
    make_request(owner, reference="JAN", sent_on=date(2026, 1, 12))
    make_request(owner, reference="JUN", sent_on=date(2026, 6, 1))
    headers = _headers(owner)
    found = client.get("/api/v1/requests?sent_from=2026-05-01&sent_to=2026-06-30", headers=headers).get_json()
    assert [item["reference"] for item in found["items"]] == ["JUN"]
    backwards = client.get("/api/v1/requests?sent_from=2026-07-01&sent_to=2026-06-30", headers=headers)
    assert backwards.status_code == 422 and set(backwards.get_json()["errors"]) == {"sent_from"}
