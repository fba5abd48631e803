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
import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import PositionBlock, PositionChange, Request

# About how many live requests a stretch holds when the stretches are set: a page's rows are read past at most about
# as many index entries (10,000: about a millisecond on SQLite), and the stretches' counts are read in one statement
# of one row per stretch (a hundred at a million requests).
BLOCK_ROWS = 10_000
# How long `rebuild` waits on PostgreSQL for the writers of requests it keeps out while it counts.
REBUILD_LOCK_TIMEOUT = "10s"

LIVE = Request.deleted_at.is_(None)


def _as_stored(column):
    """A moment column as the database compares it: on SQLite its text as stored (the list sorts by that text, and
    the triggers compare it so; a moment written around the app in another form, "2026-11-01T12:00:03" or with
    "+00:00", reads back as a moment whose usual text sorts elsewhere), on PostgreSQL the moment itself."""
    return sa.type_coerce(column, sa.String) if db.session.get_bind().dialect.name == "sqlite" else column


def blocks() -> list[tuple[object, int]]:
    """Each stretch's first moment, as stored (_as_stored), and its number of live requests, the first stretch
    first: it starts at no moment (None) and holds every request changed before the second's moment."""
    live = sa.func.coalesce(sa.func.sum(PositionChange.change), 0)
    rows = db.session.execute(sa.select(_as_stored(PositionBlock.starts_at), live)
                              .outerjoin(PositionChange, PositionChange.block_id == PositionBlock.id)
                              .group_by(PositionBlock.id, PositionBlock.starts_at)
                              .order_by(PositionBlock.starts_at.is_not(None), PositionBlock.starts_at))
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
    moment = _as_stored(Request.updated_at)
    passed = 0
    for index in (reversed(range(len(found))) if newest_first else range(len(found))):
        count = found[index][1]
        if passed + count > place:
            if newest_first:
                stretch = moment < found[index + 1][0] if index + 1 < len(found) else None
            else:
                stretch = None if index == 0 else moment >= found[index][0]
            return Start(stretch, place - passed)
        passed += count
    return None


def _within(starts: list, index: int) -> list:
    """The conditions for the live requests of the stretch at `index` of `starts` (moments as stored): from its
    moment (the first stretch: from any moment) up to the next stretch's."""
    moment = _as_stored(Request.updated_at)
    within = [LIVE]
    if index > 0:
        within.append(moment >= starts[index])
    if index + 1 < len(starts):
        within.append(moment < starts[index + 1])
    return within


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
    moment = _as_stored(Request.updated_at)
    # The moments as stored, compared as the database compares them; the first stretch starts at none.
    starts = [None]
    while True:
        later = [] if starts[-1] is None else [moment >= starts[-1]]
        following = db.session.scalar(sa.select(moment).where(LIVE, *later)
                                      .order_by(moment).offset(rows_per_block).limit(1))
        if following is not None and starts[-1] is not None and not following > starts[-1]:
            # More requests than a stretch holds were changed at one moment: they stay together.
            following = db.session.scalar(sa.select(sa.func.min(moment)).where(LIVE, moment > starts[-1]))
        if following is None:
            break
        if starts[-1] is not None and not following > starts[-1]:
            raise RuntimeError(f"the list's stretches did not advance past {starts[-1]!r}")
        starts.append(following)
    stored = _as_stored(PositionBlock.starts_at).type
    for number, start in enumerate(starts, 1):
        # Written as read: on SQLite the text itself, which the triggers and the list compare.
        db.session.execute(sa.insert(PositionBlock).values(id=number, starts_at=sa.type_coerce(start, stored)))
    counts = [{"block_id": number, "change": db.session.scalar(sa.select(sa.func.count()).select_from(Request)
                                                               .where(*_within(starts, number - 1)))}
              for number in range(1, len(starts) + 1)]
    db.session.execute(sa.insert(PositionChange), counts)
    return len(starts)


def set_again_after_import() -> bool:
    """The stretches set again and committed after an import has committed its requests (they all joined the newest
    stretch); whether it was done. A register whose writers hold the requests past the lock's wait is left to the
    nightly job: the import stands either way."""
    try:
        rebuild()
        db.session.commit()
    except sa.exc.OperationalError:
        db.session.rollback()
        return False
    return True


@dataclass(frozen=True)
class Difference:
    """A stretch whose kept count is not the number of its live requests (None for `starts_at`: the whole register,
    whose kept count is the sum of the stretches')."""

    starts_at: object
    kept: int
    counted: int


def differences() -> list[Difference]:
    """The stretches whose kept count differs from a count of their live requests, and the whole register's when the
    sum of the counts differs from a count of every live request; a register without stretches differs there."""
    found = blocks()
    starts = [moment for moment, _count in found]
    wrong = []
    for index, (moment, kept) in enumerate(found):
        counted = db.session.scalar(sa.select(sa.func.count()).select_from(Request).where(*_within(starts, index)))
        if counted != kept:
            wrong.append(Difference(moment, kept, counted))
    every = db.session.scalar(sa.select(sa.func.count()).select_from(Request).where(LIVE))
    if every != live_requests():
        wrong.append(Difference(None, live_requests(), every))
    return wrong
