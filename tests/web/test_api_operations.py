"""The API's operations that the pages had and it lacked (issue 18): deadlines, period reports, the list's export,
the import of a register and the audit log, each as the pages read the caller's access."""
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.factories import TODAY, make_request, make_unit, make_user, treaty, working_day
from tests.test_imports import csv_bytes, extradition_row, mla_row
from tests.web.test_exports_web import after_header, table_of
from tracker.domain.access import MASK
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import PersonalDataRead, Request
from tracker.services.users import issue_api_token
from tracker.web.api.contract import DEADLINES

SOUGHT = "Искомов Тайный"


def _headers(user, language="en"):
    """A fresh token of `user` as the Authorization header. The test's reading transaction ends first: on SQLite it
    could not write after the app's calls wrote."""
    db.session.commit()
    token = issue_api_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": language}


def _errors(response) -> dict:
    """The message per field or parameter of an error answer, whichever member the error format names it by."""
    body = response.get_json()
    return body.get("errors", body.get("fields")) or {}


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# Deadlines

@pytest.fixture
def deadlines_office():
    """A prosecutor of the economic unit with an MLA request sent 40 days ago (its follow-up overdue), one sent 5
    days ago, and an extradition draft of a person detained 30 days ago (release in 9 days); a prosecutor of the
    default unit with a request of their own; the central authority."""
    econ, general = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    make_unit("Экономические преступления", members=[econ])
    people = {"econ": econ, "general": general, "central": make_user(Role.CENTRAL)}
    people["old"] = make_request(econ, sent_on=TODAY - timedelta(days=40), reference="D-OLD")
    people["new"] = make_request(econ, sent_on=TODAY - timedelta(days=5), reference="D-NEW")
    people["held"] = make_request(econ, Kind.EXTRADITION, sent_on=None, reference="D-HELD",
                                  detained_on=TODAY - timedelta(days=30))
    people["theirs"] = make_request(general, sent_on=TODAY - timedelta(days=20), reference="D-THEIRS")
    return people


def _expected_deadlines(client, headers, requests, keep=lambda deadline: True):
    """The open deadlines of `requests` as each request's own `deadlines` has them, kept by `keep`, in the order
    of the register's list: last day, request id, deadline."""
    found = []
    for item in requests:
        body = client.get(f"/api/v1/requests/{item.id}", headers=headers).get_json()
        found += [(d["due_on"], item.id, DEADLINES.index(d["code"]), d["code"]) for d in body["deadlines"] if keep(d)]
    return [(request_id, code) for _due, request_id, _order, code in sorted(found)]


def test_a_requests_deadlines_carry_their_rules_and_every_extension(client, deadlines_office):
    owner, item = deadlines_office["econ"], deadlines_office["old"]
    headers = _headers(owner)
    url = f"/api/v1/requests/{item.id}"
    before = client.get(f"{url}/deadlines", headers=headers).get_json()
    assert before["deadlines"] == client.get(url, headers=headers).get_json()["deadlines"]
    assert before["extensions"] == [] and before["overdue"] is True and before["reference"] == "D-OLD"
    follow_up = next(d for d in before["deadlines"] if d["code"] == "follow_up")
    assert follow_up["days_left"] < 0 and follow_up["rule"] == "follow_up" and follow_up["source"]
    later = working_day(TODAY + timedelta(days=10))
    extended = client.post(f"{url}/extensions", headers=headers, json={
        "deadline": "follow_up", "new_due_on": later.isoformat(), "reason": "Ответ обещан письмом",
        "version": client.get(url, headers=headers).get_json()["version"]})
    assert extended.status_code == 201, extended.get_json()
    after = client.get(f"{url}/deadlines", headers=headers).get_json()
    assert after["deadlines"] == client.get(url, headers=headers).get_json()["deadlines"]
    assert next(d for d in after["deadlines"] if d["code"] == "follow_up")["due_on"] == later.isoformat()
    [extension] = after["extensions"]
    assert (extension["deadline"], extension["to"], extension["reason"], extension["author"]) == (
        "follow_up", later.isoformat(), "Ответ обещан письмом", owner.email)
    assert extension["from"] == follow_up["moved_from"] or extension["from"] == follow_up["due_on"]
    outsider = _headers(deadlines_office["general"])
    assert client.get(f"{url}/deadlines", headers=outsider).status_code == 404


def test_the_registers_open_deadlines_are_those_of_each_visible_request_in_order(client, deadlines_office):
    office = deadlines_office
    headers = _headers(office["econ"])
    mine = [office["old"], office["new"], office["held"]]
    listed = client.get("/api/v1/deadlines", headers=headers)
    assert listed.status_code == 200
    body = listed.get_json()
    assert [(item["request_id"], item["code"]) for item in body["items"]] == _expected_deadlines(client, headers, mine)
    assert body["total"] == len(body["items"]) and body["pages"] == 1 and body["page"] == 1
    assert "D-THEIRS" not in {item["reference"] for item in body["items"]}
    first = body["items"][0]
    assert first["owner"] == office["econ"].email and first["status"] in ("sent", "draft")
    everything = client.get("/api/v1/deadlines?per_page=100", headers=_headers(office["central"])).get_json()
    assert "D-THEIRS" in {item["reference"] for item in everything["items"]}
    theirs = client.get("/api/v1/deadlines", headers=_headers(office["general"])).get_json()
    assert {item["reference"] for item in theirs["items"]} == {"D-THEIRS"}


@pytest.mark.parametrize("query,keep", [
    ("due_within_days=14", lambda d: 0 <= d["days_left"] <= 14),
    ("due_within_days=0", lambda d: d["days_left"] == 0),
    ("code=release", lambda d: d["code"] == "release"),
    ("code=follow_up&code=reminder", lambda d: d["code"] in ("follow_up", "reminder")),
    ("overdue=true", lambda d: d["days_left"] < 0),
    ("overdue=false&code=follow_up", lambda d: d["days_left"] >= 0 and d["code"] == "follow_up"),
])
def test_the_registers_deadlines_filtered(client, deadlines_office, query, keep):
    office = deadlines_office
    headers = _headers(office["econ"])
    body = client.get(f"/api/v1/deadlines?{query}", headers=headers).get_json()
    expected = _expected_deadlines(client, headers, [office["old"], office["new"], office["held"]], keep)
    assert [(item["request_id"], item["code"]) for item in body["items"]] == expected
    assert all(item["overdue"] == (item["days_left"] < 0) for item in body["items"])


def test_the_release_deadline_is_due_within_its_window(client, deadlines_office):
    headers = _headers(deadlines_office["econ"])
    body = client.get("/api/v1/deadlines?due_within_days=9&code=release", headers=headers).get_json()
    assert [(item["reference"], item["days_left"]) for item in body["items"]] == [("D-HELD", 9)]
    assert client.get("/api/v1/deadlines?due_within_days=8&code=release", headers=headers).get_json()["total"] == 0


def test_the_registers_deadlines_page_by_page(client, deadlines_office):
    headers = _headers(deadlines_office["econ"])
    whole = client.get("/api/v1/deadlines", headers=headers).get_json()["items"]
    assert len(whole) >= 3
    pages = [client.get(f"/api/v1/deadlines?per_page=2&page={number}", headers=headers).get_json()
             for number in (1, 2)]
    assert pages[0]["items"] + pages[1]["items"] == whole[:4]
    assert pages[0]["total"] == len(whole) and pages[0]["pages"] == -(-len(whole) // 2)
    assert client.get("/api/v1/deadlines?page=99", headers=headers).get_json()["items"] == []


@pytest.mark.parametrize("query,status,name", [
    ("due_within_days=366", 422, "due_within_days"), ("due_within_days=-1", 422, "due_within_days"),
    ("code=deadline", 422, "code"), ("overdue=maybe", 422, "overdue"), ("per_page=0", 422, "per_page"),
    ("due_in=3", 400, "due_in"), ("overdue=true&overdue=false", 400, "overdue"),
])
def test_the_registers_deadlines_refuse_what_they_cannot_read(client, deadlines_office, query, status, name):
    response = client.get(f"/api/v1/deadlines?{query}", headers=_headers(deadlines_office["econ"]))
    assert response.status_code == status and name in _errors(response)


# Reports

@pytest.fixture
def reported():
    """Two prosecutors of the default unit and one of another unit with its supervisor: requests executed in
    the year in two countries, one on a treaty, pending ones and a draft."""
    first, second = make_user(Role.PROSECUTOR, name="Абаев Арман"), make_user(Role.PROSECUTOR, name="Бекова Асель")
    outside, outside_head = make_user(Role.PROSECUTOR, name="Иванов Олег"), make_user(Role.SUPERVISOR)
    make_unit("Следственный отдел", members=[outside, outside_head])
    minsk = treaty("minsk-1993").id
    sent, pending, done = working_day(date(2026, 2, 2)), working_day(date(2026, 3, 2)), working_day(date(2026, 5, 4))
    make_request(first, reference="W-1", sent_on=sent, treaty_id=minsk, country_code="KG",
                 statuses=[(Status.PENDING, pending), (Status.EXECUTED, done)])
    make_request(first, reference="W-2", sent_on=sent, country_code="TR",
                 statuses=[(Status.PENDING, pending), (Status.EXECUTED, working_day(date(2026, 6, 1)))])
    make_request(first, reference="W-3", sent_on=TODAY - timedelta(days=40), treaty_id=minsk, country_code="KG")
    make_request(second, reference="W-4", sent_on=None)
    make_request(second, Kind.EXTRADITION, reference="W-5", sent_on=sent, detained_on=None)
    make_request(outside, reference="W-6", sent_on=sent, statuses=[(Status.PENDING, pending), (Status.EXECUTED, done)])
    return {"outside_head": outside_head}


def _page_table(client, auth, user, page, query):
    """The table of a report page's CSV download (its header left out) as `user` downloads it."""
    auth.login(user)
    response = client.get(f"/reports/{page}?{query}&format=csv&sep=comma", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    auth.logout()
    return after_header(table_of(response, ","))


@pytest.mark.parametrize("page", ["workload", "treaties", "execution-times"])
def test_each_period_report_gives_the_figures_of_its_page(client, auth, reported, page):
    supervisor = make_user(Role.SUPERVISOR)
    start, end = "2026-01-01", TODAY.isoformat()
    body = client.get(f"/api/v1/reports/{page}?from={start}&to={end}", headers=_headers(supervisor)).get_json()
    assert (body["from"], body["to"]) == (start, end)
    table = _page_table(client, auth, supervisor, page, f"start={start}&end={end}")
    if page in ("workload", "treaties"):
        figures = ("pending", "drafts", "overdue", "executed_in_period") if page == "workload" else (
            "mla", "extradition", "transfer", "total")
        rows = [[row["name"], *(row[name] for name in figures)] for row in body["rows"]] + [
            ["Total", *(body["totals"][name] for name in figures)]]
    else:
        rows = [[row["country"], row["executed"], row["median_days"]] for row in body["rows"]]
        table = [[code, executed, median] for _name, code, executed, median in table]
    assert [[str(cell) for cell in row] for row in rows] == table[1:]
    assert len(body["rows"]) >= 2


def test_the_workload_names_prosecutors_by_email_and_counts_as_the_page_says(client, reported):
    body = client.get("/api/v1/reports/workload?from=2026-01-01", headers=_headers(make_user(Role.CENTRAL))).get_json()
    by_name = {row["name"]: row for row in body["rows"]}
    first = by_name["Абаев Арман"]
    assert (first["pending"], first["drafts"], first["overdue"], first["executed_in_period"]) == (1, 0, 1, 2)
    assert first["owner"].endswith("@prokuror.example")
    assert (by_name["Бекова Асель"]["pending"], by_name["Бекова Асель"]["drafts"]) == (1, 1)
    treaties = client.get("/api/v1/reports/treaties?from=2026-01-01&kind=mla",
                          headers=_headers(make_user(Role.CENTRAL))).get_json()
    assert {row["treaty"]: row["mla"] for row in treaties["rows"]} == {"minsk-1993": 2, None: 2}


def test_a_supervisor_of_another_unit_counts_only_its_requests(client, reported):
    headers = _headers(reported["outside_head"])
    workload = client.get("/api/v1/reports/workload?from=2026-01-01", headers=headers).get_json()
    assert [row["name"] for row in workload["rows"]] == ["Иванов Олег"]
    times = client.get("/api/v1/reports/execution-times?from=2026-01-01", headers=headers).get_json()
    assert [(row["country"], row["executed"]) for row in times["rows"]] == [("RU", 1)]


def test_a_period_report_runs_from_the_first_of_january_to_today_unless_asked(client, reported):
    body = client.get("/api/v1/reports/treaties", headers=_headers(make_user(Role.SUPERVISOR))).get_json()
    assert (body["from"], body["to"]) == (date(TODAY.year, 1, 1).isoformat(), TODAY.isoformat())


@pytest.mark.parametrize("page", ["workload", "treaties", "execution-times"])
def test_period_reports_are_for_supervisors_and_refuse_what_they_cannot_read(client, page):
    url = f"/api/v1/reports/{page}"
    assert client.get(url, headers=_headers(make_user(Role.PROSECUTOR))).status_code == 403
    headers = _headers(make_user(Role.ADMIN))
    assert client.get(url, headers=headers).status_code == 200
    for query, status, name in (("as_of=2026-01-01", 400, "as_of"), ("start=2026-01-01", 400, "start"),
                                ("from=2026-01-01&from=2026-02-01", 400, "from"),
                                ("from=2026-13-01", 422, "from"), ("from=2026-06-01&to=2026-05-01", 422, "from"),
                                ("treaty=no-such-treaty", 422, "treaty"), ("owner=nobody@example.org", 422, "owner"),
                                ("kind=letter", 422, "kind")):
        response = client.get(f"{url}?{query}", headers=headers)
        assert response.status_code == status and name in _errors(response), (query, response.get_json())


# The list's export

@pytest.fixture
def listed():
    """A supervisor and a prosecutor of the default unit with MLA and extradition requests, and a prosecutor of
    another unit with one of their own."""
    supervisor, owner, outsider = make_user(Role.SUPERVISOR), make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    make_unit("Отдел экстрадиции", members=[outsider])
    make_request(owner, reference="E-1", treaty_id=treaty("minsk-1993").id, country_code="KG")
    make_request(owner, reference="E-2", country_code="KG", sent_on=None)
    make_request(owner, Kind.EXTRADITION, reference="E-3", person_name=SOUGHT, detained_on=None)
    make_request(outsider, reference="E-4")
    return {"supervisor": supervisor, "owner": owner, "outsider": outsider}


@pytest.mark.parametrize("query", ["format=csv&sep=comma", "format=csv&sep=semicolon&kind=mla",
                                   "format=csv&sep=comma&country=KG&country=RU&pending=true", "format=xlsx&kind=mla"])
def test_the_export_is_the_list_pages_file_for_the_same_filters(client, auth, listed, query):
    supervisor = listed["supervisor"]
    api = client.get(f"/api/v1/requests/export?{query}", headers=_headers(supervisor))
    assert api.status_code == 200, api.get_data(as_text=True)
    auth.login(supervisor)
    page_query = query.replace("pending=true", "pending=1")
    page = client.get(f"/requests/export?{page_query}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert api.headers["Content-Disposition"] == page.headers["Content-Disposition"]
    assert api.mimetype == page.mimetype
    delimiter = None if "xlsx" in query else ";" if "semicolon" in query else ","
    assert table_of(api, delimiter) == table_of(page, delimiter)
    assert len(table_of(api, delimiter)) >= 2


def test_the_export_sorts_as_asked_and_defaults_to_the_callers_separator(client, listed):
    headers = _headers(listed["supervisor"], language="ru")
    response = client.get("/api/v1/requests/export?sort=reference", headers=headers)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = table_of(response, ";")
    assert [row[0] for row in rows[1:]] == ["E-1", "E-2", "E-3"]
    assert response.headers["Content-Disposition"] == f"attachment; filename=requests-{TODAY.isoformat()}.csv"


def test_the_export_holds_only_the_callers_units_and_is_logged_as_a_read(client, listed):
    before = _count(PersonalDataRead)
    response = client.get("/api/v1/requests/export?format=csv&sep=comma", headers=_headers(listed["outsider"]))
    assert [row[0] for row in table_of(response, ",")[1:]] == ["E-4"]
    db.session.rollback()
    logged = db.session.scalars(sa.select(PersonalDataRead).order_by(PersonalDataRead.id.desc())).first()
    assert _count(PersonalDataRead) == before + 1
    assert (logged.user_id, logged.channel, logged.path, logged.rows) == (
        listed["outsider"].id, "export", "/api/v1/requests/export", 1)


def test_the_administrators_export_masks_the_person_sought_and_logs_no_read(client, listed):
    before = _count(PersonalDataRead)
    response = client.get("/api/v1/requests/export?format=csv&sep=comma&kind=extradition",
                          headers=_headers(make_user(Role.ADMIN)))
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and SOUGHT not in text and MASK in text and "E-3" in text
    assert _count(PersonalDataRead) == before


@pytest.mark.parametrize("query,status,names", [
    ("format=pdf", 422, {"format"}), ("sep=tab", 422, {"sep"}), ("format=pdf&kind=letter", 422, {"format", "kind"}),
    ("country=RUS", 422, {"country"}), ("treaty=nonexistent", 422, {"treaty"}),
    ("page=2", 400, {"page"}), ("cursor=abc", 400, {"cursor"}), ("per_page=10", 400, {"per_page"}),
    ("format=csv&format=xlsx", 400, {"format"}), ("delimiter=comma", 400, {"delimiter"}),
])
def test_the_export_refuses_what_it_cannot_read(client, listed, query, status, names):
    before = _count(PersonalDataRead)
    response = client.get(f"/api/v1/requests/export?{query}", headers=_headers(listed["supervisor"]))
    assert response.status_code == status and names <= set(_errors(response)), response.get_json()
    assert _count(PersonalDataRead) == before


# The import

def _upload(client, headers, data, *, dry_run=None, filename="register.csv", extra=None):
    """Posts a register file as the import page's form sends it."""
    query = "" if dry_run is None else f"?dry_run={'true' if dry_run else 'false'}"
    form = {"file": (io.BytesIO(data), filename), **(extra or {})}
    return client.post(f"/api/v1/imports/requests{query}", data=form, headers=headers,
                       content_type="multipart/form-data")


def test_a_dry_run_reports_the_rows_and_creates_nothing(client, supervisor, prosecutor):
    make_request(prosecutor, reference="IMP-0", sent_on=date(2026, 9, 1))
    data = csv_bytes([mla_row("IMP-1", prosecutor), mla_row("IMP-2", prosecutor, country="KG")])
    before = _count(Request)
    response = _upload(client, _headers(supervisor), data, dry_run=True)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["dry_run"] is True and body["read"] == 2 and body["problems"] == 0 and body["rows"] == []
    assert body["created"] == [{"row": 2, "reference": "IMP-1"}, {"row": 3, "reference": "IMP-2"}]
    assert _count(Request) == before


def test_an_import_registers_every_row_and_answers_their_ids(client, supervisor, prosecutor):
    data = csv_bytes([mla_row("IMP-1", prosecutor), mla_row("IMP-2", prosecutor, country="KG")])
    response = _upload(client, _headers(supervisor), data, dry_run=False)
    assert response.status_code == 201, response.get_json()
    created = response.get_json()["created"]
    db.session.rollback()
    stored = {item.reference: item for item in db.session.scalars(sa.select(Request))}
    assert [(row["row"], row["reference"], row["id"]) for row in created] == [
        (2, "IMP-1", stored["IMP-1"].id), (3, "IMP-2", stored["IMP-2"].id)]
    assert stored["IMP-2"].country_code == "KG" and stored["IMP-1"].owner_id == prosecutor.id
    again = _upload(client, _headers(supervisor), data)
    assert again.status_code == 201 and again.get_json()["created"] == []
    assert [row["reference"] for row in again.get_json()["unchanged"]] == ["IMP-1", "IMP-2"]


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_created(client, supervisor, prosecutor):
    data = csv_bytes([mla_row("IMP-1", prosecutor), mla_row("IMP-2", prosecutor, country="Атлантида"),
                      mla_row("IMP-3", prosecutor, sent_on="31.02.2026", crime_category="nothing")])
    before = _count(Request)
    response = _upload(client, _headers(supervisor), data)
    assert response.status_code == 422
    rows = {row["row"]: row["errors"] for row in response.get_json()["rows"]}
    assert set(rows) == {3, 4} and "country" in rows[3] and {"sent_on", "crime_category"} <= set(rows[4])
    assert _count(Request) == before
    checked = _upload(client, _headers(supervisor), data, dry_run=True)
    assert checked.status_code == 200 and checked.get_json()["rows"] == response.get_json()["rows"]
    assert checked.get_json()["problems"] == 3 and _count(Request) == before


def test_an_unreadable_or_misnamed_file_is_refused(client, supervisor):
    headers = _headers(supervisor)
    unreadable = _upload(client, headers, b"PK\x03\x04 not a workbook", filename="register.xlsx")
    assert unreadable.status_code == 422 and unreadable.get_json()["rows"][0]["row"] == 0
    assert set(unreadable.get_json()["rows"][0]["errors"]) == {"file"}
    headings_only = _upload(client, headers, csv_bytes([]))
    assert headings_only.status_code == 422 and "file" in headings_only.get_json()["rows"][0]["errors"]
    misnamed = _upload(client, headers, csv_bytes([]), filename="register.txt")
    assert misnamed.status_code == 422 and "file" in _errors(misnamed)
    assert _count(Request) == 0


def test_the_import_refuses_roles_bodies_and_parameters_it_does_not_take(client, app, supervisor, prosecutor,
                                                                          monkeypatch):
    data = csv_bytes([mla_row("IMP-1", prosecutor)])
    assert _upload(client, _headers(prosecutor), data).status_code == 403
    headers = _headers(supervisor)
    assert client.post("/api/v1/imports/requests", json={"file": "x"}, headers=headers).status_code == 415
    missing = client.post("/api/v1/imports/requests", data={"other": "x"}, headers=headers,
                          content_type="multipart/form-data")
    assert missing.status_code == 422 and {"file", "other"} <= set(_errors(missing))
    extra = _upload(client, headers, data, extra={"note": "x"})
    assert extra.status_code == 422 and "note" in _errors(extra)
    bad_flag = client.post("/api/v1/imports/requests?dry_run=perhaps", data={"file": (io.BytesIO(data), "r.csv")},
                           headers=headers, content_type="multipart/form-data")
    assert bad_flag.status_code == 422 and "dry_run" in _errors(bad_flag)
    unknown = client.post("/api/v1/imports/requests?check=1", data={"file": (io.BytesIO(data), "r.csv")},
                          headers=headers, content_type="multipart/form-data")
    assert unknown.status_code == 400 and "check" in _errors(unknown)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    large = _upload(client, headers, data + b"," * 2000)
    assert large.status_code == 413 and large.is_json
    assert _count(Request) == 0


def test_the_administrators_import_report_masks_registered_personal_data(client, prosecutor):
    make_request(prosecutor, Kind.EXTRADITION, reference="IMP-E", country_code="KG", person_name=SOUGHT,
                 sent_on=date(2026, 9, 1), detained_on=date(2026, 10, 20))
    row = extradition_row("IMP-E", prosecutor, sent_on="2026-09-01", person_name="Другой Человек")
    response = _upload(client, _headers(make_user(Role.ADMIN)), csv_bytes([row]), dry_run=True)
    assert response.status_code == 200, response.get_json()
    [changed] = response.get_json()["changed"]
    person = next(d for d in changed["differences"] if d["column"] == "person_name")
    assert person == {"column": "person_name", "registered": MASK, "file": MASK}
    assert SOUGHT not in response.get_data(as_text=True)


# The audit log

def test_the_audit_log_is_the_administrators_with_the_person_sought_masked(client):
    owner = make_user(Role.PROSECUTOR)
    created = client.post("/api/v1/requests", headers=_headers(owner), json={
        "reference": "A-1", "kind": "extradition", "country": "KG", "case_number": "217500031000123",
        "crime_category": "fraud", "sent_on": None, "person": {"name": SOUGHT, "name_latin": "Iskomov"}})
    assert created.status_code == 201, created.get_json()
    admin = _headers(make_user(Role.ADMIN))
    for who in (Role.PROSECUTOR, Role.SUPERVISOR, Role.CENTRAL):
        assert client.get("/api/v1/audit", headers=_headers(make_user(who))).status_code == 403
    response = client.get(f"/api/v1/audit?entity=requests&entity_id={created.get_json()['id']}", headers=admin)
    assert response.status_code == 200 and SOUGHT not in response.get_data(as_text=True)
    [entry] = response.get_json()["items"]
    assert (entry["action"], entry["source"], entry["actor"]) == ("insert", "api", owner.email)
    assert entry["changes"]["person_name"] == [None, MASK] and entry["changes"]["reference"] == [None, "A-1"]
    assert response.get_json()["total"] == 1


def test_the_audit_log_filters_as_its_page_does_and_pages(client):
    owner = make_user(Role.PROSECUTOR, email="owner@prokuror.example")
    make_request(owner, reference="A-2")
    admin = _headers(make_user(Role.ADMIN))
    whole = client.get("/api/v1/audit?per_page=100", headers=admin).get_json()
    assert whole["total"] >= len(whole["items"]) >= 3
    assert [item["id"] for item in whole["items"]] == sorted((item["id"] for item in whole["items"]), reverse=True)
    users = client.get("/api/v1/audit?entity=users", headers=admin).get_json()["items"]
    assert users and {item["entity"] for item in users} == {"users"}
    assert all(item["changes"].get("password_hash", [None, "***"])[1] == "***" for item in users)
    requests = client.get("/api/v1/audit?entity=requests", headers=admin).get_json()
    assert [item["entity_id"] for item in requests["items"]] == [str(db.session.scalar(sa.select(Request.id)))]
    today = client.get(f"/api/v1/audit?entity=requests&from={TODAY}&to={TODAY}", headers=admin).get_json()
    assert today["items"] == requests["items"]
    before = client.get(f"/api/v1/audit?entity=requests&to={TODAY - timedelta(days=1)}", headers=admin).get_json()
    assert before["total"] == 0
    second = client.get("/api/v1/audit?per_page=1&page=2", headers=admin).get_json()
    assert second["items"] == whole["items"][1:2] and second["pages"] == whole["total"]
    assert client.get("/api/v1/audit?actor=OWNER@prokuror.example", headers=admin).get_json()["total"] == 0


@pytest.mark.parametrize("query,status,name", [
    ("entity=letters", 422, "entity"), ("actor=nobody@prokuror.example", 422, "actor"), ("actor=nobody", 422, "actor"),
    ("from=2026-02-30", 422, "from"), ("from=2026-06-02&to=2026-06-01", 422, "from"), ("page=0", 422, "page"),
    ("per_page=101", 422, "per_page"), ("entity_id=" + "1" * 65, 422, "entity_id"), ("who=1", 400, "who"),
    ("entity=users&entity=units", 400, "entity"),
])
def test_the_audit_log_refuses_what_it_cannot_read(client, query, status, name):
    response = client.get(f"/api/v1/audit?{query}", headers=_headers(make_user(Role.ADMIN)))
    assert response.status_code == status and name in _errors(response), response.get_json()

