"""Personal data on a need-to-know basis: the administrator reads requests without the personal data of persons
sought (request page, list download, API, audit log, search); every read of it by anyone else is logged, and the
administrator reads that log for the data-protection officer."""
import csv
import io
from datetime import UTC, datetime

import sqlalchemy as sa

from tests.factories import NOW, TODAY, make_request, make_user
from tracker.domain.access import MASK, access_for
from tracker.domain.people import Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import PersonalDataRead
from tracker.services.access import record_read
from tracker.services.requests import editable_fields, update_request
from tracker.services.users import issue_api_token
from tracker.web import requests as request_pages

# The person sought as the factories register them, once renamed (see _sought), as an English page shows them.
RENAMED = "Ахметов Ерлан Болатович"
PERSON = {"person_name": RENAMED, "person_name_latin": "Akhmetov Yerlan", "person_birth_date": "01.03.1985",
          "person_citizenship": "Kyrgyzstan"}
LIST_HEADINGS = {"person_name": "Person sought (Cyrillic)", "person_name_latin": "Person sought (Latin letters)",
                 "person_birth_date": "Date of birth", "person_citizenship": "Citizenship"}


def _sought(owner, reference="PD-1"):
    """An extradition request of `owner` whose person's name was then completed: the history and the audit log
    hold the old and the new name."""
    request = make_request(owner, Kind.EXTRADITION, reference=reference, person_citizenship="KG")
    data = {name: getattr(request, name) for name in editable_fields(Kind.EXTRADITION)} | {"person_name": RENAMED}
    update_request(owner, request, data, expected_version=request.version, today=TODAY, now=NOW)
    db.session.commit()
    return request


def _token(user):
    """API headers with a fresh token of `user`."""
    token = issue_api_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": "en"}


def _csv(response):
    """A comma-separated download as dicts by heading."""
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def _reads():
    """Every entry of the log of reads, oldest first, as (user, channel, request, path, query, rows)."""
    db.session.commit()  # a fresh snapshot: the entries the pages wrote since
    return [(r.user_id, r.channel, r.request_id, r.path, r.query, r.rows)
            for r in db.session.scalars(sa.select(PersonalDataRead).order_by(PersonalDataRead.id))]


# (1) What the administrator reads, and what the owner reads.

def test_the_request_page_masks_the_person_for_the_administrator_alone(client, auth):
    owner = make_user()
    request = _sought(owner)
    for user, sees in ((make_user(Role.ADMIN), False), (owner, True)):
        auth.login(user)
        html = client.get(f"/requests/{request.id}").get_data(as_text=True)
        auth.logout()
        assert request.reference in html
        for value in (*PERSON.values(), "Ахметов Ерлан"):  # the old name in the history too
            assert (value in html) == sees, (user.role, value)
        # The four facts, the name's old and new values in the history, and the note saying what the mask means.
        assert html.count(MASK) == (0 if sees else 7)
        assert ("administrators do not see" in html) == (not sees)


def test_the_list_download_masks_the_person_for_the_administrator_alone(client, auth):
    owner = make_user()
    _sought(owner)
    make_request(owner, reference="PD-MLA")  # no person: its empty columns stay empty
    for user, sees in ((make_user(Role.ADMIN), False), (owner, True)):
        auth.login(user)
        rows = {row["Registration number"]: row for row in _csv(client.get("/requests/export?format=csv&sep=comma"))}
        auth.logout()
        assert {rows["PD-1"][LIST_HEADINGS[field]] for field in PERSON} == \
            (set(PERSON.values()) if sees else {MASK})
        assert {rows["PD-MLA"][heading] for heading in LIST_HEADINGS.values()} == {""}


def test_the_api_masks_the_person_and_its_changes_for_the_administrator_alone(client):
    owner = make_user()
    request = _sought(owner)
    admin, own = _token(make_user(Role.ADMIN)), _token(owner)
    real = {"name": RENAMED, "name_latin": "Akhmetov Yerlan", "birth_date": "1985-03-01", "citizenship": "KG"}
    masked = {"name": MASK, "name_latin": MASK, "birth_date": None, "citizenship": MASK}
    for headers, person, renamed in ((admin, masked, [MASK, MASK]), (own, real, ["Ахметов Ерлан", RENAMED])):
        assert client.get(f"/api/v1/requests/{request.id}", headers=headers).json["person"] == person
        assert client.get("/api/v1/requests", headers=headers).json["items"][0]["person"] == person
        history = client.get(f"/api/v1/requests/{request.id}/history", headers=headers).json["items"]
        assert [entry["changes"]["person.name"] for entry in history if entry["event"] == "edited"] == [renamed]
    document = client.get("/api/v1/openapi.json", headers=admin).json
    assert MASK in document["components"]["schemas"]["Person"]["description"]


def test_the_audit_log_masks_the_persons_old_and_new_values(client, auth):
    owner = make_user(name="Серикова Айгуль")
    request = _sought(owner)
    auth.login(make_user(Role.ADMIN))
    html = client.get(f"/admin/audit?entity=requests&entity_id={request.id}").get_data(as_text=True)
    assert "Генеральная прокуратура РФ" in html and "1985" not in html
    # The citizenship, KG, would read as the country's name; the page's random CSRF token may hold the letters "KG".
    assert all(value not in html for value in ("Ахметов", "Akhmetov", "Kyrgyzstan", "Кыргызстан", "Киргизия"))
    assert html.count(MASK) == 4 + 2  # the four facts registered, then the name's old and new values
    users = client.get(f"/admin/audit?entity=users&entity_id={owner.id}").get_data(as_text=True)
    assert "Серикова Айгуль" in users and MASK not in users  # only the person sought's data is masked


# (2) The administrator's search cannot tell who is sought.

def test_the_administrators_search_finds_by_number_never_by_the_persons_name(client, auth):
    owner = make_user()
    _sought(owner)
    for user, by_name in ((make_user(Role.ADMIN), 0), (owner, 1)):
        auth.login(user)
        for text, found in (("ахметов", by_name), ("Akhmetov", by_name), ("pd-1", 1)):
            html = client.get("/requests", query_string={"text": text}).get_data(as_text=True)
            assert f'<span id="request-count">{found} request' in html, (user.role, text)
        auth.logout()
        headers = _token(user)
        assert client.get("/api/v1/requests?text=Akhmetov", headers=headers).json["total"] == by_name
        assert client.get("/api/v1/requests?text=PD-1", headers=headers).json["total"] == 1


# (3) Every read of personal data leaves one entry; the administrator's none.

def test_each_channel_logs_one_read_with_who_what_and_how_many(client, auth):
    owner = make_user()
    request, other = _sought(owner), _sought(owner, reference="PD-2")
    make_request(owner, reference="PD-MLA")
    headers = _token(owner)
    auth.login(owner)
    reads = [
        (f"/requests/{request.id}", {}, ("page", request.id, f"/requests/{request.id}", "", 1)),
        (f"/requests/{other.id}/edit", {}, ("page", other.id, f"/requests/{other.id}/edit", "", 1)),
        ("/requests/export?kind=extradition&format=csv", {},
         ("export", None, "/requests/export", "kind=extradition&format=csv", 2)),
        ("/requests/export?format=xlsx", {}, ("export", None, "/requests/export", "format=xlsx", 3)),
        (f"/api/v1/requests/{request.id}", headers, ("api", request.id, f"/api/v1/requests/{request.id}", "", 1)),
        (f"/api/v1/requests/{other.id}/history", headers,
         ("api", other.id, f"/api/v1/requests/{other.id}/history", "", 1)),
        ("/api/v1/requests?per_page=2", headers, ("api", None, "/api/v1/requests", "per_page=2", 2)),
    ]
    for url, with_headers, entry in reads:
        before = _reads()
        assert client.get(url, headers=with_headers).status_code == 200, url
        assert _reads() == before + [(owner.id, *entry)], url
    before = _reads()
    assert client.get("/requests").status_code == 200 and _reads() == before  # the list shows no personal data
    assert client.get("/api/v1/requests?text=nobody", headers=headers).json["items"] == []
    assert _reads() == before  # an empty page read nothing


def test_the_download_is_logged_before_its_rows_go_out(client, auth, monkeypatch):
    owner = make_user()
    _sought(owner)
    logged_when_streaming = []
    rows_of = request_pages.request_list_rows

    def watched(*args, **kwargs):
        # Runs as the first row is asked for, after the view returned: another connection sees only what was committed.
        with db.engine.connect() as connection:
            logged_when_streaming.append(connection.scalar(sa.select(sa.func.count()).select_from(PersonalDataRead)))
        yield from rows_of(*args, **kwargs)
    monkeypatch.setattr(request_pages, "request_list_rows", watched)
    auth.login(owner)
    assert "PD-1" in client.get("/requests/export?format=csv").get_data(as_text=True)
    assert logged_when_streaming == [1]


def test_the_administrators_reads_are_not_logged(client, auth):
    owner, admin = make_user(), make_user(Role.ADMIN)
    request = _sought(owner)
    headers = _token(admin)
    auth.login(admin)
    for url, with_headers in ((f"/requests/{request.id}", {}), ("/requests/export?format=csv", {}),
                              ("/requests/export?format=xlsx", {}), (f"/api/v1/requests/{request.id}", headers),
                              (f"/api/v1/requests/{request.id}/history", headers), ("/api/v1/requests", headers)):
        assert client.get(url, headers=with_headers).status_code == 200, url
    assert _reads() == []


# (5) The administrator's page of the log.

def _logged_reads():
    """A prosecutor's read of one request late on 5 October (UTC: 6 October in Almaty), a supervisor's read of
    another on 7 October, and the prosecutor's download of five requests on 8 October."""
    prosecutor, supervisor = make_user(name="Иванов Данияр"), make_user(Role.SUPERVISOR, name="Бекова Сауле")
    first, second = make_request(prosecutor, reference="LOG-1"), make_request(prosecutor, reference="LOG-2")
    reader = {user.id: access_for(user.role, user.id, user.unit_id) for user in (prosecutor, supervisor)}
    record_read(reader[prosecutor.id], channel="page", path=f"/requests/{first.id}", request_id=first.id,
                now=datetime(2026, 10, 5, 20, 30, tzinfo=UTC))
    record_read(reader[supervisor.id], channel="api", path=f"/api/v1/requests/{second.id}", request_id=second.id,
                now=datetime(2026, 10, 7, 9, 0, tzinfo=UTC))
    record_read(reader[prosecutor.id], channel="export", path="/requests/export", query="kind=mla&format=csv",
                rows=5, now=datetime(2026, 10, 8, 9, 0, tzinfo=UTC))
    db.session.commit()
    return prosecutor, supervisor


def _rows(html):
    """The log's table rows on the page (the heading aside)."""
    table = html.split('id="personal-data-reads"')[1].split("</table>")[0]
    return table.count("<tr><td>")


def test_the_administrator_lists_and_filters_the_log(client, auth):
    prosecutor, supervisor = _logged_reads()
    auth.login(make_user(Role.ADMIN))
    page = client.get("/admin/personal-data-reads")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and _rows(html) == 3
    assert html.index("/requests/export?kind=mla&amp;format=csv") < html.index("LOG-2") < html.index("LOG-1")
    assert "5 requests" in html and "06.10.2026 01:30" in html  # Almaty time
    assert 'href="/admin/personal-data-reads"' in html  # on the administrators' menu
    for query, count in ((f"user={supervisor.id}", 1), (f"user={prosecutor.id}", 2), ("reference=LOG-1", 1),
                         ("reference=LOG-9", 0), ("from=2026-10-06&to=2026-10-07", 2), ("from=2026-10-08", 1),
                         ("to=2026-10-05", 0), (f"user={prosecutor.id}&from=2026-10-07", 1)):
        assert _rows(client.get(f"/admin/personal-data-reads?{query}").get_data(as_text=True)) == count, query
    for query in ("user=abc", "from=2026-13-01", "page=0", "reference=" + "x" * 61):
        refused = client.get(f"/admin/personal-data-reads?{query}")
        assert refused.status_code == 400 and 'id="parameter-problems"' in refused.get_data(as_text=True), query
        assert client.get(f"/admin/personal-data-reads/export?{query}").status_code == 400, query


def test_the_administrator_downloads_the_filtered_log(client, auth):
    prosecutor, _supervisor = _logged_reads()
    auth.login(make_user(Role.ADMIN))
    rows = _csv(client.get(f"/admin/personal-data-reads/export?format=csv&sep=comma&user={prosecutor.id}"))
    assert [(r["When"], r["Who"], r["Email"], r["Channel"], r["Registration number"], r["Web address"],
             r["Requests"]) for r in rows] == [
        ("08.10.2026 14:00:00", "Иванов Данияр", prosecutor.email, "Download", "",
         "/requests/export?kind=mla&format=csv", "5"),
        ("06.10.2026 01:30:00", "Иванов Данияр", prosecutor.email, "Web page", "LOG-1", rows[1]["Web address"], "1")]
    assert len(_csv(client.get("/admin/personal-data-reads/export?format=csv&sep=comma"))) == 3
    assert client.get("/admin/personal-data-reads/export?format=xlsx").status_code == 200


def test_only_the_administrator_reads_the_log(client, auth):
    _logged_reads()
    auth.login(make_user(Role.SUPERVISOR))
    assert client.get("/admin/personal-data-reads").status_code == 403
    assert client.get("/admin/personal-data-reads/export?format=csv").status_code == 403
