"""The request list's free-text filter, answered from the trigram index of the requests' folded search text."""
import sqlalchemy as sa

from tracker.domain import search
from tracker.extensions import db
from tracker.models import Request


def text_condition(text, names: bool = True):
    """Free text over registration number, case number and the person's names, folded as tracker/domain/search.py
    folds the stored text (any case, Kazakh or Russian letters, numbers with or without separators); over the
    numbers only for whoever may not see the names, so that a search cannot tell who is sought.

    Both databases answer from a trigram index of the folded text (migration 8d3f1a6c2e57): PostgreSQL's pg_trgm
    serves the LIKE itself; on SQLite the FTS5 table serves GLOB (its LIKE with an ESCAPE clause would read every
    row), and the requests are those it names.
    """
    if _sqlite():
        found = [sa.select(SEARCH_INDEX.c.rowid).where(SEARCH_INDEX.c.search_text.op("GLOB")(pattern))
                 for pattern in _glob_patterns(text, names)]
        return Request.id.in_(found[0] if len(found) == 1 else sa.union(*found))
    return _like(text, names)


def row_condition(text, names: bool = True):
    """The same match as text_condition, tested on each request's own search text: for reading a list in its order
    until enough requests match (a common surname), where looking every match up in the index first would read
    them all."""
    if _sqlite():
        return sa.or_(*(Request.search_text.op("GLOB")(pattern) for pattern in _glob_patterns(text, names)))
    return _like(text, names)  # already on the request's column: the planner reads it per row or from the index


def matching_ids(text, names: bool, up_to: int) -> list[int] | None:
    """The ids of the requests of the whole register (deleted or not, anyone's) that hold the text, asked of the
    index and read only up to one past `up_to`: None when more than `up_to` requests hold it (a common surname).
    A few milliseconds whatever the register's size."""
    if _sqlite():
        asked = [sa.select(SEARCH_INDEX.c.rowid).where(SEARCH_INDEX.c.search_text.op("GLOB")(pattern))
                 for pattern in _glob_patterns(text, names)]
    else:
        asked = [sa.select(Request.id).where(Request.search_text.like(pattern, escape="\\"))
                 for pattern in _like_patterns(text, names)]
    # Each needle's matches read only up to one past the bound: their union holds more than the bound exactly when
    # all the needles' matches together do.
    capped = [sa.select(found.limit(up_to + 1).subquery().c[0]) for found in asked]
    matches = capped[0] if len(capped) == 1 else sa.union(*capped).subquery().select()
    ids = list(db.session.scalars(matches.limit(up_to + 1)))
    return None if len(ids) > up_to else ids


# SQLite's FTS5 trigram index of requests.search_text, by request id (rowid).
SEARCH_INDEX = sa.table("requests_search", sa.column("rowid"), sa.column("search_text"))


def _sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def _like(text, names: bool):
    return sa.or_(*(Request.search_text.like(pattern, escape="\\") for pattern in _like_patterns(text, names)))


def _glob_patterns(text, names: bool) -> list[str]:
    """GLOB patterns of the typed text's needles; over the numbers only unless `names`: the numbers come before
    NAMES_START, which the folded query never holds, so "*found*<NAMES_START>*" keeps to them."""
    tail = "*" if names else f"*{search.NAMES_START}*"
    return [f"*{_escape_glob(needle)}{tail}" for needle in search.needles(text)]


def _like_patterns(text, names: bool) -> list[str]:
    """LIKE patterns (backslash escapes) of the typed text's needles, as _glob_patterns."""
    tail = "%" if names else f"%{search.NAMES_START}%"
    return [f"%{_escape_like(needle)}{tail}" for needle in search.needles(text)]


def _escape_like(text: str) -> str:
    """`text` to be matched literally inside a LIKE pattern escaped by a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _escape_glob(text: str) -> str:
    """`text` to be matched literally inside a GLOB pattern: its wildcards each in a class of its own."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)
