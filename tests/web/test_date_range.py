"""Dates before 1900 or after 2100 are typing slips: every date field of every form, the API and the treaty parties
refuse them with a message and write nothing (they used to be saved and exported as "01.01.1")."""
import inspect
from datetime import date

import pytest
import sqlalchemy as sa
import wtforms
from wtforms.fields.core import UnboundField
from flask_wtf import FlaskForm

from tests.factories import TODAY, category, make_request, make_user, treaty
from tracker.domain.date_range import EARLIEST_DATE, LATEST_DATE, in_date_range
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import Request, RequestEvent
from tracker.services.users import issue_api_token
from tracker.web import admin_forms, reports, request_forms
from tracker.web.form_helpers import DateField

EN = {"Accept-Language": "en"}
MESSAGE = "Enter a date within the years 1900 to 2100."
OUTSIDE = ("0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31")


def test_the_range_is_the_years_1900_to_2100():
    assert (EARLIEST_DATE, LATEST_DATE) == (date(1900, 1, 1), date(2100, 12, 31))
    assert in_date_range(EARLIEST_DATE) and in_date_range(LATEST_DATE)
    assert not in_date_range(date(1899, 12, 31)) and not in_date_range(date(2101, 1, 1))


def _forms():
    for module in (request_forms, admin_forms, reports):
        for _name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, FlaskForm) and form.__module__ == module.__name__:
                yield form


def _date_fields(form):
    return [name for name, value in inspect.getmembers(form)
            if isinstance(value, UnboundField) and issubclass(value.field_class, wtforms.DateField)]


def test_every_date_field_of_every_form_refuses_dates_outside_the_range(app):
    checked = 0
    for form_class in _forms():
        for name in _date_fields(form_class):
            assert issubclass(getattr(form_class, name).field_class, DateField), (form_class.__name__, name)
            for typed, refused in [(day, True) for day in OUTSIDE] + [("1900-01-01", False), ("2100-12-31", False)]:
                with app.test_request_context(method="POST", data={name: typed}, headers=EN):
                    form = form_class(meta={"csrf": False})
                    form[name].validate(form)
                    assert (MESSAGE in form[name].errors) == refused, (form_class.__name__, name, typed)
                    if refused:
                        assert form[name].data is None and form[name]._value() == typed  # what was typed stays
            checked += 1
    # Request forms (birth, detention, notification, surrender, sending), status (effective date, term), extension,
    # reminder, event, treaty (signed, in force, terminated) and the report period (from, to, as of).
    assert checked >= 18


def _mla_form(**overrides):
    return {"reference": "МСП-DATE", "country_code": "KG", "treaty_id": str(treaty("minsk-1993").id),
            "case_number": "217500031000123", "crime_category_id": str(category("fraud").id), "sent_on": "2026-10-01",
            **overrides}


def _count(model):
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize("typed", OUTSIDE)
def test_registering_a_request_sent_in_year_one_keeps_the_form_with_the_message(client, auth, typed):
    auth.login(make_user())
    page = client.post("/requests/new/mla", data=_mla_form(sent_on=typed), headers=EN)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and MESSAGE in text and f'value="{typed}"' in text
    assert _count(Request) == 0


def test_an_extradition_request_refuses_an_impossible_birth_or_detention_date(client, auth):
    owner = make_user()
    request = make_request(owner, Kind.EXTRADITION)
    auth.login(owner)
    page = client.post(f"/requests/{request.id}/edit", headers=EN, data={
        **_mla_form(reference=request.reference, case_number=request.case_number, country_code="RU", treaty_id=""),
        "person_name": "Ахметов Ерлан", "person_birth_date": "0985-03-01", "detained_on": "2620-10-20",
        "version": request.version})
    # Each refused date's message stands beside its field and again in the summary above the form.
    assert page.get_data(as_text=True).count(MESSAGE) == 4
    db.session.rollback()
    saved = db.session.get(Request, request.id)
    assert (saved.person_birth_date, saved.detained_on, saved.version) == (date(1985, 3, 1), date(2026, 10, 20),
                                                                           request.version)


@pytest.mark.parametrize("path,data", [
    ("status", {"to": "pending", "effective_on": "0001-01-01"}),
    ("status", {"to": "supplement_requested", "effective_on": TODAY.isoformat(), "term_on": "9999-12-31"}),
    ("events", {"event": "acknowledged", "on": "0026-10-02"}),
    ("reminders", {"sent_on": "1899-12-31", "channel": "email"}),
    ("extend", {"deadline": "follow_up", "new_due_on": "2101-01-01", "reason": "Ответ обещан"}),
])
def test_status_changes_events_reminders_and_extensions_refuse_dates_outside_the_range(client, auth, path, data):
    owner = make_user()
    request = make_request(owner)
    events = _count(RequestEvent)
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/{path}", data={**data, "version": request.version}, headers=EN)
    assert response.status_code == 422  # the request's page again, the form as typed, the message beside the field
    page = response.get_data(as_text=True)
    assert MESSAGE in page
    db.session.rollback()
    saved = db.session.get(Request, request.id)
    assert (saved.status, saved.version, _count(RequestEvent)) == (Status.SENT, request.version, events)


def test_the_report_period_refuses_dates_outside_the_range(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    page = client.get("/reports/statistics?start=1899-12-31&end=2026-06-30", headers=EN)
    text = page.get_data(as_text=True)
    assert page.status_code == 400 and f"From: {MESSAGE}" in text and 'value="1899-12-31"' in text


def test_treaty_parties_refuse_dates_outside_the_range(client, auth):
    auth.login(make_user(Role.ADMIN))
    minsk = treaty("minsk-1993")
    page = client.post(f"/admin/treaties/{minsk.id}", headers=EN, data={
        "code": minsk.code, "short_name": minsk.short_name, "title_kk": minsk.title_kk, "title_ru": minsk.title_ru,
        "title_en": minsk.title_en, "scope": [s.value for s in minsk.scope], "status": minsk.status.value,
        "arrest_counts_from": minsk.arrest_counts_from.value, "parties": "KG:0001-01-01", "active": "y"})
    assert page.status_code == 200 and MESSAGE in page.get_data(as_text=True)


@pytest.mark.parametrize("body,field", [
    ({"sent_on": "2101-01-01"}, "sent_on"), ({"sent_on": "1899-12-31"}, "sent_on"),
    ({"kind": "extradition", "sent_on": None, "detained_on": "9999-12-31", "person": {"name": "Ким Олег"}},
     "detained_on"),
    ({"kind": "extradition", "sent_on": None, "person": {"name": "Ким Олег", "birth_date": "0001-01-01"}},
     "person.birth_date"),
])
def test_the_api_refuses_dates_outside_the_range_naming_the_field(client, body, field):
    user = make_user()
    headers = {"Authorization": f"Bearer {issue_api_token(user)}", "Accept-Language": "en"}
    db.session.commit()
    new = {"reference": "API-D", "kind": "mla", "country": "KG", "case_number": "217500031000123",
           "crime_category": "fraud", **body}
    response = client.post("/api/v1/requests", json=new, headers=headers)
    assert response.status_code == 422 and MESSAGE in response.json["errors"][field], response.json
    assert _count(Request) == 0
    request = make_request(user)
    moved = client.post(f"/api/v1/requests/{request.id}/transitions", json={"to": "pending", "on": "2101-01-01",
                                                                        "version": request.version}, headers=headers)
    assert moved.status_code == 422 and moved.json["errors"] == {"on": MESSAGE}
