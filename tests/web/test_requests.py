"""Registering, editing and moving requests through the pages, as prosecutors and supervisors do."""
from datetime import date

import sqlalchemy as sa

from tests.factories import TODAY, category, make_request, make_user, treaty
from tests.factories import SYSTEM
from tracker import clock
from tracker.domain.history import EventType
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import Request, RequestEvent
from tracker.services import queries


def _mla_form(**overrides):
    """The fields a prosecutor fills in to register an MLA request."""
    data = {"reference": "МСП-2026-0001", "country_code": "KG", "authority": "Генпрокуратура КР",
            "treaty_id": str(treaty("minsk-1993").id), "case_number": "217500031000123",
            "crime_category_id": str(category("fraud").id), "articles": "190 ч.4", "summary": "Допросить свидетеля",
            "sent_on": "2026-10-01"}
    data.update(overrides)
    return data


def _count(model):
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_prosecutor_registers_a_sent_mla_request_and_sees_its_history(client, auth):
    prosecutor = make_user()
    auth.login(prosecutor)
    response = client.post("/requests/new/mla", data=_mla_form())
    assert response.status_code == 302
    db.session.rollback()
    created = db.session.scalar(sa.select(Request))
    assert (created.reference, created.status, created.sent_on, created.owner_id) == \
        ("МСП-2026-0001", Status.SENT, date(2026, 10, 1), prosecutor.id)
    assert [e.event for e in created.events] == [EventType.CREATED, EventType.STATUS_CHANGED]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "МСП-2026-0001" in page and "01.10.2026" in page and "Minsk Convention 1993" in page


def test_registering_without_a_date_sent_keeps_a_draft(client, auth):
    auth.login(make_user())
    client.post("/requests/new/mla", data=_mla_form(sent_on=""))
    db.session.rollback()
    created = db.session.scalar(sa.select(Request))
    assert created.status == Status.DRAFT and created.sent_on is None


def test_an_extradition_request_records_the_person_sought(client, auth):
    auth.login(make_user())
    response = client.post("/requests/new/extradition", data=_mla_form(
        reference="ВЫД-2026-0001", person_name="Ахметов Ерлан", person_name_latin="Akhmetov Yerlan",
        person_birth_date="1985-03-01", person_citizenship="KZ", detained_on="2026-09-20"))
    assert response.status_code == 302
    db.session.rollback()
    created = db.session.scalar(sa.select(Request))
    assert created.kind == Kind.EXTRADITION
    assert (created.person_name, created.detained_on) == ("Ахметов Ерлан", date(2026, 9, 20))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Akhmetov Yerlan" in page and "20.09.2026" in page


def test_bad_input_shows_field_errors_and_writes_nothing(client, auth):
    auth.login(make_user())
    before = (_count(Request), _count(RequestEvent))
    response = client.post("/requests/new/extradition", data=_mla_form(
        reference="", country_code="KZ", sent_on="31.02.2026", crime_category_id="999999", person_name="",
        detained_on="not a date"), headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count("invalid-feedback") >= 4
    assert "This field is required." in page
    assert (_count(Request), _count(RequestEvent)) == before


def test_domain_rules_show_under_their_fields_and_write_nothing(client, auth):
    auth.login(make_user())
    make_request(make_user(), reference="TAKEN-1")
    response = client.post("/requests/new/mla", data=_mla_form(
        reference="TAKEN-1", country_code="KG", treaty_id=str(treaty("montevideo-1933").id),
        sent_on=clock.today_local().replace(year=clock.today_local().year + 1).isoformat()))
    page = response.get_data(as_text=True)
    assert "A request with this registration number already exists." in page
    assert "Montevideo Convention 1933 does not cover requests of this kind." in page
    assert _count(Request) == 1
    response = client.post("/requests/new/mla", data=_mla_form(reference="NEW-1", sent_on=(
        clock.today_local().replace(year=clock.today_local().year + 1).isoformat())))
    assert "This date is in the future." in response.get_data(as_text=True)
    response = client.post("/requests/new/mla", data=_mla_form(reference="NEW-1", country_code="KZ"))
    assert "Not a valid choice" in response.get_data(as_text=True)  # Kazakhstan is not offered at all
    assert _count(Request) == 1


def test_a_treaty_whose_parties_exclude_the_country_is_refused(client, auth):
    auth.login(make_user())
    response = client.post("/requests/new/mla", data=_mla_form(country_code="US"))
    assert "United States is not a party to Minsk Convention 1993." in response.get_data(as_text=True)
    assert _count(Request) == 0


def test_an_unusual_case_number_is_saved_with_a_warning(client, auth):
    auth.login(make_user())
    response = client.post("/requests/new/mla", data=_mla_form(case_number="12-345"), follow_redirects=True)
    assert "An ERDR case number usually has 15 digits; check it." in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(Request.case_number)) == "12345"


def test_a_prosecutor_cannot_change_another_prosecutors_request(client, auth):
    owner, other = make_user(), make_user()
    request = make_request(owner)
    auth.login(other)
    assert client.get(f"/requests/{request.id}").status_code == 200
    assert client.get(f"/requests/{request.id}/edit").status_code == 403
    assert client.post(f"/requests/{request.id}/edit", data=_mla_form()).status_code == 403
    assert client.post(f"/requests/{request.id}/status",
                       data={"to": "pending", "effective_on": "2026-10-02", "version": 2}).status_code == 403
    assert client.post(f"/requests/{request.id}/reassign", data={"owner_id": other.id, "version": 2}).status_code == 403
    db.session.rollback()  # end the test's snapshot to see what the request committed
    assert db.session.get(Request, request.id).status == Status.SENT


def test_administrators_read_but_do_not_register_requests(client, auth):
    request = make_request(make_user())
    auth.login(make_user(Role.ADMIN))
    assert client.get(f"/requests/{request.id}").status_code == 200
    assert client.get("/requests/new/mla").status_code == 403
    assert client.get(f"/requests/{request.id}/edit").status_code == 403


def test_an_edit_is_saved_and_recorded_with_old_and_new_values(client, auth):
    owner = make_user()
    request = make_request(owner, summary="Допросить свидетеля")
    auth.login(owner)
    form = _mla_form(reference=request.reference, country_code="RU", treaty_id="", summary="Истребовать выписки",
                     version=str(request.version))
    assert client.post(f"/requests/{request.id}/edit", data=form).status_code == 302
    db.session.rollback()  # end the test's snapshot to see what the request committed
    saved = db.session.get(Request, request.id)
    assert saved.summary == "Истребовать выписки"
    edit = saved.events[-1]
    assert edit.event == EventType.EDITED and edit.author_id == owner.id
    assert edit.changes["summary"] == ["Допросить свидетеля", "Истребовать выписки"]


def test_two_people_editing_the_same_request_the_second_gets_a_conflict(client, auth, app):
    owner, supervisor = make_user(), make_user(Role.SUPERVISOR)
    request = make_request(owner)
    version_both_read = request.version
    auth.login(owner)
    first = _mla_form(reference=request.reference, country_code="RU", treaty_id="", summary="Первая правка",
                      version=str(version_both_read))
    assert client.post(f"/requests/{request.id}/edit", data=first).status_code == 302
    second_client = app.test_client()
    second_client.post("/login", data={"email": supervisor.email, "password": "correct horse battery"})
    second = dict(first, summary="Вторая правка", articles="ст. 217")
    response = second_client.post(f"/requests/{request.id}/edit", data=second, headers={"Accept-Language": "en"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "your changes were not saved" in page and "Вторая правка" in page and "Первая правка" in page
    db.session.rollback()  # end the test's snapshot to see what the request committed
    saved = db.session.get(Request, request.id)
    assert (saved.summary, saved.articles) == ("Первая правка", "190 ч.4")


def test_a_status_change_is_recorded_with_its_effective_date_and_note(client, auth):
    owner = make_user()
    request = make_request(owner, sent_on=date(2026, 9, 1))
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/status", data={
        "to": "pending", "effective_on": "2026-09-15", "note": "Получено подтверждение", "version": request.version})
    assert response.status_code == 302
    db.session.rollback()  # end the test's snapshot to see what the request committed
    saved = db.session.get(Request, request.id)
    assert (saved.status, saved.status_on) == (Status.PENDING, date(2026, 9, 15))
    last = saved.events[-1]
    assert (last.from_status, last.to_status, last.note) == (Status.SENT, Status.PENDING, "Получено подтверждение")


def test_the_status_form_offers_only_allowed_transitions(client, auth):
    owner = make_user()
    request = make_request(owner, Kind.EXTRADITION)
    auth.login(owner)
    page = client.get(f"/requests/{request.id}").get_data(as_text=True)
    offered = {value for value in ("pending", "granted", "refused", "released_abroad", "withdrawn", "extradited",
                                   "executed", "draft") if f'value="{value}"' in page}
    assert offered == {"pending", "granted", "refused", "released_abroad", "withdrawn"}


def test_a_disallowed_or_groundless_status_change_is_refused_with_a_message(client, auth):
    owner = make_user()
    request = make_request(owner)
    auth.login(owner)
    headers = {"Accept-Language": "en"}
    response = client.post(f"/requests/{request.id}/status", headers=headers, follow_redirects=True, data={
        "to": "extradited", "effective_on": "2026-09-15", "version": request.version})
    assert "Not a valid choice" in response.get_data(as_text=True)
    response = client.post(f"/requests/{request.id}/status", headers=headers, follow_redirects=True, data={
        "to": "refused", "effective_on": "2026-09-15", "version": request.version})
    assert "A refusal needs its ground." in response.get_data(as_text=True)
    db.session.rollback()  # end the test's snapshot to see what the request committed
    assert db.session.get(Request, request.id).status == Status.SENT


def test_a_refusal_with_its_ground_is_final(client, auth):
    owner = make_user()
    request = make_request(owner)
    auth.login(owner)
    client.post(f"/requests/{request.id}/status", data={
        "to": "refused", "ground": "no_dual_criminality", "effective_on": "2026-10-01", "version": request.version})
    page = client.get(f"/requests/{request.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No dual criminality" in page and "This status is final." in page
    assert 'action="/requests/%d/status"' % request.id not in page


def test_a_stale_status_change_is_a_conflict(client, auth):
    owner = make_user()
    request = make_request(owner, statuses=[(Status.PENDING, date(2026, 9, 10))])
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/status", headers={"Accept-Language": "en"}, data={
        "to": "executed", "effective_on": "2026-10-01", "version": request.version - 1}, follow_redirects=True)
    assert "Someone changed this request" in response.get_data(as_text=True)
    db.session.rollback()  # end the test's snapshot to see what the request committed
    assert db.session.get(Request, request.id).status == Status.PENDING


def test_a_supervisor_reassigns_a_request(client, auth):
    owner, successor, supervisor = make_user(), make_user(name="Нурлан Омаров"), make_user(Role.SUPERVISOR)
    request = make_request(owner)
    auth.login(supervisor)
    response = client.post(f"/requests/{request.id}/reassign", data={
        "owner_id": successor.id, "note": "Отпуск", "version": request.version})
    assert response.status_code == 302
    db.session.rollback()  # end the test's snapshot to see what the request committed
    saved = db.session.get(Request, request.id)
    assert saved.owner_id == successor.id
    assert saved.events[-1].event == EventType.REASSIGNED and saved.events[-1].note == "Отпуск"


def test_a_supervisor_registers_a_request_for_a_prosecutor(client, auth):
    prosecutor, supervisor = make_user(), make_user(Role.SUPERVISOR)
    auth.login(supervisor)
    client.post("/requests/new/mla", data=_mla_form(owner_id=str(prosecutor.id)))
    db.session.rollback()
    assert db.session.scalar(sa.select(Request.owner_id)) == prosecutor.id


def test_the_list_filters_and_searches(client, auth):
    owner = make_user()
    make_request(owner, reference="МСП-A", country_code="KG", sent_on=date(2025, 3, 1))
    make_request(owner, Kind.EXTRADITION, reference="ВЫД-B", person_name="Ким Олег", sent_on=date(2026, 2, 1))
    make_request(owner, reference="МСП-C", crime_category_id=category("financial_pyramid").id, country_code="BY",
                 treaty_id=treaty("minsk-1993").id, sent_on=date(2026, 4, 1), statuses=[(Status.EXECUTED, TODAY)])
    auth.login(owner)

    def listed(query):
        page = client.get(f"/requests?{query}").get_data(as_text=True)
        return {ref for ref in ("МСП-A", "ВЫД-B", "МСП-C") if f">{ref}<" in page}

    assert listed("") == {"МСП-A", "ВЫД-B", "МСП-C"}
    assert listed("kind=extradition") == {"ВЫД-B"}
    assert listed("country=KG") == {"МСП-A"}
    assert listed("text=ким") == {"ВЫД-B"}
    assert listed("year=2026") == {"ВЫД-B", "МСП-C"}
    assert listed("open_only=1") == {"МСП-A", "ВЫД-B"}
    assert listed("status=executed") == {"МСП-C"}
    assert listed(f"treaty={treaty('minsk-1993').id}") == {"МСП-C"}
    assert listed("treaty=reciprocity") == {"МСП-A", "ВЫД-B"}
    assert listed(f"crime_category_id={category('financial_pyramid').id}") == {"МСП-C"}
    refused = client.get("/requests?kind=nonsense&year=abc&country=%27;--&page=-3&sort=drop&status=executed")
    assert refused.status_code == 400
    problems = refused.get_data(as_text=True)
    for label in ("Kind", "Year sent", "Country", "Page", "Sort order"):
        assert f"<li>{label}: " in problems
    # The way back keeps the values that could be read.
    assert 'href="http://localhost/requests?status=executed"' in problems


def test_the_list_paginates_and_sorts(client, auth, app):
    owner = make_user()
    for day in range(1, 31):
        make_request(owner, reference=f"R-{day:02d}", sent_on=date(2026, 6, day))
    auth.login(owner)
    first = client.get("/requests?sort=sent_on&dir=asc").get_data(as_text=True)
    assert ">R-01<" in first and ">R-25<" in first and ">R-26<" not in first
    second = client.get("/requests?sort=sent_on&dir=asc&page=2").get_data(as_text=True)
    assert ">R-26<" in second and ">R-30<" in second and ">R-01<" not in second
    newest_first = client.get("/requests?sort=sent_on&dir=desc").get_data(as_text=True)
    assert newest_first.index(">R-30<") < newest_first.index(">R-29<")


def test_pages_read_from_the_end_are_the_same_pages_for_every_sort_and_size(app):
    # A page in the second half of the list is read from its end in the opposite order (RequestPage): every page of
    # every sort, both ways, with shared values and empty ones, cuts the same list as page 1 of it all.
    owner = make_user()
    for n in range(13):
        make_request(owner, reference=f"PG-{n:02d}", country_code=("KG", "RU", "TR")[n % 3],
                     sent_on=None if n % 4 == 0 else date(2026, 6, 1 + n % 3))
    filters = queries.RequestFilters(access=SYSTEM)
    for sort in queries.SORTS:
        for descending in (False, True):
            everything = [r.reference for r in queries.request_page(filters, sort=sort, descending=descending,
                                                                     page=1, per_page=100).items]
            for per_page in (2, 3, 5, 6):
                pages = [queries.request_page(filters, sort=sort, descending=descending, page=number,
                                              per_page=per_page).items for number in range(1, 13 // per_page + 3)]
                assert [r.reference for page in pages for r in page] == everything, (sort, descending, per_page)
                assert pages[-1] == []


def test_pages_cut_the_sorted_list_into_consecutive_parts(app):
    owner = make_user()
    for n in range(11):  # shared dates, and drafts with no date sent, which sort last either way
        make_request(owner, reference=f"PG-{n:02d}", sent_on=None if n % 4 == 0 else date(2026, 6, 1 + n % 3))
    for sort, descending in (("sent_on", False), ("sent_on", True), ("reference", True), ("updated", True)):
        everything = queries.request_page(queries.RequestFilters(access=SYSTEM), sort=sort, descending=descending, page=1,
                                          per_page=100).items
        pages = [queries.request_page(queries.RequestFilters(access=SYSTEM), sort=sort, descending=descending, page=number,
                                      per_page=4) for number in (1, 2, 3, 4)]
        assert [r.reference for p in pages for r in p.items] == [r.reference for r in everything], (sort, descending)
        assert [len(p.items) for p in pages] == [4, 4, 3, 0] and {p.total for p in pages} == {11}
        assert pages[0].pages == 3 and pages[0].items[0].owner.email == owner.email
        dated = [r.sent_on for r in everything if r.sent_on]
        if sort == "sent_on":
            assert dated == sorted(dated, reverse=descending) and everything[-1].sent_on is None
