"""A workbook's archive checked before anything is unpacked, and the parts a sheet's cells refer to: the
workbook's relationships, its shared texts and which cell styles show dates.

A hostile workbook can be small yet unpack to gigabytes or list thousands of parts; the archive's directory says
how many parts, how large each unpacks and how tightly it is packed, and zipfile never unpacks a part past its
stated size (it checks the checksum), so these checks hold for what is read afterwards. Every part is parsed as
a stream by expat, with document type declarations (and so entity expansion) refused.
"""
import posixpath
import zipfile
from array import array
from xml.parsers import expat

from flask_babel import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

# A workbook has some ten parts; anything with hundreds is not a register.
MAX_PARTS = 500
# Unpacked size of every part together; a register of the largest size unpacks to about 130 MB.
MAX_UNPACKED = 256 * 1024 * 1024
# The shared text of every cell is held in memory while the sheet is read.
MAX_SHARED_STRINGS = 64 * 1024 * 1024
# Spreadsheet XML packs ten to twenty times; far more means filler built to be unpacked.
MAX_RATIO = 100
# Parts this small may pack as tightly as they like.
RATIO_FROM = 1024 * 1024
# The archive's directory, and the parts read besides the sheet and its texts (workbook, relationships, styles):
# real ones are far smaller.
MAX_DIRECTORY = MAX_PARTS * 1024
MAX_SMALL_PART = 16 * 1024 * 1024
CHUNK = 64 * 1024
# Excel's widest sheet.
LAST_COLUMN = 16_384


class SheetRefused(Exception):
    """The workbook cannot be read or is larger than a register file; the message is in the user's language."""


def unreadable() -> SheetRefused:
    return SheetRefused(_("The file cannot be read as an Excel workbook (XLSX)."))


def check_directory(data: bytes) -> None:
    """Refuses an archive whose directory lists too many parts, before zipfile reads the directory into memory.

    The end record at the archive's tail gives the number of parts and the directory's size.
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65_535))
    if end < 0 or len(data) < end + 22:
        raise unreadable()
    parts = int.from_bytes(data[end + 10:end + 12], "little")
    directory_size = int.from_bytes(data[end + 12:end + 16], "little")
    if parts > MAX_PARTS or directory_size > MAX_DIRECTORY:
        raise _too_many_parts(parts)


def _too_many_parts(parts: int) -> SheetRefused:
    return SheetRefused(_("The workbook has %(parts)d parts; an Excel workbook of a register has a few dozen at "
                          "most. Save the register as a new workbook or as CSV.", parts=parts))


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuses, before unpacking, an archive with too many parts, too much inside or parts packed like a bomb.

    The sizes come from the archive's directory; zipfile stops reading a part at its stated size and checks its
    checksum, so a part cannot unpack to more than stated.
    """
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise _too_many_parts(len(parts))
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise SheetRefused(_("The workbook unpacks to %(size)d MB, more than a register file holds (%(limit)d MB). "
                             "Save the register as a new workbook or as CSV.", size=unpacked // 2**20,
                             limit=MAX_UNPACKED // 2**20))
    if any(part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1) for part in parts):
        raise SheetRefused(_("The workbook's contents are compressed far more tightly than a spreadsheet's, as in "
                             "files built to overload a server. Save the register as a new workbook or as CSV."))


def parse_part(stream, start=None, end=None, text=None):
    """Feeds a part through expat with these handlers, yielding after each chunk; document type declarations (and
    so entities) are refused."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def no_doctype(*_args):
        raise ValueError("a document type declaration in a workbook part")

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    with stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            yield
    parser.Parse(b"", True)
    yield


def _open_small(archive: zipfile.ZipFile, part: str):
    """A part read whole besides the sheet; a damaged workbook if it is larger than any real one."""
    if archive.getinfo(part).file_size > MAX_SMALL_PART:
        raise ValueError(f"{part} is too large")
    return archive.open(part)


def _run(generator) -> None:
    for _step in generator:
        pass


def local_name(name: str) -> str:
    """An element or attribute name without its namespace."""
    return name.rpartition(" ")[2]


class Book:
    """What the sheet's cells refer to: the first worksheet's part, shared strings, date styles and calendar."""

    def __init__(self, archive: zipfile.ZipFile):
        targets, types = self._relationships(archive)
        self.epoch = CALENDAR_WINDOWS_1900
        sheets = []

        def start(name, attributes):
            name = local_name(name)
            if name == "workbookPr" and attributes.get("date1904") in ("1", "true"):
                self.epoch = CALENDAR_MAC_1904
            elif name == "sheet":
                # r:id, in the transitional or the strict namespace
                sheets.append(next((value for key, value in attributes.items() if key.endswith(" id")), None))

        _run(parse_part(_open_small(archive, "xl/workbook.xml"), start=start))
        worksheets = [targets[key] for key in sheets if types.get(key, "").endswith("/worksheet")]
        if not worksheets:
            raise KeyError("no worksheet")
        self.sheet = worksheets[0]
        shared = [target for key, target in targets.items() if types[key].endswith("/sharedStrings")]
        styles = [target for key, target in targets.items() if types[key].endswith("/styles")]
        self.strings = _SharedStrings(archive, shared[0]) if shared else _SharedStrings(None, None)
        self.date_styles = self._date_styles(archive, styles[0]) if styles else bytearray()

    @staticmethod
    def _relationships(archive):
        """The workbook's relationships: id -> part name, id -> type."""
        targets, types = {}, {}

        def start(name, attributes):
            if local_name(name) == "Relationship" and attributes.get("TargetMode") != "External":
                target = attributes.get("Target", "")
                targets[attributes.get("Id")] = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(f"xl/{target}")
                types[attributes.get("Id")] = attributes.get("Type", "")

        _run(parse_part(_open_small(archive, "xl/_rels/workbook.xml.rels"), start=start))
        return targets, types

    @staticmethod
    def _date_styles(archive, part) -> bytearray:
        """One byte per cell style, 1 where its number format shows a date."""
        formats, dates, flags, inside = dict(BUILTIN_FORMATS), {}, bytearray(), []

        def start(name, attributes):
            name = local_name(name)
            if name == "numFmt":
                formats[int(attributes.get("numFmtId", "0"))] = attributes.get("formatCode", "")
            elif name == "cellXfs":
                inside.append(True)
            elif name == "xf" and inside:
                number_format = int(attributes.get("numFmtId", "0"))
                if number_format not in dates:
                    dates[number_format] = is_date_format(formats.get(number_format) or "")
                flags.append(dates[number_format])

        def end(name):
            if local_name(name) == "cellXfs":
                inside.clear()

        _run(parse_part(_open_small(archive, part), start=start, end=end))
        return flags


class _SharedStrings:
    """The workbook's shared cell texts, packed as UTF-8 in one buffer, so a million short ones cost little."""

    def __init__(self, archive, part):
        self.buffer, self.ends = bytearray(), array("q", [0])
        if part is None:
            return
        if archive.getinfo(part).file_size > MAX_SHARED_STRINGS:
            raise SheetRefused(_("The workbook holds more text than a register file (%(limit)d MB). Save the "
                                 "register as CSV.", limit=MAX_SHARED_STRINGS // 2**20))
        pieces, depth = [], {"si": 0, "t": 0, "rPh": 0}

        def start(name, _attributes):
            name = local_name(name)
            if name in depth:
                depth[name] += 1

        def end(name):
            name = local_name(name)
            if name in depth:
                depth[name] -= 1
            if name == "si":
                self.buffer += "".join(pieces).encode("utf-8", "surrogatepass")
                self.ends.append(len(self.buffer))
                pieces.clear()

        def text(content):
            if depth["si"] and depth["t"] and not depth["rPh"]:
                pieces.append(content)

        _run(parse_part(archive.open(part), start=start, end=end, text=text))

    def __getitem__(self, index: int) -> str:
        if not 0 <= index < len(self.ends) - 1:
            raise ValueError(f"no shared string {index}")
        return self.buffer[self.ends[index]:self.ends[index + 1]].decode("utf-8", "surrogatepass")
