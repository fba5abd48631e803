"""Which download a user asked for: XLSX, or CSV separated the way their Excel opens it as columns; and the name a
download is saved under."""
import re
import unicodedata
from urllib.parse import quote

from tracker.formats.exports import SEPARATORS

FORMATS = ("csv", "xlsx")
# Excel set up for Kazakh or Russian reads semicolons as the column separator (the comma is their decimal
# separator); set up for English, commas.
DEFAULT_SEPARATOR = {"kk": "semicolon", "ru": "semicolon", "en": "comma"}


def requested_download(args, language: str) -> tuple[str, str] | None:
    """(format, CSV separator) from `?format=csv|xlsx&sep=semicolon|comma`, the separator by default the one of the
    user's language; None when the query asks for no download."""
    fmt = args.get("format")
    if fmt not in FORMATS:
        return None
    return fmt, separator(args, language)


def separator(args, language: str) -> str:
    """The CSV separator asked for, or the one of the user's language."""
    name = args.get("sep")
    return SEPARATORS[name if name in SEPARATORS else DEFAULT_SEPARATOR.get(language, "comma")]


# What an ASCII file name may keep as it is in the header; anything else is written "_" there and kept whole in the
# percent-encoded UTF-8 name (RFC 6266, RFC 8187) that browsers prefer.
PLAIN_NAME = re.compile(r"[^A-Za-z0-9._() -]")


def attachment_disposition(name: str) -> str:
    """The Content-Disposition of a download named `name`: the name in UTF-8, percent-encoded, and a plain ASCII
    fallback. Names come from users (an uploaded file, a registration number), so neither form carries a quote, an
    angle bracket or a line break into the header."""
    # Accents are dropped (é -> e); a letter of another alphabet becomes "_", so that the fallback keeps the shape.
    fallback = PLAIN_NAME.sub("_", "".join(ch for ch in unicodedata.normalize("NFKD", name)
                                           if not unicodedata.combining(ch)))
    return f"attachment; filename=\"{fallback.strip() or 'download'}\"; filename*=UTF-8''{quote(name, safe='')}"
