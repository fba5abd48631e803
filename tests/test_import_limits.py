"""Imported files held to a register's size: every row whatever the workbook declares, hostile workbooks (declared
ranges, zip bombs, too many parts, broken archives) and oversized CSV refused clearly with nothing written, rows
registered batch by batch yet all or nothing, and only plain dates accepted."""
import io
from datetime import date
from random import Random

import pytest
import sqlalchemy as sa

from tests.hostile_workbooks import sheet_xml, workbook
from tests.test_imports import count_requests, csv_bytes, run_import
from tracker import clock
from tracker.extensions import db
from tracker.formats import xlsx_parts
from tracker.formats.imports import import_requests
from tracker.models import Request
from tracker.services.import_checks import parse_date
from tracker.services.imports import BATCH

COLUMNS = ["reference", "kind", "country", "case_number", "crime_category", "sent_on", "owner"]


def row(reference, owner, **values):
    cells = {"reference": reference, "kind": "mla", "country": "RU", "case_number": "217500031000123",
             "crime_category": "fraud", "sent_on": "2026-09-01", "owner": owner.email} | values
    return [cells[name] for name in COLUMNS]


def register_sheet(owner, count, **sheet):
    return sheet_xml([COLUMNS] + [row(f"WB-{n}", owner) for n in range(1, count + 1)], **sheet)


def import_xlsx(data, actor):
    return run_import(data, actor, filename="register.xlsx")


def refused(report, *words):
    """The report holds one file-level problem (line 0) whose message has these words; nothing was written."""
    assert not report.written and count_requests() == 0
    assert [problem.line for problem in report.problems] == [0], report.problems
    message = report.problems[0].message
    assert all(word in message for word in words), message
    return message


def test_rows_past_the_declared_range_are_read(supervisor, prosecutor):
    # The sheet says A1:B2, yet holds a heading and ten rows over seven columns: every row and column is read.
    report = import_xlsx(workbook(register_sheet(prosecutor, 10, dimension="A1:B2")), supervisor)
    assert report.written and [reference for _line, reference in report.new] == [f"WB-{n}" for n in range(1, 11)]
    assert count_requests() == 10


def test_a_bad_row_past_the_declared_range_stops_the_whole_file(supervisor, prosecutor):
    rows = [COLUMNS] + [row(f"WB-{n}", prosecutor) for n in range(1, 10)] + [row("WB-10", prosecutor,
                                                                              country="Atlantis")]
    report = import_xlsx(workbook(sheet_xml(rows, dimension="A1:G2")), supervisor)
    assert not report.written and count_requests() == 0
    assert [(p.line, p.column) for p in report.problems] == [(11, "country")]


def test_a_sheet_declaring_every_cell_of_excel_is_refused(supervisor, prosecutor):
    data = workbook(register_sheet(prosecutor, 2, dimension="A1:XFD1048576"))
    assert len(data) < 5000
    refused(import_xlsx(data, supervisor), "1048576", "16384")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(supervisor, prosecutor):
    # 300 MB of sheet XML (blank space between two rows) packed into well under a megabyte.
    head, tail = register_sheet(prosecutor, 1).split("</sheetData>")

    def write(stream):
        stream.write(head.encode())
        filler = b" " * (1 << 20)
        for _ in range(300):
            stream.write(filler)
        stream.write(b"</sheetData>" + tail.encode())

    data = workbook("", write_sheet=write)
    assert len(data) < 1_000_000
    refused(import_xlsx(data, supervisor), "300 MB")


def test_a_part_packed_far_tighter_than_a_spreadsheet_is_refused(supervisor, prosecutor):
    padded = register_sheet(prosecutor, 1).replace("<sheetData>", "<sheetData>" + " " * 3_000_000)
    refused(import_xlsx(workbook(padded), supervisor), "compressed far more tightly")


def test_a_workbook_unpacking_past_the_limit_is_refused(supervisor, prosecutor, monkeypatch):
    monkeypatch.setattr(xlsx_parts, "MAX_UNPACKED", 20_000)
    refused(import_xlsx(workbook(register_sheet(prosecutor, 200)), supervisor), "more than a register file holds")


def test_a_workbook_of_thousands_of_parts_is_refused(supervisor, prosecutor):
    parts = [(f"xl/media/filler{n}.xml", "") for n in range(2000)]
    refused(import_xlsx(workbook(register_sheet(prosecutor, 1), extra_parts=parts), supervisor), "2006 parts")


@pytest.mark.parametrize("data", [b"PK\x03\x04 not a zip at all", b"%PDF-1.7 a document", b"",
                                  b"PK\x05\x06" + b"\x00" * 18])
def test_a_file_that_is_not_a_workbook_is_refused(supervisor, data):
    refused(import_xlsx(data, supervisor), "Excel")


@pytest.mark.parametrize("broken", [
    # A document type declaring entities (the "billion laughs"); a cell pointing past the shared texts;
    # XML cut off half-way; rows out of order.
    lambda sheet: sheet.replace("<worksheet", '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet'),
    lambda sheet: sheet.replace('t="inlineStr"><is><t>WB-1</t></is>', 't="s"><v>7</v>'),
    lambda sheet: sheet[:len(sheet) // 2],
    lambda sheet: sheet.replace('<row r="3">', '<row r="1">')])
def test_a_damaged_sheet_is_refused(supervisor, prosecutor, broken):
    refused(import_xlsx(workbook(broken(register_sheet(prosecutor, 3))), supervisor), "Excel")


def test_a_value_past_the_columns_of_a_register_is_refused(supervisor, prosecutor):
    rows = [COLUMNS] + [row("WB-1", prosecutor) + [""] * 60 + ["stray"]]
    refused(import_xlsx(workbook(sheet_xml(rows)), supervisor), "Line 2", "64")
    csv_rows = [row("CSV-1", prosecutor) + [""] * 60 + ["stray"]]
    refused(run_import(csv_bytes(csv_rows, headings=COLUMNS), supervisor), "Line 2", "64")


def test_empty_cells_past_the_register_are_read_past(supervisor, prosecutor):
    sheet = register_sheet(prosecutor, 2).replace("</row>", '<c r="XFD2"/></row>')
    assert import_xlsx(workbook(sheet), supervisor).written
    csv_rows = [row("CSV-1", prosecutor) + [""] * 200]
    assert run_import(csv_bytes(csv_rows, headings=COLUMNS), supervisor).written


def test_a_sheet_of_more_cells_than_a_register_is_refused(app, supervisor, prosecutor, monkeypatch):
    # Empty cells (with varied styles, so they pack like a real sheet) far past what 100 rows of 64 columns hold.
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 100)
    random = Random(17)
    filler = "".join(f'<c s="{random.randrange(10**6)}"/>' for _ in range(50_000))
    head, tail = register_sheet(prosecutor, 1).split("</sheetData>")
    sheet = head.replace("</row><row", filler + "</row><row", 1) + "</sheetData>" + tail
    refused(import_xlsx(workbook(sheet), supervisor), "more cells", "100 rows")


@pytest.mark.parametrize("filename", ["register.csv", "register.xlsx"])
def test_more_rows_than_the_limit_are_refused_and_the_limit_itself_imports(app, supervisor, prosecutor, monkeypatch,
                                                                           filename):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 5)

    def data(count):
        rows = [row(f"LIM-{n}", prosecutor) for n in range(count)]
        return csv_bytes(rows, headings=COLUMNS) if filename.endswith("csv") else workbook(sheet_xml([COLUMNS] + rows))

    refused(run_import(data(6), supervisor, filename=filename), "more than 5 rows")
    report = run_import(data(5), supervisor, filename=filename)
    assert report.written and count_requests() == 5


def test_a_csv_line_longer_than_any_register_row_is_refused(supervisor, prosecutor):
    long_row = row("CSV-1", prosecutor, case_number="1" * 150_000)
    refused(run_import(csv_bytes([long_row], headings=COLUMNS), supervisor), "Line 2", "100000")


def test_a_file_turning_bad_after_some_batches_leaves_nothing_behind(app, supervisor, prosecutor, monkeypatch):
    # More good rows than a batch, so some are registered before the file is found too long or a row bad: the
    # import itself undoes them, before the caller rolls back.
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", BATCH + 50)
    good = [row(f"B-{n}", prosecutor) for n in range(BATCH + 20)]
    for rows in (good + [row(f"X-{n}", prosecutor) for n in range(40)], good + [row("BAD", prosecutor, kind="x")]):
        report = import_requests("register.csv", csv_bytes(rows, headings=COLUMNS), actor=supervisor, dry_run=False,
                                 today=clock.today_local(), now=clock.now())
        assert not report.written and report.problems
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0
        db.session.rollback()
    report = run_import(csv_bytes(good, headings=COLUMNS), supervisor)
    assert report.written and count_requests() == BATCH + 20


@pytest.mark.parametrize("text", ["٢٠٢٦-٠١-٠١", "٠١.٠١.٢٠٢٦", "２０２６-０１-０１", "2026-W01-1", "2026-001", "20260101",
                                  "2026-01-01T00:00", " 2026-1-01", "1899-12-31", "2101-01-01", "31.12.1899"])
def test_only_plain_dates_in_the_accepted_years_are_read(app, text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_date_cell_outside_the_accepted_years_is_a_row_problem(supervisor, prosecutor):
    # Serial 1 is 1 January 1900 in Excel's calendar and 2 is its next day; -1 cannot be a date at all.
    rows = [COLUMNS, row("OLD-1", prosecutor, sent_on=("date", 1)), row("OLD-2", prosecutor, sent_on=("date", -1)),
            row("OLD-3", prosecutor, sent_on="٢٠٢٦-٠١-٠١"), row("OLD-4", prosecutor, sent_on="2026-W01-1")]
    report = import_xlsx(workbook(sheet_xml(rows)), supervisor)
    assert not report.written and count_requests() == 0
    assert [(p.line, p.column) for p in report.problems] == [(3, "sent_on"), (4, "sent_on"), (5, "sent_on")]
    assert parse_date(date(1900, 1, 1)) == date(1900, 1, 1)


def test_a_date_cell_is_read_as_its_day(supervisor, prosecutor):
    rows = [COLUMNS, row("DAY-1", prosecutor, sent_on=("date", 46000))]
    assert import_xlsx(workbook(sheet_xml(rows)), supervisor).written
    stored = db.session.scalar(sa.select(Request).where(Request.reference == "DAY-1"))
    assert stored.sent_on == date(2025, 12, 9)


def test_the_upload_page_refuses_a_hostile_workbook_in_the_users_language(client, auth, supervisor, prosecutor):
    auth.login(supervisor)
    data = workbook(register_sheet(prosecutor, 2, dimension="A1:XFD1048576"))
    response = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.xlsx"), "submit": "1"},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nothing was imported: 1 problem to correct." in html
    assert "The sheet is marked as 1048576 rows by 16384 columns" in html
    db.session.rollback()
    assert count_requests() == 0
