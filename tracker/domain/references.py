"""Our registration numbers: the office's pattern, PREFIX-YEAR-NUMBER (МСП-2026-0104), and the next number of a
kind in a year. Numbers of another form (an earlier register's, imported) are warned about, never refused."""
import re
from collections.abc import Iterable

# The prefix of each kind, as the office numbers its requests.
PREFIXES = {"mla": "МСП", "extradition": "ВЫД", "transfer": "ПУП"}
DIGITS = 4
PATTERN = re.compile(r"^(?P<prefix>\w+)-(?P<year>\d{4})-(?P<number>\d+)$")


def suggested(prefix: str, year: int, taken: Iterable[str]) -> str:
    """The number after the highest one of `prefix` and `year` among `taken`; the first of the year otherwise."""
    highest = 0
    for reference in taken:
        found = PATTERN.match(reference)
        if found and found["prefix"] == prefix and int(found["year"]) == year:
            highest = max(highest, int(found["number"]))
    return f"{prefix}-{year}-{highest + 1:0{DIGITS}d}"


def reference_warning(reference: str, prefix: str) -> str | None:
    """A code naming how a registration number departs from the office's pattern for its kind, or None."""
    found = PATTERN.match(reference or "")
    if found is None:
        return "reference_unusual_form"
    if found["prefix"] != prefix:
        return "reference_other_prefix"
    return None
