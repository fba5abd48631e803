"""The documents a request stands for: the kinds of attachment the register keeps."""
import io
import re
import unicodedata
import zipfile
from enum import StrEnum


class AttachmentKind(StrEnum):
    """What a stored document is, in the office's words."""

    REQUEST_AS_SENT = "request_as_sent"
    TRANSLATION = "translation"
    ACKNOWLEDGEMENT = "acknowledgement"
    REPLY = "reply"
    EXECUTED_MATERIALS = "executed_materials"
    NOTE_VERBALE = "note_verbale"
    REMINDER = "reminder"
    SUPPLEMENT = "supplement"
    OTHER = "other"


# The types the register keeps, by what the content is (never by the name or the type the sender claimed): their
# media type and the file extensions a name of that type may end with, the first one added when it ends otherwise.
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {
    "application/pdf": (".pdf",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    ODT: (".odt",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/tiff": (".tif", ".tiff"),
}
# The signatures of the single-part types at the start of the content.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
ZIP_SIGNATURE = b"PK\x03\x04"
# Parts that make an Office document run code when opened: such a document is refused, as an executable is.
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
# The longest file name kept, in characters (the column holds 255).
NAME_LIMIT = 200


class RefusedFile(ValueError):
    """A document the register does not keep, with the error code that says why (labels.ERROR)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def media_type_of(content: bytes) -> str:
    """The type of a document read from its content, or RefusedFile("file_type") for anything not kept: an
    executable renamed .pdf, an archive that is not an Office or OpenDocument text, an Office file with macros."""
    if not content:
        raise RefusedFile("file_empty")
    for signature, media_type in SIGNATURES:
        if content.startswith(signature):
            return media_type
    if content.startswith(ZIP_SIGNATURE):
        return _zipped_document(content)
    raise RefusedFile("file_type")


def _zipped_document(content: bytes) -> str:
    """DOCX, XLSX or ODT told apart by the parts the archive lists; only names are read, nothing is unpacked but
    the few bytes of an OpenDocument's `mimetype`."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            lowered = {name.lower().rsplit("/", 1)[-1] for name in names}
            if any(part in lowered for part in MACRO_PARTS):
                raise RefusedFile("file_macros")
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return XLSX
            if ("mimetype" in names and archive.getinfo("mimetype").file_size < 100
                    and archive.read("mimetype").strip() == ODT.encode()):
                return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, EOFError, ValueError) as error:
        if isinstance(error, RefusedFile):
            raise
        raise RefusedFile("file_type") from None
    raise RefusedFile("file_type")


def clean_filename(name: str, media_type: str) -> str:
    """The name a document is shown and downloaded under: the last part of whatever path the sender's system gave,
    without control characters, never hidden or empty, and ending with an extension of its real type (a PDF named
    `report.exe` is kept as `report.exe.pdf`)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".").strip()
    extensions = EXTENSIONS[media_type]
    stem, dot, extension = name.rpartition(".")
    if not dot or f".{extension.lower()}" not in extensions:
        stem, extension = name, extensions[0][1:]
    stem = stem.strip()[: NAME_LIMIT - len(extension) - 1].rstrip(" .") or "document"
    return f"{stem}.{extension}"
