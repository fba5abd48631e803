"""The JSON API: tokens, roles, validation, conflicts, and the OpenAPI description."""
import re
from datetime import timedelta

import pytest

from tests.factories import make_request, make_user
from tracker import clock
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.services.users import issue_api_token


def _token(user):
    token = issue_api_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": "en"}


NEW = {"reference": "API-1", "kind": "mla", "country": "KG", "case_number": "217500031000123",
       "crime_category": "fraud", "treaty": "minsk-1993", "sent_on": "2026-10-01", "summary": "Допросить свидетеля"}


def test_without_or_with_a_wrong_token_the_api_answers_401_json(client):
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/requests", headers=headers)
        assert response.status_code == 401 and response.json["code"] == "unauthorized"


def test_a_second_token_leaves_the_first_valid(client):
    user = make_user()
    first = _token(user)
    second = _token(user)
    assert first != second
    assert client.get("/api/v1/requests", headers=first).status_code == 200
    assert client.get("/api/v1/requests", headers=second).status_code == 200


def test_a_prosecutor_creates_reads_patches_and_moves_a_request(client):
    headers = _token(make_user())
    created = client.post("/api/v1/requests", json=NEW, headers=headers)
    assert created.status_code == 201, created.json
    body = created.json
    assert (body["reference"], body["status"], body["treaty"], body["version"]) == ("API-1", "sent", "minsk-1993", 2)
    assert created.headers["Location"] == f"/api/v1/requests/{body['id']}"
    assert "Set-Cookie" not in created.headers
    url = f"/api/v1/requests/{body['id']}"
    patched = client.patch(url, json={"summary": "Истребовать выписки", "version": body["version"]}, headers=headers)
    assert patched.status_code == 200 and patched.json["summary"] == "Истребовать выписки"
    stale = client.patch(url, json={"summary": "Поздно", "version": body["version"]}, headers=headers)
    assert stale.status_code == 409 and stale.json["current"]["summary"] == "Истребовать выписки"
    moved = client.post(f"{url}/transitions", json={"to": "pending", "on": "2026-10-05"},
                        headers={**headers, "If-Match": patched.headers["ETag"]})
    assert moved.status_code == 200 and moved.json["status"] == "pending"
    reminded = client.post(f"{url}/reminders", json={"channel": "email", "version": moved.json["version"]},
                           headers=headers)
    assert reminded.status_code == 201
    events = client.get(f"{url}/history", headers=headers).json["items"]
    assert [e["event"] for e in events] == ["created", "status_changed", "edited", "status_changed", "reminder_sent"]
    listed = client.get("/api/v1/requests?kind=mla&country=KG&text=api", headers=headers).json
    assert listed["total"] == 1 and listed["items"][0]["reference"] == "API-1"


def test_an_extradition_request_carries_the_person_sought(client):
    headers = _token(make_user())
    body = dict(NEW, reference="API-E", kind="extradition", sent_on=None,
                detained_on=(clock.today_local() - timedelta(days=30)).isoformat(),
                person={"name": "Ахметов Ерлан", "name_latin": "Akhmetov Yerlan", "citizenship": "KZ"})
    created = client.post("/api/v1/requests", json=body, headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["person"]["name_latin"] == "Akhmetov Yerlan" and created.json["status"] == "draft"
    # Detained 30 days ago, the day of detention being day 1: the last day is 9 days away.
    assert created.json["due_on"] == (clock.today_local() + timedelta(days=9)).isoformat()
    release = created.json["deadlines"][0]
    assert (release["code"], release["days_left"], release["rule"]) == ("release", 9, "arrest_limit")
    assert "ст. 62 п. 1" in release["source"] and created.json["critical"] is False


@pytest.mark.parametrize("body,field", [
    ({**NEW, "country": "ZZ"}, "country"), ({**NEW, "sent_on": "31.12.2026"}, "sent_on"),
    ({**NEW, "kind": "letter"}, "kind"), ({**NEW, "treaty": "nonexistent"}, "treaty"),
    ({**NEW, "extra": 1}, "extra"), ({k: v for k, v in NEW.items() if k != "reference"}, "reference"),
    ({**NEW, "treaty": "montevideo-1933"}, "treaty"), ({**NEW, "reference": 12}, "reference"),
])
def test_bad_input_gets_422_with_the_field_and_writes_nothing(client, body, field):
    headers = _token(make_user())
    response = client.post("/api/v1/requests", json=body, headers=headers)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"] and response.json["code"] == "invalid"
    assert client.get("/api/v1/requests", headers=headers).json["total"] == 0


def test_malformed_bodies_and_unknown_urls_get_json_errors(client):
    headers = _token(make_user())
    assert client.post("/api/v1/requests", data="{not json", headers=headers,
                       content_type="application/json").status_code == 400
    assert client.post("/api/v1/requests", json=[1, 2], headers=headers).status_code == 400
    plain = client.post("/api/v1/requests", data='{"kind": "mla"}', headers=headers, content_type="text/plain")
    assert plain.status_code == 415 and "application/json" in plain.json["detail"]
    assert client.get("/api/v1/requests/999999", headers=headers).json["code"] == "not_found"
    assert client.get("/api/v1/nowhere", headers=headers).status_code in (401, 404)
    assert client.get("/api/v1/requests?page=0&kind=x", headers=headers).status_code == 422


def test_roles_are_enforced_as_on_the_pages(client):
    owner, other, supervisor, admin = make_user(), make_user(), make_user(Role.SUPERVISOR), make_user(Role.ADMIN)
    request = make_request(owner)
    url = f"/api/v1/requests/{request.id}"
    patch = {"summary": "x", "version": request.version}
    assert client.patch(url, json=patch, headers=_token(other)).status_code == 403
    assert client.post(f"{url}/transitions", json={"to": "pending"}, headers=_token(other)).status_code == 403
    assert client.post("/api/v1/requests", json=NEW, headers=_token(admin)).status_code == 403
    for user in (owner, other):
        assert client.get("/api/v1/reports/pending-by-country", headers=_token(user)).status_code == 403
    assert client.get("/api/v1/reports/pending-by-country", headers=_token(supervisor)).status_code == 200
    stats = client.get("/api/v1/reports/statistics?from=2026-01-01&to=2026-12-31", headers=_token(admin))
    assert stats.status_code == 200 and stats.json["totals"]["mla"]["sent"] == 1
    assert client.get("/api/v1/reports/statistics", headers=_token(admin)).status_code == 422
    assert client.patch(url, json=patch, headers=_token(supervisor)).status_code == 200


def test_a_transition_in_the_future_or_before_the_current_status_is_refused(client):
    owner = make_user()
    request = make_request(owner)
    url = f"/api/v1/requests/{request.id}/transitions"
    headers = {**_token(owner), "If-Match": "*"}
    future = (clock.today_local() + timedelta(days=1)).isoformat()
    assert client.post(url, json={"to": "pending", "on": future}, headers=headers).json["errors"] == {
        "on": "This date is in the future."}
    assert "on" in client.post(url, json={"to": "pending", "on": "2020-01-01"}, headers=headers).json["errors"]
    assert "ground" in client.post(url, json={"to": "refused"}, headers=headers).json["errors"]
    assert "to" in client.post(url, json={"to": "extradited"}, headers=headers).json["errors"]


def test_reference_data_and_the_openapi_description(client):
    headers = _token(make_user())
    countries = client.get("/api/v1/countries", headers={**headers, "Accept-Language": "kk"}).json
    names = [c["name"] for c in countries]
    assert names.index("Қазақстан") < names.index("Ресей") and len(names) == 249
    treaties = client.get("/api/v1/treaties", headers=headers).json
    assert any(t["code"] == "minsk-1993" and t["arrest_limit_days"] == 40 for t in treaties)
    spec = client.get("/api/v1/openapi.json", headers=headers).json
    assert spec["openapi"].startswith("3.0")
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops if method != "parameters"}
    from flask import current_app

    # Every path variable (<int:request_id>, <letter> ...) as OpenAPI writes it.
    routed = {(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1")), method.lower())
              for rule in current_app.url_map.iter_rules() if rule.endpoint.startswith("api.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed


def test_the_description_is_open_to_client_generators_and_valid_openapi(client):
    from openapi_spec_validator import OpenAPIV30SpecValidator
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    problems = [f"{'/'.join(map(str, error.path))}: {error.message[:200]}"
                for error in OpenAPIV30SpecValidator(answer.json).iter_errors()]
    assert problems == []
    assert answer.json["paths"]["/openapi.json"]["get"]["security"] == []


def test_answers_say_their_language_and_vary_by_it(client):
    headers = _token(make_user())
    for language in ("kk", "ru", "en"):
        answer = client.get("/api/v1/countries", headers={**headers, "Accept-Language": language})
        assert answer.headers["Content-Language"] == language
        assert "Accept-Language" in answer.headers["Vary"]
    refused = client.get("/api/v1/requests", headers={"Accept-Language": "ru"})
    assert refused.status_code == 401 and refused.headers["Content-Language"] == "ru"


def test_a_refused_reminder_names_the_field_the_body_used(client):
    headers = _token(make_user())
    created = client.post("/api/v1/requests", json=NEW, headers=headers).json
    tomorrow = (clock.today_local() + timedelta(days=1)).isoformat()
    refused = client.post(f"/api/v1/requests/{created['id']}/reminders", json={"channel": "email", "on": tomorrow,
                                                                          "version": created["version"]},
                          headers=headers)
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["on"]


def test_a_prosecutor_naming_another_owner_is_refused_not_overruled(client):
    colleague = make_user()
    headers = _token(make_user())
    refused = client.post("/api/v1/requests", json={**NEW, "owner": colleague.email}, headers=headers)
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["owner"]
    assert client.get("/api/v1/requests", headers=headers).json["total"] == 0
    mine = client.post("/api/v1/requests", json=NEW, headers=headers)
    assert mine.status_code == 201


def test_unknown_and_repeated_parameters_are_refused_not_ignored(client):
    headers = _token(make_user())
    typo = client.get("/api/v1/requests?kinds=mla", headers=headers)
    assert typo.status_code == 400 and list(typo.json["errors"]) == ["kinds"]
    twice = client.get("/api/v1/requests?status=sent&status=draft", headers=headers)
    assert twice.status_code == 400 and list(twice.json["errors"]) == ["status"]
    several = client.get("/api/v1/requests?kind=mla&kind=transfer&page=1", headers=headers)
    assert several.status_code == 200
    assert client.get("/api/v1/reports/statistics?from=2026-01-01&to=2026-06-30&sort=x",
                      headers=_token(make_user(Role.SUPERVISOR))).status_code == 400


def test_history_names_fields_as_the_bodies_do_with_codes_and_utc_times(client):
    from datetime import datetime
    headers = _token(make_user())
    created = client.post("/api/v1/requests", json=NEW, headers=headers).json
    url = f"/api/v1/requests/{created['id']}"
    patched = client.patch(url, json={"crime_category": "financial_pyramid", "treaty": None, "country": "UZ",
                                      "version": created["version"]}, headers=headers)
    assert patched.status_code == 200, patched.json
    entries = client.get(f"{url}/history", headers=headers).json["items"]
    edited = next(entry for entry in entries if entry["event"] == "edited")
    assert edited["changes"]["crime_category"] == ["fraud", "financial_pyramid"]
    assert edited["changes"]["treaty"][0] == "minsk-1993" and not edited["changes"]["treaty"][1]
    assert edited["changes"]["country"] == ["KG", "UZ"]
    assert not {"crime_category_id", "treaty_id", "country_code"} & set(edited["changes"])
    assert all(datetime.fromisoformat(entry["recorded_at"]).utcoffset().total_seconds() == 0 for entry in entries)


@pytest.mark.parametrize("sort", ["id", "-id", "reference", "-reference"])
def test_paging_by_cursor_reads_every_request_once_while_others_change_them(client, sort):
    owner = make_user()
    headers = _token(owner)
    made = [make_request(owner, reference=f"CUR-{number:02d}") for number in range(23)]
    seen, url, pages = [], f"/api/v1/requests?per_page=5&sort={sort}", 0
    while url:
        answer = client.get(url, headers=headers)
        assert answer.status_code == 200, answer.json
        page = answer.json
        seen += [item["reference"] for item in page["items"]]
        pages += 1
        # Between two reads, another user registers a request (first in a descending sort, which shifts every page
        # number by one) and changes one request not yet read and one already read.
        db.session.rollback()  # the test's own reads began before the API's last write
        make_request(owner, reference=f"CUR-{90 + pages}")
        for item in made[pages % len(made)], made[-1 - pages % len(made)]:
            current = client.get(f"/api/v1/requests/{item.id}", headers=headers).json
            assert client.patch(f"/api/v1/requests/{item.id}", headers=headers,
                                json={"summary": f"Изменено {pages}", "version": current["version"]}).status_code == 200
        if page["next_cursor"]:
            assert answer.headers["Link"].endswith('>; rel="next"') and "cursor=" in answer.headers["Link"]
            url = answer.headers["Link"][1:answer.headers["Link"].index(">")]
        else:
            assert "Link" not in answer.headers
            url = None
    assert len(seen) == len(set(seen)), "a request was read twice"
    assert {item.reference for item in made} <= set(seen), "a request present throughout was not read"


def test_a_cursor_is_refused_when_altered_or_mixed_with_a_page_number(client):
    owner = make_user()
    headers = _token(owner)
    for number in range(3):
        make_request(owner, reference=f"ALT-{number}")
    first = client.get("/api/v1/requests?per_page=2&sort=id", headers=headers).json
    cursor = first["next_cursor"]
    assert first["page"] is None and first["total"] == 3 and cursor
    for url in (f"/api/v1/requests?per_page=2&sort=reference&cursor={cursor}",
                "/api/v1/requests?per_page=2&sort=id&cursor=bm9uc2Vuc2U",
                f"/api/v1/requests?per_page=2&sort=id&cursor={cursor}&page=2"):
        refused = client.get(url, headers=headers)
        assert refused.status_code == 400, url
    numbered = client.get("/api/v1/requests?per_page=2&page=1&sort=id", headers=headers).json
    assert numbered["page"] == 1 and numbered["pages"] == 2 and numbered["next_cursor"]


def test_etags_make_changes_conditional_and_reads_cheap(client):
    headers = _token(make_user())
    created = client.post("/api/v1/requests", json=NEW, headers=headers)
    url, tag = created.headers["Location"], created.headers["ETag"]
    assert tag == f'"{created.json["id"]}-{created.json["version"]}"'
    unchanged = client.get(url, headers={**headers, "If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.data == b"" and unchanged.headers["ETag"] == tag
    moved = client.post(f"{url}/transitions", json={"to": "pending"}, headers={**headers, "If-Match": tag})
    assert moved.status_code == 200 and moved.headers["ETag"] != tag
    for path, body in ((url, {"summary": "Поздно"}), (f"{url}/reminders", {"channel": "email"}),
                       (f"{url}/transitions", {"to": "withdrawn"}), (f"{url}/events", {"event": "acknowledged"})):
        stale = client.open(path, method="PATCH" if path == url else "POST", json=body,
                            headers={**headers, "If-Match": tag})
        assert stale.status_code == 412 and stale.json["current"]["status"] == "pending", path
    current = client.get(url, headers={**headers, "If-None-Match": tag})
    assert current.status_code == 200 and current.json["status"] == "pending"
    patched = client.patch(url, json={"summary": "Вовремя"}, headers={**headers, "If-Match": current.headers["ETag"]})
    assert patched.status_code == 200 and patched.json["summary"] == "Вовремя"
    events = [e["event"] for e in client.get(f"{url}/history", headers=headers).json["items"]]
    assert "reminder_sent" not in events and "acknowledged" not in events


def test_a_supervisor_hands_a_request_over_and_every_caller_learns_who_they_are(client):
    owner, colleague = make_user(), make_user()
    supervisor = make_user(Role.SUPERVISOR)
    request = make_request(owner)
    headers, owners_headers, admins_headers = _token(supervisor), _token(owner), _token(make_user(Role.ADMIN))
    me = client.get("/api/v1/me", headers=headers).json
    assert (me["role"], me["sees_every_unit"], me["sees_personal_data"]) == ("supervisor", True, True)
    assert client.get("/api/v1/me", headers=admins_headers).json["sees_personal_data"] is False
    url = f"/api/v1/requests/{request.id}/reassignments"
    stale = client.post(url, json={"owner": colleague.email, "version": request.version + 5}, headers=headers)
    assert stale.status_code == 409
    unknown = client.post(url, json={"owner": "nobody@prokuror.example", "version": request.version},
                          headers=headers)
    assert unknown.status_code == 422 and list(unknown.json["errors"]) == ["owner"]
    moved = client.post(url, json={"owner": colleague.email.upper(), "note": "Отпуск", "version": request.version},
                        headers=headers)
    assert moved.status_code == 200 and moved.json["owner"] == colleague.email
    assert client.post(url, json={"owner": owner.email}, headers=owners_headers).status_code == 403
    history = client.get(f"/api/v1/requests/{request.id}/history", headers=headers).json["items"]
    assert history[-1]["event"] == "reassigned" and history[-1]["changes"]["owner"] == [owner.email, colleague.email]
    categories = client.get("/api/v1/crime-categories", headers={**headers, "Accept-Language": "ru"}).json
    assert "fraud" in [c["code"] for c in categories] and all(c["name"] == c["names"]["ru"] for c in categories)
