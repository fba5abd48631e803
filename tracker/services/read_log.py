"""The log of reads of personal data as the data-protection officer reads it: filtered by reader, request and days,
newest first, on a page or streamed for a download."""
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from tracker import clock
from tracker.extensions import db
from tracker.models import PersonalDataRead, Request, User


@dataclass(frozen=True)
class ReadLogFilters:
    """What the log is narrowed to; None means no filter."""

    user_id: int | None = None
    reference: str | None = None  # the registration number of the one request read
    start: date | None = None  # the first and last Almaty days, both included
    end: date | None = None


def _conditions(filters: ReadLogFilters) -> list:
    """WHERE conditions on the log for `filters`."""
    found = []
    if filters.user_id:
        found.append(PersonalDataRead.user_id == filters.user_id)
    if filters.reference:
        found.append(PersonalDataRead.request_id.in_(sa.select(Request.id)
                                                     .where(Request.reference == filters.reference)))
    if filters.start:
        found.append(PersonalDataRead.read_at >= clock.start_of_local_day(filters.start))
    if filters.end:
        found.append(PersonalDataRead.read_at < clock.start_of_local_day(filters.end + timedelta(days=1)))
    return found


def read_log(filters: ReadLogFilters) -> sa.Select:
    """A SELECT of the entries matching `filters`, newest first, for a page of the log."""
    return sa.select(PersonalDataRead).where(*_conditions(filters)).order_by(PersonalDataRead.id.desc())


def references_of(entries) -> dict[int, str]:
    """The registration numbers of the requests these entries read one by one, by request id, in one query."""
    ids = {entry.request_id for entry in entries if entry.request_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(Request.id, Request.reference).where(Request.id.in_(sorted(ids)))).all())


def read_log_rows(filters: ReadLogFilters, *, batch: int = 1000):
    """Every entry matching `filters`, newest first, with its reader's name and email and the request's
    registration number, streamed in batches (the log grows with every read)."""
    query = (sa.select(PersonalDataRead.read_at, User.name, User.email, PersonalDataRead.channel, Request.reference,
                       PersonalDataRead.path, PersonalDataRead.query, PersonalDataRead.rows)
             .select_from(PersonalDataRead)
             .join(User, User.id == PersonalDataRead.user_id)
             .outerjoin(Request, Request.id == PersonalDataRead.request_id)
             .where(*_conditions(filters))
             .order_by(PersonalDataRead.id.desc())
             .execution_options(yield_per=batch))
    yield from db.session.execute(query)
