"""Which download a user asked for: XLSX, or CSV separated the way their Excel opens it as columns."""
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
