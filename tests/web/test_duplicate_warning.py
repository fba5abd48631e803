"""A request that may already be registered (the same person sought, or the same criminal case number) is pointed
out before it is saved on the form, in the API's answer and in the import's report; need to know holds throughout."""
import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from tests.factories import category, make_request, make_user, treaty
from tests.test_imports import csv_bytes, extradition_row, mla_row
from tests.web.test_request_page import Page
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.formats.imports import import_requests, report_lines
from tracker.models import Request, Unit
from tracker.services.access import SYSTEM
from tracker.services.duplicates import FileDuplicates, batch_duplicates, possible_duplicates
from tracker.services.users import issue_api_token
from tracker import clock

BORN = date(1985, 3, 1)
CASE = "217500031000123"


class Warnings(HTMLParser):
    """The possible duplicates a page lists (the form's box, or the import's table): each entry's text and the link
    in it, if any."""

    def __init__(self, html: str, container: str):
        super().__init__(convert_charrefs=True)
        self.container, self.depth, self.entries, self.heading = container, 0, [], ""
        self._entry, self._body = None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id") == self.container:
            self.depth = 1
        elif self.depth:
            self.depth += tag not in ("input", "br")
            if (tag == "li" and self.depth == 2) or (tag == "tr" and self._body):
                self._entry = {"text": "", "link": None}
            elif tag == "tbody":
                self._body = True
            elif tag == "a" and self._entry is not None:
                self._entry["link"] = attributes.get("href")
            elif tag == "td" and self._entry is not None:
                self._entry["text"] += " "

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("li", "tr") and self._entry is not None:
            self._entry["text"] = " ".join(self._entry["text"].split())
            self.entries.append(self._entry)
            self._entry = None
        self.depth -= 1

    def handle_data(self, data):
        if self._entry is not None:
            self._entry["text"] += data


def _count():
    db.session.rollback()  # end the test's snapshot to see what the pages committed
    return db.session.scalar(sa.select(sa.func.count()).select_from(Request))


def _extradition_form(**overrides):
    """What a prosecutor types to register an extradition request of the person already sought in `registered`."""
    data = {"reference": "ВЫД-НОВ-1", "country_code": "KG", "authority": "Генпрокуратура КР",
            "treaty_id": str(treaty("minsk-1993").id), "case_number": "217500031000999",
            "crime_category_id": str(category("fraud").id), "articles": "190 ч.4", "summary": "Выдать",
            "sent_on": "2026-10-01", "person_name": "ерлан АХМЕТОВ", "person_name_latin": "",
            "person_birth_date": BORN.isoformat(), "person_citizenship": "KZ"}
    return data | overrides


def _seen(html: str) -> str:
    """The digest of the matches the page showed, which a confirmation sends back."""
    return re.search(r'id="duplicates_seen" name="duplicates_seen" type="hidden" value="([0-9a-f]+)"', html)[1]


@pytest.fixture
def registered():
    """An extradition request of Ахметов Ерлан (Akhmetov Yerlan, born 1 March 1985) and an MLA request in the same
    criminal case, both by a prosecutor of the default unit."""
    colleague = make_user(name="Colleague")
    person = make_request(colleague, Kind.EXTRADITION, reference="ВЫД-1", case_number="217500031000555",
                          person_birth_date=BORN, detained_on=None)
    case = make_request(colleague, reference="МСП-1", case_number=CASE)
    return person, case


def test_the_form_warns_with_links_keeps_what_was_typed_and_saves_nothing(client, auth, registered):
    person, case = registered
    auth.login(make_user())
    response = client.post("/requests/new/extradition", data=_extradition_form(case_number="2175-0003-1000-123"),
                           headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    box = Warnings(html, "duplicate-list")
    assert [entry["link"] for entry in box.entries] == [f"/requests/{person.id}", f"/requests/{case.id}"]
    assert "ВЫД-1" in box.entries[0]["text"] and "person sought (name and date of birth)" in box.entries[0]["text"]
    assert "МСП-1" in box.entries[1]["text"] and "criminal case number" in box.entries[1]["text"]
    assert 'role="alert"' in html[html.index('id="duplicates"') - 200:html.index('id="duplicate-list"')]
    values = Page(html).values
    assert values["person_name"] == "ерлан АХМЕТОВ" and values["reference"] == "ВЫД-НОВ-1"
    assert values["case_number"] == "217500031000123" and values["person_birth_date"] == "1985-03-01"
    assert "checked" not in re.search(r'<input[^>]*id="confirm_duplicates"[^>]*>', html)[0]
    assert _count() == 2


def test_saving_again_without_the_tick_warns_again_and_with_it_registers(client, auth, registered):
    auth.login(make_user())
    form = _extradition_form()
    seen = _seen(client.post("/requests/new/extradition", data=form).get_data(as_text=True))
    again = client.post("/requests/new/extradition", data=form | {"duplicates_seen": seen})
    assert again.status_code == 200 and 'id="duplicate-list"' in again.get_data(as_text=True)
    assert _count() == 2
    confirmed = client.post("/requests/new/extradition", data=form | {"duplicates_seen": seen,
                                                                      "confirm_duplicates": "y"})
    assert confirmed.status_code == 302
    assert _count() == 3
    assert db.session.scalar(sa.select(Request.person_name).where(Request.reference == "ВЫД-НОВ-1")) == \
        "ерлан АХМЕТОВ"


def test_a_tick_given_for_other_matches_does_not_pass_new_ones(client, auth, registered):
    auth.login(make_user())
    form = _extradition_form()
    seen = _seen(client.post("/requests/new/extradition", data=form).get_data(as_text=True))
    # The user ticks the box but also changes the case number to one of another registered request.
    changed = client.post("/requests/new/extradition", data=form | {"duplicates_seen": seen, "confirm_duplicates": "y",
                                                                    "case_number": CASE})
    assert changed.status_code == 200
    assert len(Warnings(changed.get_data(as_text=True), "duplicate-list").entries) == 2
    assert _count() == 2


def test_the_same_name_born_another_day_is_no_match(client, auth, registered):
    auth.login(make_user())
    response = client.post("/requests/new/extradition", data=_extradition_form(person_birth_date="1985-03-02"))
    assert response.status_code == 302
    assert _count() == 3


def test_a_match_the_user_may_not_see_is_named_without_link_or_person_data(client, auth):
    stranger = make_user(name="Other unit")
    other_unit = Unit(name="Экономический отдел")
    db.session.add(other_unit)
    stranger.unit = other_unit
    db.session.commit()
    hidden = make_request(stranger, Kind.EXTRADITION, reference="ЭК-СКРЫТ", case_number="217500031000777",
                          person_name="Ахметов Ерлан Серикович", person_name_latin="Akhmetov Yerlan Serikovich",
                          person_birth_date=BORN, detained_on=None)
    auth.login(make_user())
    html = client.post("/requests/new/extradition", data=_extradition_form(),
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    (entry,) = Warnings(html, "duplicate-list").entries
    assert entry["link"] is None and "ЭК-СКРЫТ" in entry["text"] and "a request you may not open" in entry["text"]
    assert f"/requests/{hidden.id}" not in html
    assert "Serikovich" not in html and "Серикович" not in html
    assert _count() == 1


def test_an_edit_that_changes_the_case_number_to_a_registered_one_is_warned_of(client, auth, registered):
    _person, case = registered
    owner = make_user()
    mine = make_request(owner, reference="МСП-МОЁ", case_number="217500031000888")
    auth.login(owner)
    form = {"reference": "МСП-МОЁ", "country_code": "RU", "authority": mine.authority, "treaty_id": "",
            "case_number": CASE, "crime_category_id": str(category().id), "articles": mine.articles,
            "summary": mine.summary, "version": str(mine.version)}
    warned = client.post(f"/requests/{mine.id}/edit", data=form, headers={"Accept-Language": "en"})
    html = warned.get_data(as_text=True)
    assert warned.status_code == 200 and Warnings(html, "duplicate-list").entries[0]["link"] == f"/requests/{case.id}"
    assert "Save anyway: this is a different request" in html
    db.session.rollback()
    assert db.session.get(Request, mine.id).case_number == "217500031000888"
    saved = client.post(f"/requests/{mine.id}/edit", data=form | {"duplicates_seen": _seen(html),
                                                                  "confirm_duplicates": "y"})
    assert saved.status_code == 302
    db.session.rollback()
    edited = db.session.get(Request, mine.id)
    assert edited.case_number == CASE
    # Other edits of a request that already shares a case number are not warned of again.
    again = client.post(f"/requests/{mine.id}/edit", data=form | {"summary": "Другое", "version": str(edited.version)})
    assert again.status_code == 302


@pytest.mark.parametrize(("language", "heading", "shared"), [
    ("ru", "Возможно, этот запрос уже зарегистрирован", "номер уголовного дела"),
    ("kk", "Бұл сұрау салу бұрын тіркелген болуы мүмкін", "қылмыстық іс нөмірі"),
])
def test_the_warning_speaks_the_users_language(client, auth, registered, language, heading, shared):
    auth.login(make_user(language=Language(language)))
    html = client.post("/requests/new/extradition",
                       data=_extradition_form(case_number=CASE, person_birth_date="")).get_data(as_text=True)
    assert heading in html
    (entry,) = Warnings(html, "duplicate-list").entries
    assert "МСП-1" in entry["text"] and shared in entry["text"]


def test_a_batch_is_looked_up_in_one_query_and_deleted_requests_are_not_matches(registered, count_queries):
    person, case = registered
    case.deleted_at = clock.now()
    db.session.commit()
    batch = [{"case_number": CASE}, {"case_number": "217500031000555"},
             {"case_number": "1", "person_name": "Akhmetov Yerlan", "person_birth_date": BORN},
             {"case_number": "2", "person_name": "Akhmetov Yerlan", "person_birth_date": date(1985, 3, 2)}]
    with count_queries() as statements:
        found = batch_duplicates(batch, SYSTEM)
    assert len([statement for statement in statements if statement.lstrip().startswith("SELECT")]) == 1
    assert [[(match.request_id, match.matched_on) for match in matches] for matches in found] == [
        [], [(person.id, ("case_number",))], [(person.id, ("person",))], []]
    assert possible_duplicates(batch[1], SYSTEM, exclude_ids=(person.id,)) == []


def _api(user, language="en"):
    return {"Authorization": f"Bearer {issue_api_token(user)}", "Accept-Language": language}


def test_the_api_registers_and_warns_in_the_exact_shape(client, registered):
    person, case = registered
    user = make_user()
    headers = _api(user)
    db.session.commit()
    body = {"reference": "API-1", "kind": "extradition", "country": "KG", "case_number": "2175 0003 1000 123",
            "crime_category": "fraud", "person": {"name": "Yerlan Akhmetov", "birth_date": "1985-03-01"}}
    response = client.post("/api/v1/requests", json=body, headers=headers)
    assert response.status_code == 201
    assert response.json["warnings"] == [
        {"code": "possible_duplicate", "request": person.id, "reference": "ВЫД-1", "matched_on": ["person"]},
        {"code": "possible_duplicate", "request": case.id, "reference": "МСП-1", "matched_on": ["case_number"]}]
    assert _count() == 3
    # Only the answer to a registration carries warnings.
    assert "warnings" not in client.get(f"/api/v1/requests/{response.json['id']}", headers=headers).json
    lonely = client.post("/api/v1/requests", headers=headers, json=body | {
        "reference": "API-2", "case_number": "217500031000444", "person": {"name": "Другой Человек"}})
    assert lonely.status_code == 201 and lonely.json["warnings"] == []


def test_the_api_names_a_match_in_another_unit_by_its_number_only(client):
    stranger = make_user()
    other_unit = Unit(name="Экономический отдел")
    db.session.add(other_unit)
    stranger.unit = other_unit
    db.session.commit()
    hidden = make_request(stranger, reference="ЭК-1", case_number=CASE)
    headers = _api(make_user())
    db.session.commit()
    response = client.post("/api/v1/requests", headers=headers, json={
        "reference": "API-1", "kind": "mla", "country": "KG", "case_number": CASE, "crime_category": "fraud"})
    assert response.status_code == 201
    assert response.json["warnings"] == [{"code": "possible_duplicate", "request": hidden.id, "reference": "ЭК-1",
                                          "matched_on": ["case_number"]}]
    # The id says only that it exists: the caller still may not open it, nor read whom it seeks.
    assert client.get(f"/api/v1/requests/{hidden.id}", headers=headers).status_code == 404


def _register_file(owner):
    """Rows matching a registered request (line 2), an earlier row of the file (line 4 matches line 3), and none."""
    return csv_bytes([
        mla_row("ИМП-1", owner, case_number="2175 0003 1000 123"),
        extradition_row("ИМП-2", owner, case_number="217500031000201", person_name="Серик Болатов",
                        person_name_latin="Bolatov Serik"),
        extradition_row("ИМП-3", owner, case_number="217500031000202", person_name="",
                        person_name_latin="SERIK BOLATOV"),
        mla_row("ИМП-4", owner, case_number="217500031000203"),
    ])


def test_the_import_report_lists_possible_duplicates_dry_run_and_real(client, auth, registered, supervisor):
    _person, case = registered
    auth.login(supervisor)
    for button, written in (("check", 2), ("submit", 6)):
        response = client.post("/import/requests", headers={"Accept-Language": "en"}, data={
            "file": (io.BytesIO(_register_file(supervisor)), "register.csv"), button: "1"})
        html = response.get_data(as_text=True)
        entries = Warnings(html, "import-duplicates").entries
        assert [(entry["link"], entry["text"].split()[:2]) for entry in entries] == [
            (f"/requests/{case.id}", ["2", "ИМП-1"]), (None, ["4", "ИМП-3"])]
        assert "criminal case number" in entries[0]["text"]
        assert "line 3, ИМП-2" in entries[1]["text"] and "person sought" in entries[1]["text"]
        assert _count() == written


def test_the_command_line_report_and_the_api_carry_the_import_warnings(client, registered, supervisor):
    _person, case = registered
    report = import_requests("register.csv", _register_file(supervisor), actor=supervisor, dry_run=True,
                             today=clock.today_local(), now=clock.now())
    with force_locale("en"):
        lines = report_lines(report)
    assert ("Line 2, ИМП-1: may duplicate the registered request МСП-1; matching: criminal case number.") in lines
    assert ("Line 4, ИМП-3: may duplicate line 3, ИМП-2; matching: person sought (name and date of birth).") in lines
    db.session.rollback()
    headers = _api(supervisor)
    db.session.commit()
    response = client.post("/api/v1/imports/requests?dry_run=true", headers=headers, data={
        "file": (io.BytesIO(_register_file(supervisor)), "register.csv")})
    assert response.status_code == 200
    assert response.json["warnings"] == [
        {"code": "possible_duplicate", "row": 2, "request": case.id, "reference": "МСП-1", "matched_row": None,
         "matched_on": ["case_number"]},
        {"code": "possible_duplicate", "row": 4, "request": None, "reference": "ИМП-2", "matched_row": 3,
         "matched_on": ["person"]}]
    response = client.post("/api/v1/imports/requests", headers=headers, data={
        "file": (io.BytesIO(_register_file(supervisor)), "register.csv")})
    assert response.status_code == 201 and len(response.json["warnings"]) == 2
    assert _count() == 6


def test_the_import_report_in_russian(client, auth, registered):
    chief = make_user(Role.SUPERVISOR, language=Language.RU)
    auth.login(chief)
    html = client.post("/import/requests", data={
        "file": (io.BytesIO(_register_file(chief)), "register.csv"), "check": "1"}).get_data(as_text=True)
    assert "Возможные дубликаты" in html
    assert "номер уголовного дела" in Warnings(html, "import-duplicates").entries[0]["text"]



def test_an_imported_row_names_at_most_five_registered_requests_and_five_earlier_rows(prosecutor):
    for number in range(8):
        make_request(prosecutor, reference=f"МСП-CASE-{number}", case_number=CASE)
    rows = [{"case_number": CASE} for _ in range(8)]
    duplicates = FileDuplicates(SYSTEM)
    warnings = duplicates.check([(line, f"NEW-{line}", fields) for line, fields in enumerate(rows, start=2)])
    last = [warning for warning in warnings if warning.line == 9]
    assert [w.matched_reference for w in last if w.request_id] == [f"МСП-CASE-{number}" for number in range(5)]
    assert [w.matched_line for w in last if w.matched_line] == [2, 3, 4, 5, 6]
