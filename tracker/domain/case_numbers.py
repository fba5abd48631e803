"""Checks on criminal case (ERDR) numbers: unusual formats are warned about, never refused."""
import re

# ERDR numbers are 15 digits: two of year, then the registering body and a sequence.
ERDR_PATTERN = re.compile(r"^\d{15}$")


def normalise_case_number(raw: str) -> str:
    """Drops spaces and dashes that people type between digit groups."""
    return re.sub(r"[\s\-]", "", raw or "")


def case_number_warning(number: str) -> str | None:
    """A code naming what looks wrong with a case number, or None when it looks usual."""
    if not number:
        return None
    if not (number.isascii() and number.isdigit()):
        return "not_digits"
    if not ERDR_PATTERN.match(number):
        return "unusual_length"
    return None
