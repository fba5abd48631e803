"""The rows of a workbook's first sheet, read as it unpacks, within the size of a register file.

The archive is checked before it is unpacked (tracker.formats.xlsx_parts); the sheet is then parsed as a stream
(expat, no tree), one row at a time, counting its elements, so memory stays flat and time bounded whatever the
file says: a sheet may declare a million rows by 16,384 columns or put a million cells into one row. The sheet's
declared range (<dimension>) only serves to refuse a sheet that says it is larger than a register; which rows
are read never depends on it, since writers often leave it wrong.
"""
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from xml.parsers import expat

from flask_babel import gettext as _
from flask_babel import ngettext
from openpyxl.utils.datetime import from_excel

from tracker.formats.xlsx_parts import (LAST_COLUMN, Book, SheetRefused, check_archive, check_directory,
                                        local_name, parse_part, unreadable)

# Excel's own limits.
LAST_ROW = 1_048_576
MAX_CELL_TEXT = 32_767
# XML elements the sheet may hold per row: 40 cells of three each (<c><is><t>), more than a register needs. This
# bounds the time a sheet of nothing but empty cells takes to read, about 20 s at the largest.
ELEMENTS_PER_ROW = 40 * 3


@dataclass(frozen=True)
class SheetLimits:
    """How much of a sheet is read: rows with content, and columns from the left."""

    rows: int
    columns: int

    @property
    def elements(self) -> int:
        return (self.rows + 1) * ELEMENTS_PER_ROW


def sheet_rows(data: bytes, limits: SheetLimits):
    """(row number, cells) of every row of the first sheet with content; cells are text or dates.

    Raises SheetRefused, also part-way through, for a damaged or oversized workbook.
    """
    check_directory(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise unreadable() from None
    with archive:
        check_archive(archive)
        try:
            book = Book(archive)
            yield from _SheetParser(book, limits).rows(archive.open(book.sheet))
        except (zipfile.BadZipFile, expat.ExpatError, KeyError, ValueError, EOFError, OSError, RuntimeError,
                NotImplementedError):
            # A damaged part (bad CRC, broken XML, a missing part, a bad number) means the same to the user.
            raise unreadable() from None


def column_number(reference: str) -> int:
    """1 for A, 27 for AA, from a cell reference such as AA12."""
    number = 0
    for position, letter in enumerate(reference):
        if "A" <= letter <= "Z":
            number = number * 26 + ord(letter) - 64
        elif position and letter.isdigit():
            break
        else:
            raise ValueError(f"bad cell reference {reference!r}")
    if not 0 < number <= LAST_COLUMN:
        raise ValueError(f"bad cell reference {reference!r}")
    return number


def _declared(reference: str) -> tuple[int, int]:
    """The last row and column of a declared range such as A1:W500."""
    last = reference.rpartition(":")[2].replace("$", "")
    digits = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return (int(digits) if digits.isdigit() else 1), column_number(last)


class _SheetParser:
    """Turns the sheet's XML into rows of values, holding one row at a time."""

    def __init__(self, book: Book, limits: SheetLimits):
        self.book, self.limits = book, limits
        self.ready = []  # finished rows not yet handed on
        self.row_number, self.rows_with_content, self.elements = 0, 0, 0
        self.cells, self.column = {}, 0
        self.cell_type, self.cell_style, self.text, self.in_text, self.in_phonetic = None, 0, [], False, 0
        self.text_length = 0

    def rows(self, stream):
        for _step in parse_part(stream, start=self.start, end=self.end, text=self.characters):
            yield from self.ready
            self.ready.clear()

    def start(self, name, attributes):
        self.elements += 1
        if self.elements > self.limits.elements:
            raise SheetRefused(_("The sheet holds more cells than a register file of %(rows)d rows. Delete the "
                                 "empty rows and columns after the register, or split it into several files.",
                                 rows=self.limits.rows))
        name = local_name(name)
        if name == "c":
            reference = attributes.get("r")
            self.column = column_number(reference) if reference else self.column + 1
            self.cell_type, self.cell_style = attributes.get("t", "n"), int(attributes.get("s") or 0)
            self.text.clear()
            self.text_length = 0
        elif name == "v" or (name == "t" and not self.in_phonetic):
            self.in_text = True
        elif name == "rPh":
            self.in_phonetic += 1
        elif name == "row":
            self._start_row(attributes.get("r"))
        elif name == "dimension":
            self._check_declared(attributes.get("ref") or "A1")

    def end(self, name):
        name = local_name(name)
        if name in ("v", "t"):
            self.in_text = False
        elif name == "rPh":
            self.in_phonetic -= 1
        elif name == "c":
            self._end_cell()
        elif name == "row":
            self._end_row()

    def characters(self, content):
        if self.in_text and not self.in_phonetic:
            self.text_length += len(content)
            if self.text_length > MAX_CELL_TEXT:
                raise SheetRefused(_("A cell in row %(row)d holds more than %(num)d characters, more than Excel "
                                     "allows.", row=self.row_number, num=MAX_CELL_TEXT))
            self.text.append(content)

    def _check_declared(self, reference: str) -> None:
        """Refuses a sheet that declares more rows or columns than a register file has (heading row included)."""
        rows, columns = _declared(reference)
        if rows > self.limits.rows + 1 or columns > self.limits.columns:
            raise SheetRefused(_("The sheet is marked as %(rows)d rows by %(columns)d columns; a register file has "
                                 "at most %(max_rows)d rows and %(max_columns)d columns. Copy the register into a "
                                 "new workbook or save it as CSV.", rows=rows, columns=columns,
                                 max_rows=self.limits.rows + 1, max_columns=self.limits.columns))

    def _start_row(self, number):
        row_number = int(number) if number else self.row_number + 1
        if not self.row_number < row_number <= LAST_ROW:
            raise ValueError(f"row {row_number} out of order")
        self.row_number, self.column = row_number, 0
        self.cells.clear()

    def _end_cell(self):
        value = self._value("".join(self.text))
        if value == "":
            return
        if self.column > self.limits.columns:
            raise SheetRefused(too_many_columns(self.row_number, self.limits.columns))
        self.cells[self.column] = value

    def _end_row(self):
        if not self.cells:
            return
        self.rows_with_content += 1
        if self.rows_with_content > self.limits.rows + 1:
            raise SheetRefused(too_many_rows(self.limits.rows))
        values = [""] * max(self.cells)
        for column, value in self.cells.items():
            values[column - 1] = value
        self.ready.append((self.row_number, values))

    def _value(self, text: str):
        """A cell's value as the import reads it: text, or a date for date cells."""
        kind = self.cell_type
        if kind == "s":
            return self.book.strings[int(text)] if text else ""
        if kind == "b":
            return ("True" if text.strip() == "1" else "False") if text else ""
        if kind == "d":
            return _iso_date(text)
        if kind != "n" or not text:
            return text  # inline strings, formula results, errors
        return self._number(text.strip())

    def _number(self, text: str):
        """A number as text without '.0', or the date a date style shows."""
        try:
            number = float(text)
            whole = text.isascii() and text.lstrip("-").isdigit() and int(text)
        except ValueError:
            return text
        styles = self.book.date_styles
        if 0 <= self.cell_style < len(styles) and styles[self.cell_style]:
            try:
                day = from_excel(number, self.book.epoch)
            except (OverflowError, ValueError):
                return text
            return day.date() if isinstance(day, datetime) else str(day)
        if whole is not False:
            return str(whole)
        if number.is_integer() and abs(number) < 1e20:
            return str(int(number))
        return str(number)


def _iso_date(text: str):
    """A cell of the ISO date type; text if it is not a date."""
    try:
        return datetime.fromisoformat(text.strip()).date()
    except ValueError:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            return text


def too_many_columns(line: int, limit: int) -> str:
    return _("Line %(line)d has a value past column %(num)d; a register file has at most %(num)d columns.",
             line=line, num=limit)


def too_many_rows(limit: int) -> str:
    return ngettext("The file has more than %(num)d row. Split it into files of at most %(num)d row and import "
                    "them one after another.",
                    "The file has more than %(num)d rows. Split it into files of at most %(num)d rows and import "
                    "them one after another.", limit)
