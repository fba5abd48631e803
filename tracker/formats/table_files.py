"""Reading a table (an office's register, the treaty list) from CSV or XLSX as a stream of rows, within the size of a
register file: at most IMPORT_MAX_ROWS rows with content and MAX_COLUMNS columns, each CSV line at most MAX_LINE
characters, a workbook checked before it is unpacked (tracker.formats.xlsx_sheet).

Rows are handed on as they are read, so a large file never sits in memory twice; a file found too large or
damaged part-way raises ImportFileError then, and the import undoes what it had done.
"""
import csv
import io
from itertools import chain

from flask import current_app
from flask_babel import gettext as _

from tracker.formats.exports import FORMULA_STARTS
from tracker.formats.xlsx_sheet import SheetLimits, SheetRefused, sheet_rows, too_many_columns, too_many_rows

# The importers know 25 columns; a value further right is not part of a register.
MAX_COLUMNS = 64
# Characters of one CSV record (a line, or several when a quoted cell holds line breaks); a register's longest
# row is some 12,000.
MAX_LINE = 100_000
DEFAULT_MAX_ROWS = 100_000


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is in the user's language."""


def max_rows() -> int:
    """Rows with content a file may have besides its headings (the setting IMPORT_MAX_ROWS)."""
    return int(current_app.config.get("IMPORT_MAX_ROWS") or DEFAULT_MAX_ROWS)


def open_table(filename: str, data: bytes):
    """The headings and an iterator over (line, cells) of every row with content of a CSV or XLSX file.

    Raises ImportFileError at once, or while the rows are read, for a file that cannot be read or is too large.
    """
    limit = max_rows()
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(data, SheetLimits(rows=limit, columns=MAX_COLUMNS))
        first = next(rows, None)
        if first is None:
            return [], iter(())
        if first[0] != 1:  # the first row is empty: no headings
            return [], chain([first], rows)
        return [str(heading) for heading in first[1]], rows
    return _csv_table(data, limit)


def read_table(filename: str, data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """The headings and the (line, cells) of every row with content, read whole (small tables)."""
    headings, rows = open_table(filename, data)
    return headings, list(rows)


def _xlsx_rows(data: bytes, limits: SheetLimits):
    try:
        yield from sheet_rows(data, limits)
    except SheetRefused as refusal:
        raise ImportFileError(str(refusal)) from None


class _Lines:
    """The physical lines of a CSV file for csv.reader, decoded as they are read; refuses a record (the lines since
    `start_record()`) longer than MAX_LINE characters, text that is not UTF-8 and binary files."""

    def __init__(self, data: bytes):
        self.stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        self.record_length = 0
        self.number = 0

    def start_record(self) -> None:
        self.record_length = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        try:
            line = self.stream.readline(MAX_LINE + 1 - self.record_length)
        except UnicodeDecodeError:
            raise ImportFileError(_("The file is not in UTF-8. Save it as “CSV UTF-8” and try again.")) from None
        if not line:
            raise StopIteration
        self.number += 1
        self.record_length += len(line)
        if self.record_length > MAX_LINE:
            raise ImportFileError(_("Line %(line)d is longer than %(num)d characters, far longer than a row of a "
                                    "register. Check that the file is a CSV table.", line=self.number,
                                    num=MAX_LINE))
        if "\x00" in line:
            raise ImportFileError(_("The file is not a text CSV file."))
        return line


def _csv_table(data: bytes, limit: int):
    """CSV in UTF-8 (a BOM is fine), separated by commas or by semicolons as Excel writes in our region."""
    lines = _Lines(data)
    first_line = next(lines, "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(chain([first_line], lines), delimiter=delimiter)
    headings = _record(reader, lines)
    return [] if headings is None else headings[1], _csv_rows(reader, lines, limit)


def _record(reader, lines: _Lines):
    """The next record as (its first line, cells without trailing empty ones), or None at the end."""
    line = reader.line_num + 1
    lines.start_record()
    try:
        record = next(reader, None)
    except csv.Error:
        raise ImportFileError(_("The CSV file cannot be read near line %(line)d.", line=reader.line_num)) from None
    if record is None:
        return None
    cells = [_uncell(cell) for cell in record]
    while cells and cells[-1] == "":
        cells.pop()
    if len(cells) > MAX_COLUMNS:
        raise ImportFileError(too_many_columns(line, MAX_COLUMNS))
    return line, cells


def _csv_rows(reader, lines: _Lines, limit: int):
    count = 0
    while (record := _record(reader, lines)) is not None:
        if not any(record[1]):
            continue
        count += 1
        if count > limit:
            raise ImportFileError(too_many_rows(limit))
        yield record


def _uncell(text: str) -> str:
    """Drops the apostrophe our exports put before text a spreadsheet would take for a formula."""
    if text[:1] == "'" and text[1:2].startswith(FORMULA_STARTS) and len(text) > 1:
        return text[1:]
    return text
