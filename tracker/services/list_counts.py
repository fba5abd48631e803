"""How many requests a page of the list says it holds, without counting a million on every page.

A list of up to LIST_EXACT_COUNT_UP_TO requests (50,000) is counted exactly, on every page: counting stops one row
past that number, so it costs little whatever the register's size. A broader list (every live request, every closed
one) is counted exactly once, and for CACHE_SECONDS after that the same list, with the same filters and the same
reader's access, is said to hold "about" that many: the page shows the word, and the count is at most that old. The
cache is each web worker's own. Counting a million live requests took 48 ms of a 58 ms page (SQLite). The whole
register, unfiltered, for a reader who sees every unit, is counted exactly on every page, from the counts the
database keeps (list_positions.live_requests).
"""
import threading
import time

import sqlalchemy as sa
from flask import current_app, g

from tracker.extensions import db
from tracker.models import Request
from tracker.services import list_positions

CACHE_SECONDS = 60
# Lists whose counts a worker keeps at once; the oldest kept is dropped first.
KEPT = 256


def exact_count(filtered) -> int:
    """The number of requests the SELECT `filtered` gives."""
    matching = filtered.with_only_columns(Request.id).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(matching))


def list_count(filtered, exact_up_to: int | None, *, fresh: bool = False, whole: bool = False) -> tuple[int, bool]:
    """The number of requests `filtered` gives, and whether it is an approximation (a count kept from the last
    CACHE_SECONDS). None for `exact_up_to`, or `fresh`, counts exactly. `whole`: `filtered` is every live request
    (no filter, a reader who sees every unit), whose number the database keeps (list_positions.live_requests)."""
    if whole:
        return list_positions.live_requests(), False
    if exact_up_to is None:
        return exact_count(filtered), False
    first = filtered.with_only_columns(Request.id).limit(exact_up_to + 1).subquery()
    capped = db.session.scalar(sa.select(sa.func.count()).select_from(first))
    if capped <= exact_up_to:
        return capped, False
    counts = current_app.extensions.setdefault("list_counts", _Counts())
    key = _key(filtered)
    kept = None if fresh else counts.get(key)
    if kept is not None:
        made_at, count = kept
        # A page kept whole (tracker/web/kept_pages.py) that says "about" is written afresh when this count would be.
        g.approximate_count_made_at = min(made_at, g.get("approximate_count_made_at", made_at))
        return count, True
    exact = exact_count(filtered)
    counts.put(key, exact)
    return exact, False


def still_current(made_at: float) -> bool:
    """Whether a count made at `made_at` (time.monotonic()) may still be shown as "about" that many."""
    return time.monotonic() - made_at <= CACHE_SECONDS


def _key(filtered) -> tuple:
    """The list as its statement and values say it: the filters, the reader's access and the day all end up in
    them."""
    compiled = filtered.compile(dialect=db.engine.dialect)
    return compiled.string, tuple(sorted((name, repr(value)) for name, value in compiled.params.items()))


class _Counts:
    """Counts by list, each with the moment it was made."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[tuple, tuple[float, int]] = {}

    def get(self, key: tuple) -> tuple[float, int] | None:
        """The moment the list was counted and its count, while still_current()."""
        found = self._counts.get(key)
        if found is None or not still_current(found[0]):
            return None
        return found

    def put(self, key: tuple, count: int) -> None:
        with self._lock:
            self._counts.pop(key, None)
            self._counts[key] = (time.monotonic(), count)
            while len(self._counts) > KEPT:
                del self._counts[next(iter(self._counts))]
