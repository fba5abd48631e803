"""Importing an existing register: CSV and XLSX, all rows or none, dry runs, re-imports and round trips."""
import csv
import io
from datetime import date, timedelta

import pytest
from flask_babel import force_locale
import sqlalchemy as sa
from openpyxl import Workbook

from tests.factories import TODAY, make_request, make_user
from tracker import clock
from tracker.domain.history import EventType
from tracker.domain.people import Role
from tracker.domain.statuses import RefusalGround, Status
from tracker.extensions import db
from tracker.formats.imports import import_requests
from tracker.services.imports import COLUMNS, parse_date
from tracker.models import AuditEntry, PositionChange, Request, RequestEvent
from tracker.services import list_positions
from tracker.services.deadlines import refresh_deadlines

HEADINGS = ["reference", "kind", "country", "authority", "treaty", "case_number", "crime_category", "sent_on",
            "status", "status_on", "owner_email", "person_name", "person_name_latin", "person_birth_date",
            "person_citizenship", "detained_on"]


def csv_bytes(rows, *, headings=HEADINGS, delimiter=",", bom=False):
    """A CSV file as a spreadsheet program would save it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows, *, headings=HEADINGS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def mla_row(reference, owner, **values):
    """A good MLA row in HEADINGS order; override any column by name."""
    row = {"reference": reference, "kind": "mla", "country": "RU", "authority": "Генеральная прокуратура РФ",
           "treaty": "", "case_number": "217500031000123", "crime_category": "fraud", "sent_on": "2026-09-01",
           "status": "", "status_on": "", "owner_email": owner.email, "person_name": "", "person_name_latin": "",
           "person_birth_date": "", "person_citizenship": "", "detained_on": ""}
    row.update(values)
    return [row[name] for name in HEADINGS]


def extradition_row(reference, owner, **values):
    values = {"kind": "extradition", "country": "KG", "person_name": "Ахметов Ерлан",
              "person_name_latin": "Akhmetov Yerlan", "person_birth_date": "01.03.1985", "person_citizenship": "KZ",
              "detained_on": "2026-10-20"} | values
    return mla_row(reference, owner, **values)


def run_import(data, actor, *, filename="register.csv", dry_run=False, language="en"):
    with force_locale(language):
        report = import_requests(filename, data, actor=actor, dry_run=dry_run, today=TODAY, now=clock.now())
    if report.written:
        db.session.commit()
    else:
        db.session.rollback()
    return report


def count_requests():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Request))


def test_a_good_file_registers_every_row_with_its_history_and_deadlines(supervisor, prosecutor):
    rows = [mla_row("IMP-1", prosecutor),
            mla_row("IMP-2", prosecutor, country="Германия", sent_on="15.08.2026", status="executed",
                    status_on="2026-11-02", treaty=""),
            extradition_row("IMP-3", prosecutor, sent_on="", status="",
                            detained_on=(TODAY - timedelta(days=45)).isoformat()),
            extradition_row("IMP-4", prosecutor, country="Қырғызстан", treaty="minsk-1993", status="pending",
                            status_on="2026-09-20")]
    report = run_import(csv_bytes(rows), supervisor)
    assert report.ok and report.written, report.problems
    assert [ref for _line, ref in report.new] == ["IMP-1", "IMP-2", "IMP-3", "IMP-4"]
    stored = {r.reference: r for r in db.session.scalars(sa.select(Request))}
    first = stored["IMP-1"]
    assert (first.status, first.status_on, first.sent_on, first.country_code) == (
        Status.SENT, date(2026, 9, 1), date(2026, 9, 1), "RU")
    assert first.owner_id == prosecutor.id and first.due_on is not None
    executed = stored["IMP-2"]
    assert (executed.country_code, executed.sent_on, executed.status, executed.status_on) == (
        "DE", date(2026, 8, 15), Status.EXECUTED, date(2026, 11, 2))
    history = [(e.event, e.from_status, e.to_status, e.effective_on, e.author_id) for e in executed.events]
    assert history == [
        (EventType.CREATED, None, Status.DRAFT, date(2026, 8, 15), supervisor.id),
        (EventType.STATUS_CHANGED, Status.DRAFT, Status.SENT, date(2026, 8, 15), supervisor.id),
        (EventType.STATUS_CHANGED, Status.SENT, Status.EXECUTED, date(2026, 11, 2), supervisor.id)]
    assert executed.events[0].note.startswith("Imported from register.csv")
    draft = stored["IMP-3"]
    assert (draft.status, draft.sent_on, draft.person_birth_date) == (Status.DRAFT, None, date(1985, 3, 1))
    # Detained 45 days ago, the day of detention being day 1: day 40, the last day, was 6 days ago.
    assert draft.release_due_on == TODAY - timedelta(days=6) and draft.critical
    pending = stored["IMP-4"]
    assert (pending.country_code, pending.treaty.code, pending.status) == ("KG", "minsk-1993", Status.PENDING)
    assert pending.search_text == "imp-4 217500031000123 imp4\x1fахметов ерлан akhmetov yerlan"


def test_semicolons_a_byte_order_mark_and_xlsx_cells_are_read_alike(supervisor, prosecutor):
    rows = [mla_row("SEMI-1", prosecutor, country="Russia")]
    assert run_import(csv_bytes(rows, delimiter=";", bom=True), supervisor).written
    cells = mla_row("XLSX-1", prosecutor, sent_on=date(2026, 9, 3), case_number=217500031000124)
    assert run_import(xlsx_bytes([cells]), supervisor, filename="register.xlsx").written
    semi, book = (db.session.scalar(sa.select(Request).where(Request.reference == ref)) for ref in ("SEMI-1", "XLSX-1"))
    assert semi.country_code == "RU" and semi.authority == "Генеральная прокуратура РФ"
    assert (book.sent_on, book.case_number) == (date(2026, 9, 3), "217500031000124")


def test_a_file_with_bad_rows_writes_nothing_and_names_each_bad_cell(supervisor, prosecutor):
    rows = [mla_row("OK-1", prosecutor),
            mla_row("BAD-1", prosecutor, country="Atlantis"),
            mla_row("BAD-2", prosecutor, sent_on="31.02.2026", kind="letter"),
            mla_row("BAD-3", prosecutor, owner_email="nobody@prokuror.example", crime_category=""),
            mla_row("OK-1", prosecutor),
            mla_row("BAD-4", prosecutor, country="KZ", person_name="Ахметов"),
            mla_row("BAD-5", prosecutor, status="executed"),
            extradition_row("BAD-6", prosecutor, treaty="minsk-1993-xx",
                            detained_on=(TODAY + timedelta(days=1)).isoformat()),
            mla_row("BAD-7", prosecutor, status="extradited", status_on="2026-10-01")]
    report = run_import(csv_bytes(rows), supervisor)
    assert not report.written and count_requests() == 0
    found = {(p.line, p.column) for p in report.problems}
    assert found == {(3, "country"), (4, "sent_on"), (4, "kind"), (5, "owner"), (5, "crime_category"),
                     (6, "reference"), (7, "country"), (7, "person_name"), (8, "status_on"), (9, "treaty"),
                     (9, "detained_on"), (10, "status")}
    messages = {(p.line, p.column): p.message for p in report.problems}
    assert messages[(4, "sent_on")] == "Expected a date as YYYY-MM-DD or DD.MM.YYYY."
    assert messages[(6, "reference")] == "The same registration number is on line 2."
    assert messages[(7, "country")] == "Requests go abroad: choose a foreign country."


@pytest.mark.parametrize("language, message", [("ru", "Нет страны с таким кодом или названием."),
                                               ("kk", "Мұндай коды немесе атауы бар ел жоқ.")])
def test_problems_are_worded_in_the_users_language(supervisor, prosecutor, language, message):
    report = run_import(csv_bytes([mla_row("LANG-1", prosecutor, country="Atlantis")]), supervisor, language=language)
    assert [p.message for p in report.problems] == [message]


def test_unknown_repeated_and_missing_columns_stop_the_import_on_line_one(supervisor, prosecutor):
    headings = ["reference", "kind", "country", "country", "notes", "crime_category"]
    report = run_import(csv_bytes([["X-1", "mla", "RU", "RU", "", "fraud"]], headings=headings), supervisor)
    assert {(p.line, p.column) for p in report.problems} == {(1, "country"), (1, "notes"), (1, "case_number")}
    assert count_requests() == 0


@pytest.mark.parametrize("data, filename", [
    (b"\xff\xfe\x00r\x00e", "register.csv"), (b"PK\x03\x04 not really a workbook", "register.xlsx"),
    (b"", "register.csv"), (b"reference,kind\n", "register.csv")])
def test_an_unreadable_or_empty_file_gets_one_clear_message(supervisor, data, filename):
    report = run_import(data, supervisor, filename=filename)
    assert not report.written and len(report.problems) >= 1
    assert all(p.message for p in report.problems)


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(supervisor, prosecutor):
    report = run_import(csv_bytes([mla_row("DRY-1", prosecutor), mla_row("DRY-2", prosecutor)]), supervisor,
                        dry_run=True)
    assert report.ok and not report.written and len(report.new) == 2
    assert count_requests() == 0


def test_reimporting_creates_nothing_and_reports_changed_rows_without_overwriting(supervisor, prosecutor):
    rows = [mla_row("RE-1", prosecutor), mla_row("RE-2", prosecutor, status="pending", status_on="2026-09-10")]
    assert run_import(csv_bytes(rows), supervisor).written
    again = run_import(csv_bytes(rows), supervisor)
    assert again.ok and again.new == [] and [ref for _l, ref in again.unchanged] == ["RE-1", "RE-2"]
    assert count_requests() == 2
    edited = [mla_row("RE-1", prosecutor, authority="Минюст РФ"), rows[1], mla_row("RE-3", prosecutor)]
    report = run_import(csv_bytes(edited), supervisor)
    assert report.written and [ref for _l, ref in report.new] == ["RE-3"]
    assert [(c.line, c.reference, c.differences) for c in report.changed] == [
        (2, "RE-1", [("authority", "Генеральная прокуратура РФ", "Минюст РФ")])]
    kept = db.session.scalar(sa.select(Request).where(Request.reference == "RE-1"))
    assert kept.authority == "Генеральная прокуратура РФ" and count_requests() == 3


def test_an_administrator_must_name_the_owner_and_a_supervisor_owns_rows_without_one(supervisor, prosecutor):
    admin = make_user(Role.ADMIN)
    report = run_import(csv_bytes([mla_row("OWN-1", prosecutor, owner_email="")]), admin)
    assert [(p.line, p.column) for p in report.problems] == [(2, "owner")]
    assert run_import(csv_bytes([mla_row("OWN-1", prosecutor, owner_email="")]), supervisor).written
    assert db.session.scalar(sa.select(Request.owner_id)) == supervisor.id


def test_receipt_acknowledgement_surrender_and_refusal_ground_are_imported_and_checked(supervisor, prosecutor):
    headings = HEADINGS + ["received_abroad_on", "acknowledged_on", "foreign_reference", "surrendered_on",
                           "refusal_ground"]
    good = [extradition_row("EV-1", prosecutor, sent_on="2026-10-25", status="extradited", status_on="2026-11-20")
            + ["2026-10-28", "", "", "", ""],
            mla_row("EV-2", prosecutor, status="refused", status_on="2026-10-01")
            + ["", "2026-09-05", "DOJ-1", "", "national"],
            mla_row("EV-3", prosecutor) + ["", "", "", "", ""]]
    bad = [mla_row("EV-4", prosecutor) + ["2026-09-05", "", "", "", ""],                   # receipt: extradition only
           mla_row("EV-5", prosecutor, status="pending", status_on="2026-09-10") + ["", "", "", "", "political"],
           mla_row("EV-6", prosecutor) + ["", "2026-08-01", "", "", ""],                   # before sending
           mla_row("EV-7", prosecutor, status="refused", status_on="2026-10-01") + ["", "", "", "", "bribery"]]
    refused = run_import(csv_bytes(good + bad, headings=headings), supervisor)
    assert [(p.line, p.column) for p in refused.problems] == [
        (5, "received_abroad_on"), (6, "refusal_ground"), (7, "acknowledged_on"), (8, "refusal_ground")]
    assert count_requests() == 0
    report = run_import(csv_bytes(good, headings=headings), supervisor)
    assert report.written, report.problems
    stored = {r.reference: r for r in db.session.scalars(sa.select(Request))}
    extradited = stored["EV-1"]
    assert (extradited.received_abroad_on, extradited.surrendered_on, extradited.custody_days_abroad) == (
        date(2026, 10, 28), date(2026, 11, 20), 32)
    assert [e.event for e in extradited.events] == [EventType.CREATED, EventType.STATUS_CHANGED,
                                                    EventType.RECEIVED_ABROAD, EventType.STATUS_CHANGED]
    refusal = stored["EV-2"]
    assert (refusal.refusal_ground, refusal.acknowledged_on, refusal.foreign_reference) == (
        RefusalGround.NATIONAL, date(2026, 9, 5), "DOJ-1")
    assert refusal.events[-1].ground == RefusalGround.NATIONAL


def test_the_export_headings_in_the_users_language_are_read_back(client, auth, supervisor, prosecutor):
    make_request(prosecutor, reference="LANG-1")
    auth.login(supervisor)
    for language in ("kk", "ru", "en"):
        client.post("/language", data={"language": language})
        exported = client.get("/requests/export?format=csv").get_data()
        report = run_import(exported, supervisor)
        assert report.ok and len(report.unchanged) == 1, (language, report.problems)


def test_ten_thousand_rows_import(supervisor, prosecutor):
    rows = [mla_row(f"BULK-{n:05d}", prosecutor, sent_on=(TODAY - timedelta(days=n % 900)).isoformat(),
                    status="pending" if n % 3 else "", status_on=(TODAY - timedelta(days=n % 900)).isoformat()
                    if n % 3 else "") for n in range(10_000)]
    report = run_import(csv_bytes(rows), supervisor)
    assert report.written and len(report.new) == 10_000
    assert count_requests() == 10_000
    events = db.session.scalar(sa.select(sa.func.count()).select_from(RequestEvent))
    assert events == 10_000 * 2 + sum(1 for n in range(10_000) if n % 3)
    assert db.session.scalar(sa.select(sa.func.count()).where(Request.due_on.is_(None))) == 0
    assert refresh_deadlines(TODAY)["changed"] == 0  # stored deadlines are what the nightly refresh computes


@pytest.mark.parametrize("text, expected", [("2026-03-01", date(2026, 3, 1)), ("01.03.2026", date(2026, 3, 1)),
                                            (date(2026, 3, 1), date(2026, 3, 1))])
def test_dates_come_in_two_forms(app, text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["1.3.2026", "2026/03/01", "31.02.2026", "0001-01-01", "tomorrow"])
def test_other_date_forms_are_refused(app, text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_the_columns_are_the_export_columns():
    from tracker.formats.report_tables import LIST_COLUMNS
    assert [code for code, _title in LIST_COLUMNS] == list(COLUMNS) + ["due_on", "custody_days_abroad", "documents"]


def test_the_upload_page_checks_then_imports(client, auth, supervisor, prosecutor):
    auth.login(supervisor)
    page = client.get("/import/requests")
    assert page.status_code == 200 and ", owner, " in page.get_data(as_text=True)
    data = csv_bytes([mla_row("UP-1", prosecutor), mla_row("UP-2", prosecutor)])
    checked = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), "check": "1"},
                          content_type="multipart/form-data")
    assert checked.status_code == 200 and "nothing was written" in checked.get_data(as_text=True)
    assert count_requests() == 0
    imported = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), "submit": "1"},
                           content_type="multipart/form-data")
    assert "Imported 2 new requests." in imported.get_data(as_text=True)
    db.session.rollback()
    assert count_requests() == 2
    # Each imported request is in the audit log as an insert by the supervisor, with its fields.
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity == "requests")).all()
    up1 = db.session.scalar(sa.select(Request).where(Request.reference == "UP-1"))
    assert sorted((e.actor_id, e.source, e.action, e.changes["reference"][1]) for e in entries) == [
        (supervisor.id, "web", "insert", "UP-1"), (supervisor.id, "web", "insert", "UP-2")]
    first = next(e for e in entries if e.entity_id == str(up1.id))
    assert first.changes["owner_id"] == [None, str(prosecutor.id)] and first.changes["country_code"][1] == up1.country_code


def test_the_upload_page_lists_bad_rows_and_refuses_other_files(client, auth, supervisor, prosecutor):
    auth.login(supervisor)
    data = csv_bytes([mla_row("UP-1", prosecutor), mla_row("UP-2", prosecutor, country="Atlantis")])
    response = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), "submit": "1"},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "No country has this code or name." in html
    assert "<td>3</td><td>country</td>" in html
    other = client.post("/import/requests", data={"file": (io.BytesIO(b"x"), "register.pdf"), "submit": "1"},
                        content_type="multipart/form-data")
    assert "Only CSV or XLSX files can be imported." in other.get_data(as_text=True)
    empty = client.post("/import/requests", data={"submit": "1"}, content_type="multipart/form-data")
    assert "Choose a file." in empty.get_data(as_text=True)
    db.session.rollback()
    assert count_requests() == 0


def test_only_supervisors_and_administrators_import(client, auth, prosecutor):
    assert client.get("/import/requests").status_code == 302
    auth.login(prosecutor)
    assert client.get("/import/requests").status_code == 403
    data = csv_bytes([mla_row("UP-1", prosecutor)])
    response = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), "submit": "1"},
                           content_type="multipart/form-data")
    assert response.status_code == 403 and count_requests() == 0


def test_the_import_command_checks_imports_and_fails_on_bad_rows(runner, tmp_path, supervisor, prosecutor):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([mla_row("CLI-1", prosecutor)]))
    dry = runner.invoke(args=["import", "requests", str(good), "--dry-run", "--as", supervisor.email])
    assert dry.exit_code == 0 and "Dry run" in dry.output and count_requests() == 0
    done = runner.invoke(args=["import", "requests", str(good), "--as", supervisor.email])
    assert done.exit_code == 0 and "Imported 1 new request." in done.output
    # The command set the whole register's stretches again after writing: one count per stretch.
    assert list_positions.live_requests() == 1 and list_positions.differences() == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PositionChange)) == len(list_positions.blocks())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([mla_row("CLI-2", prosecutor), mla_row("CLI-3", prosecutor, sent_on="soon")]))
    failed = runner.invoke(args=["import", "requests", str(bad), "--as", supervisor.email, "--lang", "en"])
    assert failed.exit_code == 1 and "Line 3, sent_on:" in failed.output
    db.session.rollback()
    assert count_requests() == 1
    nobody = runner.invoke(args=["import", "requests", str(good), "--as", prosecutor.email])
    assert nobody.exit_code != 0


def test_a_file_over_the_upload_limit_gets_a_clear_page(app, client, auth, supervisor, prosecutor, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2000)
    auth.login(supervisor)
    data = csv_bytes([mla_row(f"BIG-{n}", prosecutor) for n in range(50)])
    response = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), "submit": "1"},
                           content_type="multipart/form-data")
    assert response.status_code == 413 and "The file is too large." in response.get_data(as_text=True)
    assert count_requests() == 0


def test_a_number_registered_by_someone_else_during_the_import_undoes_it_with_a_message(client, auth, supervisor,
                                                                                         prosecutor, monkeypatch):
    # The race: the number is free when its batch is checked, and taken when the batch is written.
    from tracker.services import imports as import_service
    make_request(prosecutor, reference="RACE-2")
    monkeypatch.setattr(import_service, "_registered", lambda references: {})
    auth.login(supervisor)
    data = csv_bytes([mla_row("RACE-1", prosecutor), mla_row("RACE-2", prosecutor)])
    answer = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), "submit": "1"},
                         content_type="multipart/form-data", headers={"Accept-Language": "en"})
    assert answer.status_code == 200
    assert "someone registered one of its registration numbers" in answer.get_data(as_text=True)
    db.session.rollback()
    assert count_requests() == 1


def test_an_administrators_masked_export_cannot_be_imported_as_names(supervisor, prosecutor):
    data = csv_bytes([mla_row("MASK-1", prosecutor, kind="extradition", person_name="•••")])
    report = run_import(data, supervisor)
    assert not report.written and count_requests() == 0
    assert [(p.column, "stands for data hidden" in p.message) for p in report.problems] == [("person_name", True)]
