"""The request list's free-text filter, answered from the trigram index of the requests' folded search text."""
import sqlalchemy as sa
from flask import g

from tracker.domain import search
from tracker.extensions import db
from tracker.models import Request


def text_condition(text, names: bool = True):
    """Free text over registration number, case number and the person's names, folded as tracker/domain/search.py
    folds the stored text (any case, Kazakh or Russian letters, numbers with or without separators); over the
    numbers only for whoever may not see the names, so that a search cannot tell who is sought.

    Both databases answer from a trigram index of the folded text (migration 8d3f1a6c2e57): PostgreSQL's pg_trgm
    serves the LIKE itself; on SQLite the FTS5 table names the requests holding the typed text's rare trigrams and
    each is checked with GLOB (SQLite's LIKE with an ESCAPE clause would read every row): _index_lookups.
    """
    if _sqlite():
        found = _index_lookups(text, names)
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
        asked = _index_lookups(text, names)
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
# The index as the left of MATCH (detail=none answers no query of a column).
WHOLE_INDEX = sa.literal_column("requests_search")
# How many requests held each trigram when the index was last counted; the empty term: how many requests there were
# (migration 6f1d2b8a4c37).
TERM_COUNTS = sa.table("requests_search_terms", sa.column("term"), sa.column("docs"))
# Reading one more request from a trigram's list costs about this much less than checking one request's text
# against the pattern (a million requests, SQLite: a list of all of them read in about 6 ms; 113,000 texts
# checked in 34 ms).
LIST_READ_PER_CHECK = 60


def count_search_terms() -> int:
    """Counts again how many requests hold each trigram of the index (SQLite; nothing to do on PostgreSQL), as the
    scheduler does every night and `flask search count-terms` on demand, for the caller to commit. Returns the number
    of trigrams. About a second at a million requests."""
    if not _sqlite():
        return 0
    db.session.execute(TERM_COUNTS.delete())
    db.session.execute(TERM_COUNTS.insert().from_select(
        ["term", "docs"], sa.select(sa.column("term"), sa.column("doc")).select_from(sa.table("requests_search_vocab"))))
    db.session.execute(TERM_COUNTS.insert().values(term="", docs=sa.select(sa.func.count()).select_from(Request)
                                                   .scalar_subquery()))
    return db.session.scalar(sa.select(sa.func.count()).select_from(TERM_COUNTS)) - 1


def asked_trigrams(needle: str, counts: dict[str, int], total: int) -> list[str]:
    """The trigrams of `needle` to ask the index for: the rarest first, then each next rarest while leaving it out
    would leave more requests to check than reading its list costs, as `counts` (requests holding a trigram; one
    missing was held by none) and `total` (requests counted) estimate them, each trigram taken as independent of
    the others. Every trigram when nothing was counted. A request the index gives for some of the trigrams is
    checked against the whole text, so the choice changes only the time a search takes."""
    trigrams = _trigrams(needle)
    if total <= 0:
        return trigrams
    ordered = sorted(trigrams, key=lambda trigram: counts.get(trigram, 0))
    asked, expected = ordered[:1], counts.get(ordered[0], 0) if ordered else 0
    for trigram in ordered[1:]:
        held = counts.get(trigram, 0)
        share = min(held / total, 1)
        if expected * (1 - share) * LIST_READ_PER_CHECK <= held:
            break
        asked.append(trigram)
        expected *= share
    return asked


def _trigrams(needle: str) -> list[str]:
    """The distinct trigrams of `needle` (its runs of three characters, as FTS5's trigram tokenizer cuts them), in
    the order they come."""
    return list(dict.fromkeys(needle[start:start + 3] for start in range(len(needle) - 2)))


def _index_lookups(text, names: bool) -> list:
    """For each needle of the typed text, the SELECT of the ids of the requests holding it, from the FTS5 index.
    A needle of three characters or more asks the index for its rare trigrams (asked_trigrams) and checks each
    request the index names against the pattern. A shorter one has no trigram to ask: every request's text is
    checked (FTS5's own GLOB found nothing for it, where PostgreSQL's LIKE finds its requests)."""
    lookups = []
    needles = search.needles(text)
    counts, total = _term_counts({trigram for needle in needles for trigram in _trigrams(needle)})
    checked = Request.__table__.alias("searched")
    for needle, pattern in zip(needles, _glob_patterns(text, names), strict=True):
        if len(needle) < 3:
            lookups.append(sa.select(checked.c.id).where(checked.c.search_text.op("GLOB")(pattern)))
            continue
        asked = " AND ".join('"' + trigram.replace('"', '""') + '"'
                             for trigram in asked_trigrams(needle, counts, total))
        lookups.append(sa.select(SEARCH_INDEX.c.rowid)
                       .join(checked, checked.c.id == SEARCH_INDEX.c.rowid)
                       .where(WHOLE_INDEX.op("MATCH")(asked), checked.c.search_text.op("GLOB")(pattern)))
    return lookups


def _term_counts(trigrams: set[str]) -> tuple[dict[str, int], int]:
    """How many requests held each of `trigrams` when last counted, and how many requests were counted (0: never);
    read once per web request (a list builds its search's conditions more than once)."""
    if not trigrams:
        return {}, 0
    kept = g.setdefault("search_term_counts", {})
    key = frozenset(trigrams)
    if key not in kept:
        found = dict(db.session.execute(sa.select(TERM_COUNTS.c.term, TERM_COUNTS.c.docs)
                                        .where(TERM_COUNTS.c.term.in_([*trigrams, ""]))).all())
        kept[key] = found, found.pop("", 0)
    return kept[key]


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
