"""Reading requests: the filtered list, one request with its history, reference choices."""
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tracker.domain import references
from tracker.domain.access import NOBODY, Access
from tracker.domain.deadlines import DUE_SOON_DAYS, RELEASE_WINDOW_DAYS
from tracker.domain.people import OWNER_ROLES
from tracker.domain.statuses import Kind, Status, open_statuses
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, Request, RequestEvent, Treaty, User
from tracker.services import reference_cache
from tracker.services.access import visible_condition, visible_users
from tracker.services.list_pages import RequestPage
from tracker.services.text_search import text_condition
from tracker.services.list_order import (SORTS, ByCountryName, ListOrder, country_name_order, ordering,  # noqa: F401
                                         ordering_column)

RECIPROCITY = "reciprocity"


@dataclass
class RequestFilters:
    """What the request list is narrowed to; None means no filter."""

    kind: tuple[Kind, ...] = ()
    status: Status | None = None
    open_only: bool = False
    country: tuple[str, ...] = ()
    treaty: tuple[str, ...] = ()  # treaty ids as text, or "reciprocity"
    owner_id: int | None = None
    crime_category_id: tuple[int, ...] = ()
    year: int | None = None
    text: str | None = None
    overdue_on: date | None = None  # open requests whose due date is before this day
    release_due_by: date | None = None  # unsent extradition requests whose release deadline falls by this day
    critical_on: date | None = None  # open requests whose release deadline passed before this day
    due_from: date | None = None  # open requests due on or after this day ...
    due_by: date | None = None  # ... and on or before this one
    pending: bool = False  # pending abroad: sent and not final, as the reports, digests and API count it
    sent_from: date | None = None
    sent_to: date | None = None
    # Whose list it is (tracker.domain.access): without it, no request is visible.
    access: Access = NOBODY

    def as_args(self) -> dict:
        """The filters that are set, as query-string arguments."""
        return {f.name: _arg(getattr(self, f.name)) for f in fields(self)
                if f.name != "access" and getattr(self, f.name) not in (None, False, "", ())}


def deadline_filters(today: date, *, overdue=False, due_soon=False, release=False, critical=False) -> dict:
    """The RequestFilters fields behind the list's deadline tick boxes, on `today`: overdue, due within
    DUE_SOON_DAYS, release deadline within RELEASE_WINDOW_DAYS or passed, release deadline missed."""
    return {"overdue_on": today if overdue else None,
            "due_from": today if due_soon else None,
            "due_by": today + timedelta(days=DUE_SOON_DAYS) if due_soon else None,
            "release_due_by": today + timedelta(days=RELEASE_WINDOW_DAYS) if release else None,
            "critical_on": today if critical else None}


def _arg(value):
    """A filter value as it appears in a URL; several values become a list (the argument repeated)."""
    if isinstance(value, tuple):
        return [_arg(item) for item in value]
    if value is True:
        return "1"
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def filtered_requests(filters: RequestFilters):
    """A SELECT of live requests matching `filters`, unsorted."""
    query = sa.select(Request).where(Request.deleted_at.is_(None), *visible_condition(filters.access))
    query = query.where(*choice_conditions(filters.kind, filters.country, filters.treaty, filters.crime_category_id,
                                           filters.owner_id))
    if filters.status:
        query = query.where(Request.status == filters.status)
    if filters.open_only:
        query = query.where(open_condition())
    if filters.year:
        query = query.where(Request.sent_on.between(date(filters.year, 1, 1), date(filters.year, 12, 31)))
    if filters.text:
        query = query.where(text_condition(filters.text, filters.access.personal_data))
    if filters.overdue_on:
        query = query.where(open_condition(), Request.due_on < filters.overdue_on)
    if filters.pending:
        query = query.where(pending_abroad())
    if filters.sent_from:
        query = query.where(Request.sent_on >= filters.sent_from)
    if filters.sent_to:
        query = query.where(Request.sent_on <= filters.sent_to)
    if filters.critical_on:
        query = query.where(open_condition(), Request.release_due_on < filters.critical_on)
    if filters.release_due_by:
        query = query.where(open_condition(), Request.release_due_on <= filters.release_due_by)
    if filters.due_from:
        query = query.where(open_condition(), Request.due_on >= filters.due_from)
    if filters.due_by:
        query = query.where(open_condition(), Request.due_on <= filters.due_by)
    return query


def choice_conditions(kinds=(), countries=(), treaties=(), category_ids=(), owner_id=None) -> list:
    """WHERE conditions for the choices a list or report shares: any of the kinds, countries, legal bases
    (treaty ids as text, or "reciprocity") and crime categories chosen, and one owner; nothing chosen, no condition."""
    kinds, countries, treaties, category_ids = (_values(v) for v in (kinds, countries, treaties, category_ids))
    found = []
    if kinds:
        found.append(Request.kind.in_(list(kinds)))
    if countries:
        found.append(Request.country_code.in_(list(countries)))
    if treaties:
        ids = [int(value) for value in treaties if value != RECIPROCITY]
        basis = [Request.treaty_id.in_(ids)] if ids else []
        if RECIPROCITY in treaties:
            basis.append(Request.treaty_id.is_(None))
        found.append(sa.or_(*basis))
    if category_ids:
        found.append(Request.crime_category_id.in_(list(category_ids)))
    if owner_id:
        found.append(Request.owner_id == owner_id)
    return found


def _values(choice) -> tuple:
    """A choice as a tuple of values: a lone value (a kind, a code, an id) counts as one."""
    if choice is None or choice == "":
        return ()
    return (choice,) if isinstance(choice, (str, int)) else tuple(choice)


# Every status that is open for some kind.
ANY_OPEN = sorted({status for kind in Kind for status in open_statuses(kind)})


def pending_abroad():
    """Pending abroad, the one meaning the list, the reports, the digests and the API give it: sent and not final.
    Drafts are counted apart. (Pending by country as of a past day asks the same of the status history.)"""
    return sa.and_(open_condition(), Request.sent_on.is_not(None))


def open_condition():
    """Open means the status is not final for the request's kind.

    The leading `status IN` adds nothing logically, but lets the database search ix_requests_open_summary
    by status, kind and country instead of reading every request of a country.
    """
    return sa.and_(Request.status.in_(ANY_OPEN),
                   sa.or_(*(sa.and_(Request.kind == kind, Request.status.in_(open_statuses(kind))) for kind in Kind)))


def request_page(filters: RequestFilters, *, sort: str, descending: bool, page: int, per_page: int,
                 language: str = "en", after: tuple | None = None, exact_up_to: int | None = None,
                 search_counted_up_to: int | None = None, before: tuple | None = None, lean: bool = False,
                 skipped_pages: int = 0):
    """One page of the filtered list with what each row shows loaded in the same query; sorted by country,
    in the alphabetical order of the countries' names in `language`. With `after` (the key of the previous page's
    last row, for a sort that pages by key), the page is the rows after it rather than the rows past an offset; with
    `before` (the key of the next page's first row), the rows before it; `skipped_pages`: that many whole pages lie
    between the key's page and this one (the pager's numbers a few pages away), and are skipped from the key.
    With `exact_up_to`, a list of more requests than that may be counted approximately (list_counts.py); the page
    then says so (`approximate`). With `search_counted_up_to`, a search first reads the ids of at most that many
    matches from the index; a text more requests hold, in a list sorted by a key, is read in the list's order and
    counted up to that number (RequestPage._common_search_page). `lean` reads only what a row of the web list shows."""
    keyed = sort in KEYSET_SORTS
    # Every live request, for a reader who sees every unit: counted, and in its default order placed, from what the
    # database keeps (list_positions.py).
    whole = filters.access.everything and not filters.as_args()
    by_moment = ordering_column(sort) is Request.updated_at
    searched = SearchedText(filters.text, filters.access.personal_data) if filters.text else None
    return RequestPage(page=page, per_page=per_page, max_per_page=None, error_out=False,
                       filtered=filtered_requests(filters), ordering=ordering(sort, descending, language),
                       keyset=after if keyed else None, keyset_before=before if keyed else None, keyed=keyed,
                       keyset_skip=skipped_pages * per_page,
                       whole=whole, positioned=descending if by_moment and whole else None,
                       searched=searched, exact_up_to=exact_up_to, search_counted_up_to=search_counted_up_to,
                       unsearched=filtered_requests(replace(filters, text=None)) if searched else None, lean=lean)


class SearchedText(NamedTuple):
    """What the list is searched for, and whether the names are searched (only for whoever may see them)."""

    text: str
    names: bool


# The API's sorts for paging by key (after the last row seen) rather than by page number; the request id breaks ties.
KEYSET_SORTS = {"id": Request.id, "reference": Request.reference, "updated": Request.updated_at}


def request_slice(filters: RequestFilters, *, sort: str, descending: bool, after: tuple | None,
                  limit: int) -> tuple[list[Request], bool]:
    """Up to `limit` requests of the filtered list in (`sort`, id) order that come after the key `after` (the last
    row seen: its sort value and id), with whether more follow.

    Unlike a page number, the key does not move when requests are added, changed or removed before it: sorted by id
    or registration number, every request present throughout is read exactly once. (Sorted by the moment of the
    last change, a request changed while a client pages moves to the front and may be read twice or not at all.)

    The order is the list's own (list_order.ordering: equal values newest id first), so a cursor the page-number mode
    or the web list gave continues the order its page was read in: requests changed at the same moment (the nightly
    refresh changes many) are neither skipped nor read twice.
    """
    order = ordering(sort, descending)
    query = filtered_requests(filters)
    if after is not None:
        query = query.where(order.after(after))
    ids = order.apply(query.with_only_columns(Request.id)).limit(limit + 1).subquery()
    rows = list(db.session.scalars(
        order.apply(sa.select(Request).join(ids, ids.c.id == Request.id))
        .options(joinedload(Request.country), joinedload(Request.owner), joinedload(Request.treaty),
                 joinedload(Request.crime_category))).unique())
    return rows[:limit], len(rows) > limit


def request_count(filters: RequestFilters) -> int:
    """How many requests the filtered list holds, counted as its pages count them (an export's size, for the log of
    reads of personal data)."""
    matching = filtered_requests(filters).with_only_columns(Request.id).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(matching))


def export_rows(filters: RequestFilters, *, sort: str, descending: bool, language: str = "ru", batch: int = 1000):
    """Every request of the filtered list as plain rows of the exported columns, streamed in batches; the treaty
    and the crime category by their names in `language`, the owner by name.

    Columns rather than ORM objects: an export of 100,000 requests builds no entity, relationship or
    identity-map entry, which made up most of its time.
    """
    query = (filtered_requests(filters)
             .with_only_columns(*export_columns(language), maintain_column_froms=False)
             .select_from(Request)
             .join(User, User.id == Request.owner_id)
             .join(CrimeCategory, CrimeCategory.id == Request.crime_category_id)
             .outerjoin(Treaty, Treaty.id == Request.treaty_id))
    query = ordering(sort, descending, language).apply(query).execution_options(yield_per=batch)
    yield from db.session.execute(query)


def export_columns(language: str) -> tuple:
    """What the request list export reads, each column named by its code in the export and the import
    (tracker.formats.report_tables.LIST_COLUMNS), after the request's id (to count its documents): the request's own
    columns (countries by code, named by the caller), the treaty's short name and the category's name in `language`
    as Treaty.short and CrimeCategory.name choose them, and the owner's name."""
    return (
        Request.id, Request.reference, Request.kind, Request.country_code.label("country"), Request.authority,
        _named(getattr(Treaty, f"short_name_{language}", Treaty.short_name), Treaty.short_name).label("treaty"),
        Request.case_number,
        _named(getattr(CrimeCategory, f"name_{language}", CrimeCategory.name_ru), CrimeCategory.name_ru)
        .label("crime_category"),
        Request.articles, Request.summary, Request.sent_on, Request.status, Request.status_on,
        User.name.label("owner"), Request.person_name, Request.person_name_latin, Request.person_birth_date,
        Request.person_citizenship, Request.detained_on, Request.received_abroad_on, Request.acknowledged_on,
        Request.foreign_reference, Request.surrendered_on, Request.refusal_ground, Request.due_on,
    )


def _named(column, fallback):
    """A name column, or `fallback` where it is empty."""
    return column if column is fallback else sa.func.coalesce(sa.func.nullif(column, ""), fallback)


def request_with_history(request_id: int, access: Access) -> Request | None:
    """One live request `access` may see, with its references and its whole history, in a fixed number of
    queries; None when it does not exist or is not theirs to see."""
    query = (sa.select(Request)
             .where(Request.id == request_id, Request.deleted_at.is_(None), *visible_condition(access))
             .options(joinedload(Request.country), joinedload(Request.owner), joinedload(Request.treaty),
                      joinedload(Request.crime_category), joinedload(Request.citizenship),
                      joinedload(Request.origin), selectinload(Request.events).joinedload(RequestEvent.author)))
    return db.session.scalar(query)


def transfers_from(request_id: int, access: Access) -> list[Request]:
    """The transfers of proceedings started from this (refused extradition) request that `access` may see."""
    return list(db.session.scalars(sa.select(Request).where(Request.origin_request_id == request_id,
                                                            Request.deleted_at.is_(None), *visible_condition(access))
                                   .order_by(Request.id)))


def suggested_reference(kind: Kind, year: int) -> str:
    """The next registration number of `kind` in `year` (tracker/domain/references.py), from those registered."""
    prefix = references.PREFIXES[kind.value]
    taken = db.session.scalars(sa.select(Request.reference).where(Request.reference.like(f"{prefix}-{year}-%")))
    return references.suggested(prefix, year, taken)


def request_id_by_reference(reference: str, access: Access) -> int | None:
    """The id of the live request registered under this number, if `access` may see it."""
    return db.session.scalar(sa.select(Request.id).where(Request.reference == reference, Request.deleted_at.is_(None),
                                                         *visible_condition(access)))


def live_request(request_id: int, access: Access) -> Request | None:
    """A request that has not been deleted and that `access` may see, for changing it."""
    return db.session.scalar(sa.select(Request).where(Request.id == request_id, Request.deleted_at.is_(None),
                                                      *visible_condition(access)))


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


def user_names(user_ids) -> dict[int, str]:
    """The names of these users, active or not, by id."""
    ids = [int(user_id) for user_id in user_ids]
    rows = db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids))) if ids else []
    return {user_id: name for user_id, name in rows}


class Owner(NamedTuple):
    """Someone a request can be given to, as the choices name them."""

    id: int
    name: str


def assignable_owners(access: Access) -> tuple[Owner, ...]:
    """assignable_users(access) as the pages' choices show them, by name: read once per reference version in each
    worker (a user added, renamed, moved to another unit, given another role or deactivated gives a new version)."""
    seen = "all" if access.everything else f"{access.user_id}:{sorted(access.units)}"
    return reference_cache.cached(f"owners {seen}", "", lambda: tuple(
        Owner(user.id, user.name) for user in assignable_users(access)))


def assignable_users(access: Access) -> list[User]:
    """Active prosecutors, supervisors and members of the central authority, who can own requests, of the units
    `access` sees."""
    query = (sa.select(User).where(User.active.is_(True), User.role.in_(OWNER_ROLES),
                                   *visible_users(access))
             .order_by(User.name))
    return list(db.session.scalars(query))

