"""Streaming CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl write-only) exports of report tables."""
import csv
import io
import tempfile
from datetime import date, datetime

from flask import Response, stream_with_context
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_safe(value):
    """A cell for CSV: dates as dd.mm.yyyy; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, headings, rows) -> Response:
    """Streams the table as CSV, row by row, so memory stays flat whatever its size."""
    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(headings)
        for row in rows:
            writer.writerow([csv_safe(value) for value in row])
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
    return Response(stream_with_context(generate()), mimetype=CSV_TYPE,
                    headers={"Content-Disposition": f"attachment; filename={filename}.csv"})


def xlsx_response(filename: str, title: str, headings, rows) -> Response:
    """Writes the table with openpyxl's write-only mode (flat memory) to a temporary file, then streams it."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    try:
        write_xlsx(spool, title, headings, rows)
    except Exception:
        spool.close()
        raise
    spool.seek(0)

    def generate():
        try:
            while chunk := spool.read(256 * 1024):
                yield chunk
        finally:
            spool.close()
    return Response(generate(), mimetype=XLSX_TYPE,
                    headers={"Content-Disposition": f"attachment; filename={filename}.xlsx"})


def write_xlsx(target, title: str, headings, rows) -> None:
    """A workbook with one sheet: bold headings, then the rows; text is never turned into a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Sheet")
    sheet.append([_cell(sheet, heading, bold=True) for heading in headings])
    # A row is written out as soon as it is appended, so one styled date cell per column can be reused;
    # plain values need no cell object at all. This keeps large exports fast.
    date_cells = {}
    for row in rows:
        values = []
        for column, value in enumerate(row):
            if isinstance(value, (date, datetime)):
                cell = date_cells.get(column)
                if cell is None:
                    cell = date_cells[column] = _cell(sheet, value)
                cell.value = value.replace(tzinfo=None) if isinstance(value, datetime) else value
                values.append(cell)
            elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
                values.append(_cell(sheet, value))
            else:
                values.append(value)
        sheet.append(values)
    workbook.save(target)


def _cell(sheet, value, *, bold=False):
    """One cell; dates as dates shown dd.mm.yyyy, text forced to stay text."""
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    if isinstance(value, (date, datetime)):
        cell.number_format = "DD.MM.YYYY"
    if bold:
        cell.font = Font(bold=True)
    return cell


def table_response(fmt: str, filename: str, title: str, headings, rows):
    """The table as a CSV or XLSX download."""
    if fmt == "xlsx":
        return xlsx_response(filename, title, headings, rows)
    return csv_response(filename, headings, rows)
