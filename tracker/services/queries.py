"""Reading requests: the filtered list, one request with its history, reference choices."""
from dataclasses import dataclass, fields
from datetime import date

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import joinedload, selectinload

from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status, open_statuses
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, Request, RequestEvent, Treaty, User

RECIPROCITY = "reciprocity"
SORTS = {
    "reference": Request.reference,
    "sent_on": Request.sent_on,
    "status": Request.status,
    "country": Request.country_code,
    "due_on": Request.due_on,
    "release_due_on": Request.release_due_on,
    "updated": Request.updated_at,
}


@dataclass
class RequestFilters:
    """What the request list is narrowed to; None means no filter."""

    kind: Kind | None = None
    status: Status | None = None
    open_only: bool = False
    country: str | None = None
    treaty: str | None = None  # a treaty id as text, or "reciprocity"
    owner_id: int | None = None
    crime_category_id: int | None = None
    year: int | None = None
    text: str | None = None
    overdue_on: date | None = None  # open requests whose due date is before this day
    release_due_by: date | None = None  # unsent extradition requests whose release deadline falls by this day
    due_from: date | None = None  # open requests due on or after this day ...
    due_by: date | None = None  # ... and on or before this one
    pending: bool = False  # open and sent: "pending" as the reports count it
    sent_from: date | None = None
    sent_to: date | None = None

    def as_args(self) -> dict:
        """The filters that are set, as query-string arguments."""
        return {f.name: _arg(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) not in (None, False, "")}


def _arg(value):
    """A filter value as it appears in a URL."""
    if value is True:
        return "1"
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def filtered_requests(filters: RequestFilters):
    """A SELECT of live requests matching `filters`, unsorted."""
    query = sa.select(Request).where(Request.deleted_at.is_(None))
    if filters.kind:
        query = query.where(Request.kind == filters.kind)
    if filters.status:
        query = query.where(Request.status == filters.status)
    if filters.open_only:
        query = query.where(open_condition())
    if filters.country:
        query = query.where(Request.country_code == filters.country)
    if filters.treaty == RECIPROCITY:
        query = query.where(Request.treaty_id.is_(None))
    elif filters.treaty:
        query = query.where(Request.treaty_id == int(filters.treaty))
    if filters.owner_id:
        query = query.where(Request.owner_id == filters.owner_id)
    if filters.crime_category_id:
        query = query.where(Request.crime_category_id == filters.crime_category_id)
    if filters.year:
        query = query.where(Request.sent_on.between(date(filters.year, 1, 1), date(filters.year, 12, 31)))
    if filters.text:
        query = query.where(_text_condition(filters.text))
    if filters.overdue_on:
        query = query.where(open_condition(), Request.due_on < filters.overdue_on)
    if filters.pending:
        query = query.where(open_condition(), Request.sent_on.is_not(None))
    if filters.sent_from:
        query = query.where(Request.sent_on >= filters.sent_from)
    if filters.sent_to:
        query = query.where(Request.sent_on <= filters.sent_to)
    if filters.release_due_by:
        query = query.where(open_condition(), Request.release_due_on <= filters.release_due_by)
    if filters.due_from:
        query = query.where(open_condition(), Request.due_on >= filters.due_from)
    if filters.due_by:
        query = query.where(open_condition(), Request.due_on <= filters.due_by)
    return query


# Every status that is open for some kind.
ANY_OPEN = sorted({status for kind in Kind for status in open_statuses(kind)})


def open_condition():
    """Open means the status is not final for the request's kind.

    The leading `status IN` adds nothing logically, but lets the database search ix_requests_open_summary
    by status, kind and country instead of reading every request of a country.
    """
    return sa.and_(Request.status.in_(ANY_OPEN),
                   sa.or_(*(sa.and_(Request.kind == kind, Request.status.in_(open_statuses(kind))) for kind in Kind)))


def _text_condition(text):
    """Free text over registration number, case number and the person's names, ignoring case in any script."""
    escaped = text.strip().casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return Request.search_text.like(f"%{escaped}%", escape="\\")


def _ordering(sort: str, descending: bool):
    """ORDER BY for the list: the chosen column (empty dates last), then newest id; a column that is never
    empty is sorted plainly so its index can serve the order."""
    column = SORTS.get(sort, Request.updated_at)
    order = column.desc() if descending else column.asc()
    if column.expression.nullable:
        order = order.nulls_last()
    return order, Request.id.desc()


def request_page(filters: RequestFilters, *, sort: str, descending: bool, page: int, per_page: int):
    """One page of the filtered list with what each row shows loaded in the same query."""
    return RequestPage(page=page, per_page=per_page, max_per_page=None, error_out=False,
                       filtered=filtered_requests(filters), ordering=_ordering(sort, descending))


class RequestPage(Pagination):
    """A page of the request list, found in two steps within one statement: the page's ids are sorted and
    cut from what the indexes hold, then only those requests are read with their country, owner, treaty
    and category. Reading every matching request to sort them took most of a page's time in a large
    register (7,433 open extradition requests to one country in a million: 92 ms).
    """

    def _query_items(self) -> list[Request]:
        filtered, ordering = self._query_args["filtered"], self._query_args["ordering"]
        page_ids = (filtered.with_only_columns(Request.id).order_by(*ordering)
                    .limit(self.per_page).offset(self._query_offset).subquery())
        query = (sa.select(Request).join(page_ids, page_ids.c.id == Request.id)
                 .options(joinedload(Request.country), joinedload(Request.owner), joinedload(Request.treaty),
                          joinedload(Request.crime_category))
                 .order_by(*ordering))
        return list(db.session.scalars(query).unique())

    def _query_count(self) -> int:
        matching = self._query_args["filtered"].with_only_columns(Request.id).subquery()
        return db.session.scalar(sa.select(sa.func.count()).select_from(matching))


def export_rows(filters: RequestFilters, *, sort: str, descending: bool, batch: int = 1000):
    """Every request of the filtered list as plain rows of the exported columns, streamed in batches.

    Columns rather than ORM objects: an export of 100,000 requests builds no entity, relationship or
    identity-map entry, which made up most of its time.
    """
    query = (filtered_requests(filters)
             .with_only_columns(*EXPORT_COLUMNS, maintain_column_froms=False)
             .select_from(Request)
             .join(User, User.id == Request.owner_id)
             .join(CrimeCategory, CrimeCategory.id == Request.crime_category_id)
             .outerjoin(Treaty, Treaty.id == Request.treaty_id)
             .order_by(*_ordering(sort, descending))
             .execution_options(yield_per=batch))
    yield from db.session.execute(query)


# What the request list export reads, each column named by its code in the export and the import
# (tracker.formats.report_tables.LIST_COLUMNS): the request's own columns, and its owner, treaty and category by code.
EXPORT_COLUMNS = (
    Request.reference, Request.kind, Request.country_code.label("country"), Request.authority,
    Treaty.code.label("treaty"), Request.case_number, CrimeCategory.code.label("crime_category"), Request.articles,
    Request.summary, Request.sent_on, Request.status, Request.status_on, User.email.label("owner_email"),
    Request.person_name, Request.person_name_latin, Request.person_birth_date, Request.person_citizenship,
    Request.detained_on, Request.received_abroad_on, Request.acknowledged_on, Request.foreign_reference,
    Request.surrendered_on, Request.refusal_ground, Request.due_on,
)


def request_with_history(request_id: int) -> Request | None:
    """One live request with its references and its whole history, in a fixed number of queries."""
    query = (sa.select(Request)
             .where(Request.id == request_id, Request.deleted_at.is_(None))
             .options(joinedload(Request.country), joinedload(Request.owner), joinedload(Request.treaty),
                      joinedload(Request.crime_category), joinedload(Request.citizenship),
                      joinedload(Request.origin), selectinload(Request.events).joinedload(RequestEvent.author)))
    return db.session.scalar(query)


def transfers_from(request_id: int) -> list[Request]:
    """The transfers of proceedings started from this (refused extradition) request."""
    return list(db.session.scalars(sa.select(Request).where(Request.origin_request_id == request_id,
                                                            Request.deleted_at.is_(None)).order_by(Request.id)))


def live_request(request_id: int) -> Request | None:
    """A request that has not been deleted, for changing it."""
    return db.session.scalar(sa.select(Request).where(Request.id == request_id, Request.deleted_at.is_(None)))


def countries() -> list[Country]:
    """Every country; the caller sorts by the name in the user's language."""
    return list(db.session.scalars(sa.select(Country)))


def treaties(*, active_only: bool = True) -> list[Treaty]:
    """Treaties by short name."""
    query = sa.select(Treaty).order_by(Treaty.short_name)
    if active_only:
        query = query.where(Treaty.active.is_(True))
    return list(db.session.scalars(query))


def crime_categories() -> list[CrimeCategory]:
    """Crime categories in their set order."""
    return list(db.session.scalars(sa.select(CrimeCategory).order_by(CrimeCategory.position, CrimeCategory.id)))


def assignable_users() -> list[User]:
    """Active prosecutors and supervisors, who can own requests."""
    query = (sa.select(User).where(User.active.is_(True), User.role.in_([Role.PROSECUTOR, Role.SUPERVISOR]))
             .order_by(User.name))
    return list(db.session.scalars(query))

