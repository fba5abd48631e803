"""The report of median days from sending to execution (or surrender) per country, aggregated in SQL."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from tracker import labels
from tracker.extensions import db
from tracker.models import Request, RequestEvent
from tracker.services.reports import EXECUTED, ReportFilters


class days_between(FunctionElement):
    """Whole days from one date column to another, in either database's dialect."""

    type = sa.Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between_default(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"CAST(julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)}) AS INTEGER)"


@dataclass(frozen=True)
class MedianRow:
    """Median days from sending to execution (or surrender) in one country, in whole days."""

    country_code: str
    executed: int
    median_days: int


def median_days_to_execution(start: date, end: date, filters: ReportFilters, *,
                             language: str = "en") -> list[MedianRow]:
    """Per country, over requests executed or extradited in the period: the median of days from sending, in
    whole days (see `whole_median`). Countries with most executed requests come first; those with as many, in
    the alphabetical order of their names in `language`.

    The middle one or two of each country's ordered durations are found in SQL with window functions, which
    SQLite and PostgreSQL both run.
    """
    days = days_between(RequestEvent.effective_on, Request.sent_on)
    durations = (sa.select(Request.country_code, days.label("days"),
                           sa.func.row_number().over(partition_by=Request.country_code, order_by=days).label("n"),
                           sa.func.count().over(partition_by=Request.country_code).label("size"))
                 .join(RequestEvent, RequestEvent.request_id == Request.id)
                 .where(Request.deleted_at.is_(None), RequestEvent.to_status.in_(EXECUTED),
                        RequestEvent.effective_on.between(start, end), *filters.conditions())
                 .subquery("durations"))
    middle = sa.or_(durations.c.n == (durations.c.size + 1) // 2, durations.c.n == (durations.c.size + 2) // 2)
    query = (sa.select(durations.c.country_code, sa.func.max(durations.c.size), sa.func.sum(durations.c.days),
                       sa.func.count())
             .where(middle).group_by(durations.c.country_code))
    rows = [MedianRow(code, size, whole_median(int(total), middle_count))
            for code, size, total, middle_count in db.session.execute(query)]
    return sorted(rows, key=lambda r: (-r.executed, labels.country_sort_key(r.country_code, language)))


def whole_median(middle_sum: int, middle_count: int) -> int:
    """The median in whole days from the sum of the middle one or two durations: with an odd number of
    requests the middle one; with an even number the mean of the two middle ones, a half day rounded up
    (12 and 13 days give 13): a median between two whole days is stated as the longer of them."""
    return (2 * middle_sum + middle_count) // (2 * middle_count)
