"""The statuses kept at month ends (MonthEndStatus): when the reports read them, what they should be, read from the
history alone, compared with what the database's triggers keep, and written again from the history (`flask report
check-month-ends`, `flask report rebuild-month-ends`)."""
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.sql import visitors

from tracker.extensions import db
from tracker.models import MonthEnd, MonthEndStatus, RegisterVersion, Request, RequestEvent

# The request's columns each row carries (the triggers keep them equal to the request's).
COPIED = ("kind", "country_code", "owner_id", "treaty_id", "crime_category_id", "sent_on", "deleted_at")
COLUMNS = ("month_end", "request_id", "status", *COPIED)


def _bounds():
    """Each request's first and last status entry's days."""
    return (sa.select(RequestEvent.request_id, sa.func.min(RequestEvent.effective_on).label("first_on"),
                      sa.func.max(RequestEvent.effective_on).label("last_on"))
            .where(RequestEvent.to_status.is_not(None)).group_by(RequestEvent.request_id).subquery("bounds"))


def month_end_kept(as_of: date) -> bool:
    """Whether every request's status at `as_of` is kept (MonthEndStatus): the last day of a month the database
    keeps them for. The reports as of such a day read the requests changed since from those rows (from one index
    that holds every column they read), instead of looking each one's status up in the history."""
    if (as_of + timedelta(days=1)).day != 1:
        return False
    return bool(db.session.scalar(sa.select(sa.exists().where(MonthEnd.month_end == as_of))))


def said_of_rows(conditions: list) -> list:
    """The requests' `conditions` said of MonthEndStatus's rows, which carry the same columns under the same names
    (a condition on a column they do not carry fails here, rather than count wrongly)."""
    rows = MonthEndStatus.__table__

    def replace(element):
        if isinstance(element, sa.Column) and element.table is Request.__table__:
            return rows.c[element.name]
        return None
    return [visitors.replacement_traverse(condition, {}, replace) for condition in conditions]


def rows_from_history() -> sa.Select:
    """The rows the table should hold, in COLUMNS' order: for each request, each month end from its first status
    entry's day up to (not including) its last's, with the status of its latest entry by then (ties by the order
    recorded) and the request's columns."""
    statuses = RequestEvent.to_status.is_not(None)
    bounds = _bounds()
    then = (sa.select(RequestEvent.to_status)
            .where(RequestEvent.request_id == Request.id, statuses, RequestEvent.effective_on <= MonthEnd.month_end)
            .order_by(RequestEvent.effective_on.desc(), RequestEvent.id.desc()).limit(1)
            .correlate(Request, MonthEnd).scalar_subquery())
    return (sa.select(MonthEnd.month_end, Request.id, then, *(getattr(Request, column) for column in COPIED))
            .join(bounds, bounds.c.request_id == Request.id)
            .join(MonthEnd, sa.and_(MonthEnd.month_end >= bounds.c.first_on, MonthEnd.month_end < bounds.c.last_on)))


def _kept_rows() -> sa.Select:
    return sa.select(*(getattr(MonthEndStatus, column) for column in COLUMNS))


@dataclass(frozen=True)
class Differences:
    """Rows the history calls for that the table lacks or holds otherwise, rows it holds that it should not, and
    requests that break what the reports rely on besides the rows: a report as of a month end reads a request from
    the requests table when its status date is by then, and from the rows otherwise, so a status date other than its
    latest status entry's day (an entry written around the app), or a date sent before its first status entry,
    would count it twice or not at all."""

    missing: int
    extra: int
    status_dates_off: int = 0
    sent_before_history: int = 0

    @property
    def none(self) -> bool:
        return not (self.missing or self.extra or self.status_dates_off or self.sent_before_history)


def differences() -> Differences:
    """The table compared with the history, row by row and column by column, and the requests checked against
    their history."""
    expected, kept = rows_from_history(), _kept_rows()

    def count(query):
        return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    bounds = _bounds()
    requests = sa.select(Request.id).outerjoin(bounds, bounds.c.request_id == Request.id)
    return Differences(
        missing=count(sa.except_(expected, kept)), extra=count(sa.except_(kept, expected)),
        status_dates_off=count(requests.where(sa.or_(bounds.c.last_on.is_(None),
                                                     Request.status_on != bounds.c.last_on))),
        sent_before_history=count(requests.where(Request.sent_on < bounds.c.first_on)))


def rebuild() -> int:
    """Writes the whole table again from the history, in the caller's transaction; the number of rows written.

    The register gets a new version: the pages and figures the web workers keep were written from the rows as they
    were (the triggers give it one whenever the rows change with the history, but not for a write to these rows
    alone)."""
    db.session.execute(sa.delete(MonthEndStatus))
    db.session.execute(sa.insert(MonthEndStatus).from_select(list(COLUMNS), rows_from_history()))
    db.session.execute(sa.update(RegisterVersion).values(version=secrets.token_hex(16)))
    return db.session.scalar(sa.select(sa.func.count()).select_from(MonthEndStatus))
