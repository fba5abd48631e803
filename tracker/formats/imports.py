"""Reading an office's existing register from CSV or XLSX, and the import report as text.

The columns are the request list export's, by code or by their heading in kk, ru or en, so an export imports
back; the all-or-nothing registration of the rows is tracker.services.imports.
"""
import csv
import io
from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from openpyxl import load_workbook

from tracker.domain.people import Language
from tracker.formats.exports import FORMULA_STARTS
from tracker.formats.report_tables import LIST_COLUMNS
from tracker.models import User
from tracker.services.import_lookups import norm
from tracker.services.imports import COLUMNS, DERIVED, REQUIRED, ImportReport, Problem, import_rows


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is in the user's language."""




def read_table(filename: str, data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """The headings and the (line, cells) of every non-empty row of a CSV or XLSX file."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        headings, rows = _read_xlsx(data)
    else:
        headings, rows = _read_csv(data)
    rows = [(line, cells) for line, cells in rows if any(cell not in (None, "") for cell in cells)]
    return headings, rows


def _read_csv(data: bytes):
    """CSV in UTF-8 (a BOM is fine), separated by commas or by semicolons as Excel writes in our region."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not in UTF-8. Save it as “CSV UTF-8” and try again.")) from None
    if "\x00" in text:
        raise ImportFileError(_("The file is not a text CSV file."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headings, rows = [], []
    try:
        headings = [_uncell(h) for h in next(reader, [])]
        line = reader.line_num + 1
        for record in reader:
            rows.append((line, [_uncell(cell) for cell in record]))
            line = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(_("The CSV file cannot be read near line %(line)d.", line=reader.line_num)) from None
    return headings, rows


def _uncell(text: str) -> str:
    """Drops the apostrophe our exports put before text a spreadsheet would take for a formula."""
    if len(text) > 1 and text[0] == "'" and text[1].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _read_xlsx(data: bytes):
    """The first sheet of a workbook; dates may be date cells or text."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = [(number, [_xlsx_value(value) for value in values])
                    for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)]
        finally:
            workbook.close()
    # A damaged workbook makes openpyxl, zipfile or the XML parser fail in many ways; each means the same here.
    except Exception:  # noqa: BLE001
        raise ImportFileError(_("The file cannot be read as an Excel workbook (XLSX).")) from None
    if not rows:
        return [], []
    return ["" if h is None else str(h) for h in rows[0][1]], rows[1:]


def _xlsx_value(value):
    """A cell as text or a date: whole numbers without '.0', date-times as dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)



# Column codes of earlier versions of the export, still read.
FORMER_CODES = {"owner_email": "owner"}


def heading_codes() -> dict[str, str]:
    """Normalized heading -> column code: the codes themselves (and former ones) and the list export's titles in
    kk, ru, en."""
    names = {norm(code): code for code in COLUMNS + DERIVED} | {norm(old): new for old, new in FORMER_CODES.items()}
    for language in Language:
        with force_locale(language.value):
            for code, title in LIST_COLUMNS:
                names.setdefault(norm(title()), code)
    return names



def import_requests(filename: str, data: bytes, *, actor: User, dry_run: bool, today: date,
                    now: datetime) -> ImportReport:
    """Reads the file, then checks and registers its rows all or nothing (tracker.services.imports)."""
    report = ImportReport(dry_run=dry_run)
    try:
        headings, rows = read_table(filename, data)
    except ImportFileError as error:
        report.problems.append(Problem(0, "", str(error)))
        return report
    report.rows = len(rows)
    columns = _columns(headings, report)
    if report.problems:
        return report
    return import_rows(filename, columns, rows, report, actor=actor, today=today, now=now)


def _columns(headings: list[str], report: ImportReport) -> dict[int, str]:
    """Position -> column code; unknown, repeated or missing columns are problems on line 1."""
    known = heading_codes()
    columns = {}
    for position, heading in enumerate(headings):
        if not str(heading).strip():
            continue
        code = known.get(norm(heading))
        if code is None:
            report.problems.append(Problem(1, str(heading), _("Unknown column. The columns are: %(columns)s.",
                                                              columns=", ".join(COLUMNS))))
        elif code in columns.values():
            report.problems.append(Problem(1, str(heading), _("This column appears twice.")))
        else:
            columns[position] = code
    for code in REQUIRED:
        if code not in columns.values():
            report.problems.append(Problem(1, code, _("This column is missing.")))
    return columns



def report_lines(report: ImportReport) -> list[str]:
    """The report as plain lines for the command line, in the current locale."""
    lines = [_("Rows: %(rows)d. New: %(new)d. Already registered, unchanged: %(same)d. Changed: %(changed)d.",
               rows=report.rows, new=len(report.new), same=len(report.unchanged), changed=len(report.changed))]
    for problem in report.problems:
        lines.append(_("Line %(line)d, %(column)s: %(message)s", line=problem.line, column=problem.column or "—",
                       message=problem.message))
    for changed in report.changed:
        for column, stored, given in changed.differences:
            lines.append(_("Line %(line)d, %(reference)s: %(column)s is “%(stored)s” in the register and "
                           "“%(given)s” in the file; not changed.", line=changed.line, reference=changed.reference,
                           column=column, stored=stored, given=given))
    if report.problems:
        lines.append(_("Nothing was imported: correct the rows above and import the file again."))
    elif report.written:
        lines.append(ngettext("Imported %(num)d new request.", "Imported %(num)d new requests.", len(report.new)))
    else:
        lines.append(_("Dry run: nothing was written."))
    return lines
