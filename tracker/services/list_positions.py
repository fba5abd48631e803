"""Where a page of the whole register, in its default order, starts, and how many live requests the register holds,
from the counts the database keeps by stretches of that order (PositionBlock, PositionChange; migration
4b7d2e9c1a58), instead of reading every request before the page.

The list in its default order is sorted by the moment of each request's last change (newest or oldest first), then
newest id. The stretches split it at moments: a stretch holds the live requests changed from its moment up to the
next stretch's, so requests changed at one moment are never split, and a stretch is a stretch of the list whichever
way it is sorted. A page's rows are then read from its stretch: past the requests of the stretches before it, and of
its own stretch before the page (at most about BLOCK_ROWS when the stretches were last set, plus what joined it since),
rather than past every request before it: a million requests, the middle page: the database skipped half a million
index entries (44 ms on SQLite), and skips at most one stretch now.

The counts are exact in every transaction: the database's triggers add +1 for the stretch a request joins and -1 for
the one it leaves, in the same transaction as the change. `rebuild` sets the stretches again about BLOCK_ROWS
requests apart and counts each afresh (every night, after an import, `flask report rebuild-positions`);
`differences` compares the counts with a count of the requests (`flask report check-positions`).
"""
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import PositionBlock, PositionChange, Request

# Where the first stretch starts: before any request's moment (as migration 4b7d2e9c1a58 wrote it).
FIRST_MOMENT = datetime(1, 1, 1, tzinfo=UTC)
# About how many live requests a stretch holds when the stretches are set: a page's rows are read past at most about
# as many index entries (10,000: about a millisecond on SQLite), and the stretches' counts are read in one statement
# of one row per stretch (a hundred at a million requests).
BLOCK_ROWS = 10_000
# How long `rebuild` waits on PostgreSQL for the writers of requests it keeps out while it counts.
REBUILD_LOCK_TIMEOUT = "10s"

LIVE = Request.deleted_at.is_(None)


def blocks() -> list[tuple[datetime, int]]:
    """Each stretch's first moment and its number of live requests, the oldest stretch first."""
    live = sa.func.coalesce(sa.func.sum(PositionChange.change), 0)
    rows = db.session.execute(sa.select(PositionBlock.starts_at, live)
                              .outerjoin(PositionChange, PositionChange.block_id == PositionBlock.id)
                              .group_by(PositionBlock.id, PositionBlock.starts_at).order_by(PositionBlock.starts_at))
    return [(starts_at, int(count)) for starts_at, count in rows]


def live_requests() -> int:
    """The number of live requests of the whole register: the sum of every stretch's count."""
    return int(db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(PositionChange.change), 0))))


@dataclass(frozen=True)
class Start:
    """Where the requests of the list from a place on begin: `skip` requests past the start of `stretch`, the live
    requests changed before a moment (newest first) or from a moment on (oldest first); None: the whole list."""

    stretch: sa.ColumnElement | None
    skip: int


def start_of(place: int, newest_first: bool) -> Start | None:
    """Where the request at `place` (0 for the first) of the whole register in its default order begins to be read
    from; None past the last live request."""
    found = blocks()
    passed = 0
    for index in (reversed(range(len(found))) if newest_first else range(len(found))):
        count = found[index][1]
        if passed + count > place:
            if newest_first:
                later = found[index + 1][0] if index + 1 < len(found) else None
                stretch = None if later is None else Request.updated_at < later
            else:
                stretch = None if index == 0 else Request.updated_at >= found[index][0]
            return Start(stretch, place - passed)
        passed += count
    return None


def rebuild(rows_per_block: int = BLOCK_ROWS) -> int:
    """Sets the stretches again, about `rows_per_block` live requests apart, and counts each, in the caller's
    transaction; the number of stretches. Writers of requests wait until the caller commits (PostgreSQL: a lock
    on the table, given up after REBUILD_LOCK_TIMEOUT; SQLite: the write lock, taken first), so that no change
    falls between the count and the rows written. A million requests: about as long as counting them twice."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text(f"SET LOCAL lock_timeout = '{REBUILD_LOCK_TIMEOUT}'"))
        db.session.execute(sa.text("LOCK TABLE requests IN SHARE ROW EXCLUSIVE MODE"))
    db.session.execute(sa.delete(PositionChange))
    db.session.execute(sa.delete(PositionBlock))
    starts = [FIRST_MOMENT]
    while True:
        following = db.session.scalar(sa.select(Request.updated_at).where(LIVE, Request.updated_at >= starts[-1])
                                      .order_by(Request.updated_at).offset(rows_per_block).limit(1))
        if following is not None and following == starts[-1]:
            # More requests than a stretch holds were changed at one moment: they stay together.
            following = db.session.scalar(sa.select(sa.func.min(Request.updated_at))
                                          .where(LIVE, Request.updated_at > starts[-1]))
        if following is None:
            break
        starts.append(following)
    db.session.execute(sa.insert(PositionBlock), [{"id": number, "starts_at": moment}
                                                  for number, moment in enumerate(starts, 1)])
    counts = []
    for number, moment in enumerate(starts, 1):
        within = [LIVE, Request.updated_at >= moment]
        if number < len(starts):
            within.append(Request.updated_at < starts[number])
        counts.append({"block_id": number,
                       "change": db.session.scalar(sa.select(sa.func.count()).select_from(Request).where(*within))})
    db.session.execute(sa.insert(PositionChange), counts)
    return len(starts)


@dataclass(frozen=True)
class Difference:
    """A stretch whose kept count is not the number of its live requests."""

    starts_at: datetime
    kept: int
    counted: int


def differences() -> list[Difference]:
    """The stretches whose kept count differs from a count of their live requests; a register without the first
    stretch, at FIRST_MOMENT, differs there (its requests are counted in no stretch)."""
    found = blocks()
    if not found or _utc(found[0][0]) != FIRST_MOMENT:
        found.insert(0, (FIRST_MOMENT, 0))
    wrong = []
    for index, (moment, kept) in enumerate(found):
        within = [LIVE, Request.updated_at >= moment]
        if index + 1 < len(found):
            within.append(Request.updated_at < found[index + 1][0])
        counted = db.session.scalar(sa.select(sa.func.count()).select_from(Request).where(*within))
        if counted != kept:
            wrong.append(Difference(moment, kept, counted))
    return wrong


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
