"""Property tests: whatever a form or an import file holds, the answer is never a 500 and nothing is half-written."""
import csv
import io

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.factories import TODAY, make_request, make_user
from tracker import clock
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.formats.imports import import_requests
from tracker.services.imports import COLUMNS
from tracker.models import Request, RequestEvent, User

SETTINGS = settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
# Text as spreadsheets and browsers send it: any Unicode, with the odd NUL, quote, separator or line break.
cell = st.one_of(st.text(max_size=40), st.sampled_from(["", "RU", "mla", "extradition", "2026-01-01", "31.12.2026",
                                                        "=1+1", "'@x", "fraud", "sent", "executed", "KZ", ";", "\"",
                                                        "\n", "\x00", "9" * 70]))


def counts():
    db.session.rollback()
    return (db.session.scalar(sa.select(sa.func.count()).select_from(Request)),
            db.session.scalar(sa.select(sa.func.count()).select_from(RequestEvent)))


@SETTINGS
@given(headings=st.lists(st.sampled_from(list(COLUMNS) + ["notes", ""]), min_size=1, max_size=20),
       rows=st.lists(st.lists(cell, max_size=20), max_size=6), delimiter=st.sampled_from([",", ";"]))
def test_any_csv_is_imported_whole_or_not_at_all(app, headings, rows, delimiter):
    supervisor = _supervisor()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows(rows)
    before = counts()
    report = import_requests("fuzz.csv", buffer.getvalue().encode("utf-8", "surrogatepass"), actor=supervisor,
                             dry_run=False, today=TODAY, now=clock.now())
    if report.written:
        db.session.commit()
        assert counts()[0] == before[0] + len(report.new)
    else:
        db.session.rollback()
        assert counts() == before
        assert report.problems or not report.new  # a clean file with new rows is always written
    for problem in report.problems:
        assert problem.message and problem.line >= 0


@SETTINGS
@given(data=st.binary(max_size=2000), name=st.sampled_from(["r.csv", "r.xlsx", "r.txt"]))
def test_any_bytes_get_a_message_not_an_exception(app, data, name):
    before = counts()
    report = import_requests(name, data, actor=_supervisor(), dry_run=False, today=TODAY, now=clock.now())
    if report.written:
        db.session.commit()
    else:
        db.session.rollback()
        assert counts() == before


FORM_FIELDS = ["reference", "country_code", "authority", "treaty_id", "case_number", "crime_category_id", "articles",
               "summary", "in_custody", "sent_on", "owner_id", "person_name", "person_name_latin", "person_birth_date",
               "person_citizenship", "detained_on", "version", "to", "effective_on", "ground", "note", "channel",
               "deadline", "new_due_on", "reason"]


@SETTINGS
@given(form=st.dictionaries(st.sampled_from(FORM_FIELDS), cell, max_size=12),
       target=st.sampled_from(["/requests/new/mla", "/requests/new/extradition", "/requests/{id}/edit",
                               "/requests/{id}/status", "/requests/{id}/reminders", "/requests/{id}/extend",
                               "/requests/{id}/reassign"]))
def test_any_form_input_gets_an_answer_and_a_refused_one_writes_nothing(app, form, target):
    supervisor = _supervisor()
    request_id = _request_of(supervisor)
    client = app.test_client()
    client.post("/login", data={"email": supervisor.email, "password": "correct horse battery"})
    before = counts()
    response = client.post(target.format(id=request_id), data=form)
    assert response.status_code < 500
    if response.status_code != 302:  # the form came back with its messages: nothing was saved
        assert counts() == before


def _supervisor():
    """One supervisor for all of a test's examples (the register is emptied between tests, not examples)."""
    user = db.session.scalar(sa.select(User).where(User.email == "fuzz.chief@prokuror.example"))
    return user or make_user(Role.SUPERVISOR, email="fuzz.chief@prokuror.example")


def _request_of(owner):
    existing = db.session.scalar(sa.select(Request.id).where(Request.reference == "FUZZ-1"))
    return existing if existing is not None else make_request(owner, reference="FUZZ-1").id
