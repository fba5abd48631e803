"""The open deadlines of the whole register a user sees, one line per deadline, as the deadline rules compute them."""
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from tracker.domain.access import NOBODY, Access
from tracker.domain.deadlines import Deadline, DeadlineCode
from tracker.extensions import db
from tracker.models import Request
from tracker.services.access import visible_condition
from tracker.services.deadlines import states_of

BATCH = 500


@dataclass(frozen=True)
class DeadlineFilters:
    """Which open deadlines are asked for; None or empty means no filter."""

    within_days: int | None = None  # due from today to this many days ahead
    codes: tuple[DeadlineCode, ...] = ()  # any of these deadlines
    overdue: bool | None = None  # True: past their last day; False: not yet
    access: Access = NOBODY


@dataclass(frozen=True)
class OpenDeadline:
    """One open deadline of one request."""

    request: Request
    deadline: Deadline


def open_deadlines(filters: DeadlineFilters, today: date, *, offset: int, limit: int) -> tuple[list[OpenDeadline], int]:
    """The open deadlines matching `filters` in the requests `filters.access` sees, by last day, then request id,
    then deadline: those from `offset`, at most `limit` of them, and how many match in all.

    The requests are narrowed by the due date and release deadline the register stores (a request's due date is
    the nearest of its deadlines); the deadlines of each are computed by the rules (tracker.services.deadlines),
    a batch of requests at a time.
    """
    found = []
    for batch in _candidates(filters, today):
        states = states_of(batch, today)
        for request in batch:
            for deadline in states[request.id].deadlines:
                if _matches(deadline, filters, today):
                    found.append((deadline.due_on, request.id, list(DeadlineCode).index(deadline.code), deadline))
    found.sort(key=lambda entry: entry[:3])
    page = found[offset:offset + limit]
    requests = _requests([request_id for _due, request_id, _order, _deadline in page])
    return [OpenDeadline(requests[request_id], deadline) for _due, request_id, _order, deadline in page], len(found)


def _candidates(filters: DeadlineFilters, today: date):
    """The live requests that may have a matching deadline, in batches by id."""
    conditions = [Request.deleted_at.is_(None), Request.due_on.is_not(None), *visible_condition(filters.access)]
    if filters.within_days is not None:
        conditions.append(Request.due_on <= today + timedelta(days=filters.within_days))
    if filters.overdue:
        conditions.append(Request.due_on < today)
    if filters.codes and set(filters.codes) <= {DeadlineCode.RELEASE}:
        conditions.append(Request.release_due_on.is_not(None))
    last_id = 0
    while True:
        batch = list(db.session.scalars(sa.select(Request).where(*conditions, Request.id > last_id)
                                        .order_by(Request.id).limit(BATCH)))
        if not batch:
            return
        last_id = batch[-1].id
        yield batch


def _matches(deadline: Deadline, filters: DeadlineFilters, today: date) -> bool:
    """Whether one computed deadline is among those asked for."""
    days_left = deadline.days_left(today)
    if filters.codes and deadline.code not in filters.codes:
        return False
    if filters.within_days is not None and not 0 <= days_left <= filters.within_days:
        return False
    return filters.overdue is None or filters.overdue == (days_left < 0)


def _requests(request_ids: list[int]) -> dict[int, Request]:
    """These requests with their owners, by id, in one query."""
    if not request_ids:
        return {}
    query = sa.select(Request).where(Request.id.in_(set(request_ids))).options(joinedload(Request.owner))
    return {request.id: request for request in db.session.scalars(query).unique()}
