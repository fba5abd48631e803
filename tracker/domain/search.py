"""Free-text search folding: Kazakh and Russian spellings, letter case and typed number separators alike."""
import unicodedata

# Kazakh letters and their Russian look-alikes, and ё: a name is spelt either way in case files, so the
# register stores and searches both as the Russian letter.
_LETTERS = str.maketrans("әғқңөұүһіё", "агкноуухие")
# What people type between the digit groups of case and registration numbers.
_NUMBER_SEPARATORS = dict.fromkeys(map(ord, " -\u2010\u2011\u2012\u2013\u2014\u2015\u2212/\\."))
# Between the numbers and the names in the stored text. Whitespace to str.split(), so fold() never yields it:
# a search over the numbers only can tell where they end.
NAMES_START = "\x1f"


def fold(text: str | None) -> str:
    """`text` in one spelling for search: compatibility forms unified, case folded, Kazakh letters and ё as their
    Russian look-alikes, runs of whitespace as one space."""
    unified = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text or "").casefold())
    return " ".join(unified.translate(_LETTERS).split())


def compact(text: str | None) -> str:
    """A case or registration number folded and without the spaces, dashes, slashes and dots typed in it."""
    return fold(text).translate(_NUMBER_SEPARATORS)


def indexed_text(numbers, names) -> str:
    """The stored search text of a request: its numbers folded, each also compacted where that differs, then
    NAMES_START, then the names folded; empty values are left out."""
    folded = [fold(number) for number in numbers if number]
    compacted = [compact(number) for number in numbers if number]
    spelt = [value for value in folded if value]
    spelt += [value for value in compacted if value and value not in spelt]
    return " ".join(spelt) + NAMES_START + " ".join(value for value in (fold(name) for name in names if name) if value)


def needles(query: str | None) -> tuple[str, ...]:
    """What to look for in the stored text for a typed query: the query folded, and compacted too when that
    differs, so "2175 0003 1000 123" finds 217500031000123 and "МСП 2026 1" finds МСП-2026/1."""
    folded = fold(query)
    short = compact(folded)
    return (folded,) if short in ("", folded) else (folded, short)
