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
    needles = search.needles(text)
    if db.session.get_bind().dialect.name == "sqlite":
        # The numbers come before NAMES_START, which the folded query never holds: "*found*<NAMES_START>*" keeps to them.
        tail = "*" if names else f"*{search.NAMES_START}*"
        found = [sa.select(SEARCH_INDEX.c.rowid).where(SEARCH_INDEX.c.search_text.op("GLOB")(
            f"*{_escape_glob(needle)}{tail}")) for needle in needles]
        return Request.id.in_(found[0] if len(found) == 1 else sa.union(*found))
    tail = "%" if names else f"%{search.NAMES_START}%"
    return sa.or_(*(Request.search_text.like(f"%{_escape_like(needle)}{tail}", escape="\\") for needle in needles))


# SQLite's FTS5 trigram index of requests.search_text, by request id (rowid).
SEARCH_INDEX = sa.table("requests_search", sa.column("rowid"), sa.column("search_text"))


def _escape_like(text: str) -> str:
    """`text` to be matched literally inside a LIKE pattern escaped by a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _escape_glob(text: str) -> str:
    """`text` to be matched literally inside a GLOB pattern: its wildcards each in a class of its own."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)
