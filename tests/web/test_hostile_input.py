"""Odd and hostile input on every route with an id or a query: a clear 4xx in the user's language, nothing written,
never a 500 (issue 17: Unicode digits, NUL characters, ids past the database's integers, dates of year 1 or 9999,
deeply nested or broken JSON, two registrations of one number at once)."""
import csv
import io
import json

import pytest
from flask_babel import force_locale
import sqlalchemy as sa

from tests.factories import PASSWORD, make_request, make_user
from tracker.domain.case_numbers import case_number_warning
from tracker.domain.people import Role
from tracker.domain.statuses import Kind
from tracker import clock
from tracker.extensions import db
from tracker.jobs.leadership import beat
from tracker.models import Request
from tracker.services import requests as request_service
from tracker.services.users import issue_api_token
from tracker.web.admin import AUDIT_PARAMS
from tracker.web.admin_reads import READ_PARAMS
from tracker.web.api import query as api_query
from tracker.web.api.deadlines_api import DEADLINE_PARAMS
from tracker.web.api.records_api import EXPORT_PARAMS
from tracker.web.api.reports_api import PERIOD_REPORT_PARAMS
from tracker.web.params import MAX_ID, Param
from tracker.web.request_list import LIST_PARAMS, ORDER_PARAMS, REPORT_FILTERS

# What a hostile caller puts in a typed parameter: Unicode digits (isdigit() but not int()), numbers past 2^31 and
# 10^23, signs and spaces, dates outside 1900-2100 or that do not exist, words where codes go.
HOSTILE = {
    "integer": ["²", "٣", "1²", str(2**31), "1" + "0" * 23, "-1", "0", " 1", "1e3", "9" * 5000],
    "date": ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "2026-02-30", "²⁰²⁶-01-01", "20260101",
             " 2026-01-01"],
    "boolean": ["yes", "²", "on"],
    "string": ["²²²", "ZZZ", "x" * 5000],
    "alpha2": ["²²", "R", "RUS", "Р У"],
    "email": ["nobody", "a b@c.d"],
}
NUL = "a\x00b"
PERIOD = {"start": Param("date", label="From"), "end": Param("date", label="To"),
          "as_of": Param("date", label="As of")}
REPORT_PARAMS = {name: LIST_PARAMS[name] for name in REPORT_FILTERS}
REPORT_PAGES = ("/reports/pending-by-country", "/reports/statistics", "/reports/workload", "/reports/treaties",
                "/reports/execution-times")
# Every route that reads its query, with the parameters it reads as declared in the code.
READS = {
    "/requests": LIST_PARAMS | ORDER_PARAMS,
    "/requests/export": LIST_PARAMS | ORDER_PARAMS,
    # A report reads the list's filters it counts by, no other of the list's.
    **{page: REPORT_PARAMS | PERIOD for page in REPORT_PAGES},
    "/reports/statistics/letter": REPORT_PARAMS | PERIOD,
    "/admin/audit": AUDIT_PARAMS,
    "/admin/personal-data-reads": READ_PARAMS,
    "/admin/personal-data-reads/export": READ_PARAMS,
    "/admin/treaties": {"on": Param("date")},
    "/requests/new/transfer": {"from": Param("integer", minimum=1, maximum=MAX_ID)},
    "/api/v1/requests": api_query.LIST_PARAMS,
    "/api/v1/reports/pending-by-country": api_query.REPORT_PARAMS,
    "/api/v1/reports/statistics": api_query.REPORT_PARAMS | api_query.PERIOD_PARAMS,
    "/api/v1/reports/statistics/letter": api_query.REPORT_PARAMS | api_query.PERIOD_PARAMS,
    "/api/v1/treaties": api_query.TREATY_PARAMS,
    "/api/v1/deadlines": DEADLINE_PARAMS,
    **{f"/api/v1/reports/{name}": PERIOD_REPORT_PARAMS for name in ("workload", "treaties", "execution-times")},
    "/api/v1/requests/export": EXPORT_PARAMS,
}
# Routes whose query holds nothing typed: a download's format and separator, the page to return to after login.
LENIENT = {"/admin/treaties/export", "/login",
           # The administrator's alone (the supervisor walking here gets 403): its typed parameters are refused
           # one by one in tests/web/test_api_operations.py.
           "/api/v1/audit"}


def _table_counts():
    db.session.rollback()
    return {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


@pytest.fixture
def callers(app):
    """A logged-in administrator and supervisor, and a supervisor's API token, over one request."""
    admin, supervisor = make_user(Role.ADMIN), make_user(Role.SUPERVISOR)
    request = make_request(supervisor)
    headers = {"Authorization": f"Bearer {issue_api_token(supervisor)}", "Accept-Language": "en"}
    db.session.commit()
    clients = {}
    for name, user in (("admin", admin), ("supervisor", supervisor)):
        clients[name] = app.test_client()
        assert clients[name].post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return clients, headers, request


def _get(callers, url):
    """A GET as whoever may open the page: the API with the token, admin pages as the administrator."""
    clients, headers, _request = callers
    if url.startswith("/api/"):
        return clients["supervisor"].get(url, headers=headers)
    who = "admin" if url.startswith("/admin/") else "supervisor"
    return clients[who].get(url, headers={"Accept-Language": "en"})


def _get_routes(app):
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and not rule.arguments and not rule.endpoint.endswith("static")})


def test_every_route_reading_a_query_is_in_the_table(app):
    reading = {rule for rule in _get_routes(app)}
    untyped = reading - set(READS) - LENIENT
    # Pages that read no query at all: the walk below still sends them every hostile value.
    assert untyped == {"/", "/my-work", "/digest", "/requests/new", "/admin/users", "/admin/treaties/misfits",
                       "/admin/crime-categories", "/admin/countries", "/admin/deadline-rules", "/admin/users/new",
                       "/admin/treaties/new", "/admin/crime-categories/new", "/admin/deadline-rules/new",
                       "/import/requests", "/admin/treaties/import", "/api/v1/openapi.json", "/api/v1/countries", "/api/v1/crime-categories", "/api/v1/me",
                       "/admin/units", "/admin/units/new", "/admin/webhooks", "/admin/webhooks/new",
                       "/account/tokens", "/account/calendar", "/admin/letters", "/jobs", "/healthz", "/readyz", "/metrics"}, \
        "a route reading its query: add it to READS with the parameters it reads"


def test_each_typed_parameter_refuses_each_hostile_value_with_a_4xx_and_writes_nothing(callers):
    before = _table_counts()
    wrong = []
    for url, params in READS.items():
        for name, param in params.items():
            for value in HOSTILE[param.type] + [NUL]:
                if param.type == "string" and not param.enum and value != NUL and len(value) < 1000:
                    continue  # free text and codes: any characters but NUL, up to their length
                if param.type == "integer" and value == "0" and param.minimum == 0:
                    continue  # a count of days from today, where 0 is today
                response = _get(callers, f"{url}?{_query(name, value)}")
                if url.startswith("/api/"):
                    if response.status_code != 422 or name not in response.json["errors"]:
                        wrong.append((url, name, value[:20], response.status_code))
                elif response.status_code != 400 or not any(
                        f"{named}: " in response.get_data(as_text=True) for named in (_in_english(param.label), name)):
                    wrong.append((url, name, value[:20], response.status_code))
    assert wrong == []
    assert _table_counts() == before


def test_every_page_and_api_call_survives_every_hostile_value_in_every_parameter(app, callers):
    names = sorted({name for params in READS.values() for name in params} | {"format", "sep", "sender", "next"})
    values = sorted({value for group in HOSTILE.values() for value in group if len(value) < 100}) + [NUL]
    beat(clock.now(), active_since=clock.now())  # /readyz answers 503 without a scheduler: here it has one
    before = _table_counts()
    failed = []
    for url in _get_routes(app):
        for value in values:
            response = _get(callers, f"{url}?" + "&".join(_query(name, value) for name in names))
            if response.status_code >= 500:
                failed.append((url, value, response.status_code))
    assert failed == []
    assert _table_counts() == before


def test_ids_past_the_database_integers_or_in_other_digits_are_404_on_every_route(app, callers):
    clients, headers, request = callers
    ids = {"user_id", "treaty_id", "category_id", "rule_id", "request_id"}
    wrong = []
    for rule in app.url_map.iter_rules():
        if not set(rule.arguments) & ids:
            continue
        for bad in (str(2**31), str(10**23), "9" * 5000, "²", "٣", "-1", "0"):
            url = rule.rule
            for name in rule.arguments:
                url = url.replace(f"<int:{name}>", bad)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                api = url.startswith("/api/")
                client = clients["supervisor"] if api or not url.startswith("/admin/") else clients["admin"]
                response = client.open(url, method=method, headers=headers if api else {}, json={} if api else None)
                if response.status_code != 404 or (api and response.json["code"] != "not_found"):
                    wrong.append((method, url[:60], response.status_code))
    assert wrong == []
    # The largest id the database holds is still an id: it names no request.
    assert clients["supervisor"].get(f"/requests/{2**31 - 1}").status_code == 404
    assert clients["supervisor"].get(f"/requests/{request.id}").status_code == 200


def test_a_country_code_in_an_address_is_two_letters_or_404(callers):
    clients, _headers, _request = callers
    for code in ("%00", "R%00", "RUS", "²²", "x" * 300):
        assert clients["admin"].get(f"/admin/countries/{code}").status_code == 404
    assert clients["admin"].get("/admin/countries/ru").status_code == 200


def test_the_refusal_names_each_bad_value_and_offers_the_page_without_them(callers):
    clients, headers, _request = callers
    page = clients["supervisor"].get("/requests?page=" + "1" + "0" * 23 + "&owner_id=²&kind=mla",
                                     headers={"Accept-Language": "ru"})
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "Страница:" in text or "Page:" in text  # named as the page names it, in the user's language
    assert 'href="http://localhost/requests?kind=mla"' in text
    api = clients["supervisor"].get("/api/v1/requests?page=" + "1" + "0" * 23, headers=headers)
    assert api.status_code == 422 and api.json["errors"] == {"page": "Expected a number from 1 to 100000."}


def test_report_dates_outside_the_years_the_register_knows_get_a_message(callers):
    clients, headers, _request = callers
    api = clients["supervisor"].get("/api/v1/reports/statistics?from=2020-01-01&to=9999-12-31", headers=headers)
    assert api.status_code == 422 and api.json["errors"] == {"to": "Enter a date within the years 1900 to 2100."}
    api = clients["supervisor"].get("/api/v1/reports/pending-by-country?as_of=0001-01-01", headers=headers)
    assert api.status_code == 422 and set(api.json["errors"]) == {"as_of"}
    page = clients["supervisor"].get("/reports/pending-by-country?as_of=0001-01-01", headers={"Accept-Language": "en"})
    assert page.status_code == 400
    assert "As of: Enter a date within the years 1900 to 2100." in page.get_data(as_text=True)
    download = clients["supervisor"].get("/reports/statistics?end=9999-12-31&format=xlsx")
    assert download.status_code == 400 and download.mimetype == "text/html"


def test_nul_characters_in_a_query_a_form_or_the_login_are_refused_before_anything_is_read(app, callers):
    clients, headers, request = callers
    before = _table_counts()
    anonymous = app.test_client()
    login = anonymous.post("/login", data={"email": "chief\x00@prokuror.example", "password": "x"},
                           headers={"Accept-Language": "en"})
    assert login.status_code == 400 and "NUL character" in login.get_data(as_text=True)
    edit = clients["supervisor"].post(f"/requests/{request.id}/edit",
                                      data={"reference": "R\x00", "version": request.version})
    assert edit.status_code == 400
    listed = clients["supervisor"].get("/requests?text=a%00b", headers={"Accept-Language": "en"})
    assert listed.status_code == 400 and "text: Text cannot contain NUL characters." in listed.get_data(as_text=True)
    api = clients["supervisor"].get("/api/v1/requests?text=a%00b", headers=headers)
    assert api.status_code == 422 and set(api.json["errors"]) == {"text"}
    assert _table_counts() == before  # no login attempt counted either


def test_a_return_address_with_a_line_break_or_a_backslash_leads_to_the_start_page(app):
    user = make_user()
    for target in ("/requests\r\nSet-Cookie: x=1", "/\\evil.example", "/requests\x0b"):
        client = app.test_client()
        login = client.post(f"/login?next={_query('x', target)[2:]}", data={"email": user.email, "password": PASSWORD})
        assert (login.status_code, login.headers["Location"]) == (302, "/")
        switched = client.post("/language", data={"language": "ru", "next": target})
        assert (switched.status_code, switched.headers["Location"]) == (302, "/")


def test_unicode_digits_and_huge_numbers_in_a_treaty_list_are_problems_of_their_rows(callers):
    clients, _headers, _request = callers
    exported = clients["admin"].get("/admin/treaties/export?format=csv").get_data()
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    column = rows[0].index("arrest_limit_days")
    rows[1][column], rows[2][column] = "4²", "9" * 5000
    rows[3][rows[0].index("parties")] = "KG:0001-01-01"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    before = _table_counts()
    page = clients["admin"].post("/admin/treaties/import", headers={"Accept-Language": "en"},
                                 content_type="multipart/form-data",
                                 data={"file": (io.BytesIO(buffer.getvalue().encode()), "treaties.csv")})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Nothing was imported: 3 problems to correct." in text
    assert "Enter a date within the years 1900 to 2100." in text
    assert _table_counts() == before


def test_a_case_number_in_other_digits_is_warned_about():
    assert case_number_warning("²" * 15) == "not_digits" and case_number_warning("٣" * 15) == "not_digits"
    assert case_number_warning("217500031000123") is None


NEW = {"reference": "API-H", "kind": "mla", "country": "KG", "case_number": "217500031000123",
       "crime_category": "fraud", "sent_on": "2026-10-01"}


@pytest.mark.parametrize("method,path", [("POST", ""), ("PATCH", "/{id}"), ("POST", "/{id}/transitions")])
def test_json_nested_fifty_thousand_levels_deep_is_a_400(callers, method, path):
    clients, headers, request = callers
    body = '{"summary": ' + "[" * 50000 + "]" * 50000 + "}"
    before = _table_counts()
    response = clients["supervisor"].open("/api/v1/requests" + path.format(id=request.id), method=method, data=body,
                                          headers=headers, content_type="application/json")
    assert response.status_code == 400 and response.json["detail"] == "The body is nested too deeply."
    assert _table_counts() == before


def test_broken_and_oversized_json_bodies_are_refused(callers):
    clients, headers, _request = callers
    for body in ('{"reference": "A"', "[" * 900 + "]" * 900, '"\\ud800', "\xff", "1" * 5000):
        response = clients["supervisor"].post("/api/v1/requests", data=body, headers=headers,
                                              content_type="application/json")
        assert response.status_code == 400, body[:20]
    huge = json.dumps({**NEW, "summary": "x" * (2 * 1024 * 1024)})
    response = clients["supervisor"].post("/api/v1/requests", data=huge, headers=headers,
                                          content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize("body,field", [
    ({**NEW, "reference": "\ud800"}, "reference"), ({**NEW, "summary": "ok \udfff"}, "summary"),
    ({**NEW, "kind": "extradition", "person": {"name": "Ким \ud800"}}, "person.name"),
    ({**NEW, "kind": "extradition", "person": {"name": "Ким", "\ud800": 1}}, "person.\ud800"), ({**NEW, "\ud800": 1}, "\ud800"),
])
def test_a_lone_surrogate_in_an_api_string_is_a_422_naming_the_field(callers, body, field):
    clients, headers, _request = callers
    before = _table_counts()
    response = clients["supervisor"].post("/api/v1/requests", data=json.dumps(body), headers=headers,
                                          content_type="application/json")
    assert response.status_code == 422 and field in response.json["errors"], response.json
    assert _table_counts() == before


@pytest.fixture
def registered_meanwhile(monkeypatch):
    """Once armed, the next registration number check passes, as when another registration of the same number
    commits between the check and the write; later checks see the register as it is. Gives the numbers checked."""
    real, calls = request_service._reference_taken, []

    def arm():
        def next_check_misses(reference, request_id):
            calls.append(reference)
            return False if len(calls) == 1 else real(reference, request_id)
        monkeypatch.setattr(request_service, "_reference_taken", next_check_misses)
        return calls
    return arm


def test_two_registrations_of_one_number_at_once_give_the_duplicate_message_through_the_api(callers,
                                                                                          registered_meanwhile):
    clients, headers, request = callers
    before = _table_counts()
    checked = registered_meanwhile()
    response = clients["supervisor"].post("/api/v1/requests", json={**NEW, "reference": request.reference},
                                          headers=headers)
    assert response.status_code == 409, response.json
    assert response.json["errors"] == {"reference": "A request with this registration number already exists."}
    assert response.headers["Location"] == f"/api/v1/requests/{request.id}"
    assert _table_counts() == before and checked == [request.reference] * 2


def test_two_registrations_of_one_number_at_once_give_the_duplicate_message_in_the_form(callers,
                                                                                      registered_meanwhile):
    clients, _headers, request = callers
    before = _table_counts()
    registered_meanwhile()
    page = clients["supervisor"].post("/requests/new/mla", headers={"Accept-Language": "en"}, data={
        "reference": request.reference, "country_code": "KG", "case_number": "217500031000777",
        "crime_category_id": str(request.crime_category_id), "sent_on": "2026-10-01"})
    assert page.status_code == 200
    assert "A request with this registration number already exists." in page.get_data(as_text=True)
    assert _table_counts() == before


def test_renaming_to_a_number_registered_meanwhile_gives_the_duplicate_message(callers, registered_meanwhile):
    clients, headers, request = callers
    other = make_request(request.owner, Kind.MLA)
    before = _table_counts()
    registered_meanwhile()
    response = clients["supervisor"].patch(f"/api/v1/requests/{other.id}",
                                           json={"reference": request.reference, "version": other.version},
                                           headers=headers)
    assert response.status_code == 422, response.json
    assert response.json["errors"] == {"reference": "A request with this registration number already exists."}
    assert _table_counts() == before
    db.session.rollback()
    assert db.session.get(Request, other.id).reference == other.reference


def _in_english(label) -> str:
    with force_locale("en"):
        return str(label)


def _query(name, value):
    from urllib.parse import quote

    return f"{quote(name)}={quote(value)}"
