"""Supervisor reports, aggregated in SQL: pending by country, period statistics as of a date, workload and use of
treaties (median days to execution per country: execution_times.py)."""
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from tracker import labels
from tracker.domain.access import NOBODY, Access
from tracker.domain.collation import sort_key
from tracker.domain.statuses import Kind, Status, open_statuses
from tracker.extensions import db
from tracker.models import CrimeCategory, MonthEndStatus, Request, RequestEvent, Treaty, User
from tracker.services import month_ends
from tracker.services.access import visible_condition
from tracker.services.queries import choice_conditions, open_condition, pending_abroad

AGE_BUCKETS = ((0, 90), (91, 180), (181, 365), (366, None))
EXECUTED = (Status.EXECUTED, Status.EXTRADITED, Status.ACCEPTED)


@dataclass(frozen=True)
class ReportFilters:
    """What a supervisor narrows a report to; an empty choice means everything. Kinds, countries, legal bases
    (treaty ids as text, or "reciprocity") and crime categories may each hold several values."""

    kind: tuple[Kind, ...] = ()
    treaty: tuple[str, ...] = ()
    crime_category_id: tuple[int, ...] = ()
    owner_id: int | None = None
    country: tuple[str, ...] = ()
    # Whose report it is (tracker.domain.access): without it, the report counts nothing.
    access: Access = NOBODY

    def conditions(self):
        """The WHERE conditions these filters add on requests, the reader's need to know included."""
        return [*visible_condition(self.access),
                *choice_conditions(self.kind, self.country, self.treaty, self.crime_category_id, self.owner_id)]


def status_as_of(as_of: date):
    """A column expression: the request's status on `as_of`, from its history.

    The latest status entry effective on or before that day wins (ties by the order recorded), so a
    report as of a past day is the same whatever happened after it. Statuses only move forward in time,
    so a request whose current status took effect by `as_of` had that status then; only the requests
    changed after `as_of` look up their history, one index lookup each.
    """
    return sa.case((Request.status_on <= as_of, Request.status), else_=_latest_status(as_of))


def _latest_status(as_of: date):
    """The status of the latest history entry effective by `as_of`, for a request changed since."""
    return (sa.select(RequestEvent.to_status)
            .where(RequestEvent.request_id == Request.id, RequestEvent.to_status.is_not(None),
                   RequestEvent.effective_on <= as_of)
            .order_by(RequestEvent.effective_on.desc(), RequestEvent.id.desc())
            .limit(1).correlate(Request).scalar_subquery())


def _is_open(status_column, kind_column=Request.kind):
    """True for a status that is open for the request's kind."""
    return sa.or_(*(sa.and_(kind_column == kind, status_column.in_(open_statuses(kind))) for kind in Kind))


@dataclass
class CountryRow:
    """Open (sent, not final) requests in one country."""

    country_code: str
    mla: int
    extradition: int
    transfer: int
    overdue: int | None
    oldest_sent_on: date
    buckets: tuple[int, int, int, int]
    as_of: date

    @property
    def total(self) -> int:
        return self.mla + self.extradition + self.transfer

    @property
    def oldest_days(self) -> int:
        return (self.as_of - self.oldest_sent_on).days


@dataclass
class PendingByCountry:
    """The supervisor's main report: one row per country and the totals."""

    as_of: date
    rows: list[CountryRow]
    overdue_known: bool

    @property
    def totals(self) -> dict:
        return {
            "mla": sum(r.mla for r in self.rows), "extradition": sum(r.extradition for r in self.rows),
            "transfer": sum(r.transfer for r in self.rows),
            "total": sum(r.total for r in self.rows),
            "overdue": sum(r.overdue or 0 for r in self.rows) if self.overdue_known else None,
            "oldest_days": max((r.oldest_days for r in self.rows), default=0),
            "buckets": tuple(sum(r.buckets[i] for r in self.rows) for i in range(len(AGE_BUCKETS))),
        }


def pending_by_country(as_of: date, today: date, filters: ReportFilters, *,
                       language: str = "en") -> PendingByCountry:
    """Open requests sent by `as_of`, per country: by kind, overdue (as of today only), oldest age, age buckets.

    As of today the current status is used; as of a past day, the status history. Overdue is known
    only for today: past due dates are not kept. Countries with most open requests come first; those with
    as many, in the alphabetical order of their names in `language`.
    """
    live = [Request.deleted_at.is_(None), Request.sent_on <= as_of, *filters.conditions()]
    overdue_known = as_of >= today
    if overdue_known:
        parts = [_country_figures(Request.__table__.c, as_of, today).where(*live, open_condition())]
    elif month_ends.month_end_kept(as_of):
        # Requests whose current status took effect by that day had it then, from the open-request index; those
        # changed since are the rows kept for that month end, which hold their status then.
        kept = MonthEndStatus.__table__.c
        parts = [_country_figures(Request.__table__.c, as_of, None).where(*live, open_condition(),
                                                                           Request.status_on <= as_of),
                 _country_figures(kept, as_of, None).where(kept.month_end == as_of, *month_ends.said_of_rows(live),
                                                           _is_open(kept.status, kept.kind))]
    else:
        # Requests whose current status took effect by that day had it then: they are found by status in
        # the open-request index. Only those changed since look up their history; they are found by the
        # date of their status and set apart first, so the database cannot trade that search for a pass
        # over the whole register in country order.
        changed = (sa.select(Request.country_code, Request.kind, Request.sent_on,
                             _latest_status(as_of).label("status_then"))
                   .where(*live, Request.status_on > as_of).cte("changed").prefix_with("MATERIALIZED"))
        parts = [_country_figures(Request.__table__.c, as_of, None).where(*live, open_condition(),
                                                                           Request.status_on <= as_of),
                 _country_figures(changed.c, as_of, None).where(_is_open(changed.c.status_then, changed.c.kind))]
    found = {}
    for part in parts:
        for code, mla, extradition, transfer, overdue_count, oldest, *buckets in db.session.execute(part):
            row = found.get(code)
            if row is None:
                found[code] = CountryRow(code, mla, extradition, transfer, overdue_count, oldest, tuple(buckets), as_of)
            else:
                row.mla, row.extradition = row.mla + mla, row.extradition + extradition
                row.transfer += transfer
                row.oldest_sent_on = min(row.oldest_sent_on, oldest)
                row.buckets = tuple(a + b for a, b in zip(row.buckets, buckets, strict=True))
    rows = list(found.values())
    rows.sort(key=lambda row: (-row.total, labels.country_sort_key(row.country_code, language)))
    return PendingByCountry(as_of=as_of, rows=rows, overdue_known=overdue_known)


def _country_figures(columns, as_of: date, overdue_on: date | None):
    """Per country of `columns` (the requests table or a selection of it): requests by kind, overdue
    (when `overdue_on` is given), the earliest date sent, and the age buckets as of `as_of`."""
    def count(condition):
        return sa.func.sum(sa.case((condition, 1), else_=0))
    buckets = []
    for low, high in AGE_BUCKETS:
        condition = columns.sent_on <= as_of - timedelta(days=low)
        if high is not None:
            condition = sa.and_(condition, columns.sent_on >= as_of - timedelta(days=high))
        buckets.append(count(condition))
    overdue = count(columns.due_on < overdue_on) if overdue_on else sa.null()
    return (sa.select(columns.country_code, count(columns.kind == Kind.MLA), count(columns.kind == Kind.EXTRADITION),
                      count(columns.kind == Kind.TRANSFER), overdue, sa.func.min(columns.sent_on), *buckets)
            .group_by(columns.country_code))


def _count_kind(kind):
    """How many rows of the group are of this kind."""
    return sa.func.sum(sa.case((Request.kind == kind, 1), else_=0))


# What became of the requests of each kind, as disjoint outcomes that add up to the number sent.
OUTCOMES = {
    Kind.MLA: ("executed", "partially_executed", "pending", "refused", "returned", "withdrawn"),
    Kind.EXTRADITION: ("extradited", "granted", "pending", "refused", "released_abroad", "withdrawn"),
    Kind.TRANSFER: ("accepted", "pending", "refused", "returned", "withdrawn"),
}
# Every outcome name, in the order the columns are shown.
OUTCOME_NAMES = tuple(dict.fromkeys(name for names in OUTCOMES.values() for name in names))
# A status, once sent, as the outcome it counts in. Granted stands for "granted, awaiting surrender": the
# person has not been handed over yet, whether surrender is pending, postponed or only temporary.
OUTCOME_OF = {
    Status.SENT: "pending", Status.PENDING: "pending", Status.SUPPLEMENT_REQUESTED: "pending",
    Status.PARTIALLY_EXECUTED: "partially_executed", Status.EXECUTED: "executed",
    Status.GRANTED: "granted", Status.SURRENDER_POSTPONED: "granted", Status.TEMPORARILY_SURRENDERED: "granted",
    Status.EXTRADITED: "extradited", Status.ACCEPTED: "accepted", Status.REFUSED: "refused",
    Status.RETURNED: "returned", Status.RELEASED_ABROAD: "released_abroad", Status.WITHDRAWN: "withdrawn",
}


def outcome_of(kind: Kind, status: Status | None) -> str:
    """The outcome a sent request of `kind` in `status` counts in. Every status a kind can reach after sending
    has one of that kind's outcomes (a test holds the workflow to this); a request sent by the as-of day but
    without a status then (a history corrected by hand) counts as pending rather than vanish from the sum."""
    outcome = OUTCOME_OF.get(status)
    return outcome if outcome in OUTCOMES[kind] else "pending"


@dataclass
class StatisticsRow:
    """The figures of one kind and crime category for the period: sent, and what became of them by the as-of day."""

    kind: Kind
    crime_category_id: int | None
    sent: int = 0
    outcomes: dict = field(default_factory=dict)

    def __post_init__(self):
        self.outcomes = {name: self.outcomes.get(name, 0) for name in OUTCOMES[self.kind]}


@dataclass
class Statistics:
    """Period statistics in the shape of the letter: requests sent in the period, what became of them by a day."""

    start: date
    end: date
    as_of: date
    rows: list[StatisticsRow]
    categories: dict[int, CrimeCategory]
    filters: ReportFilters

    def totals(self, kind: Kind) -> StatisticsRow:
        """The sums of one kind's rows."""
        found = StatisticsRow(kind, None)
        for row in self.rows:
            if row.kind == kind:
                found.sent += row.sent
                for name, count in row.outcomes.items():
                    found.outcomes[name] += count
        return found

    def kinds(self) -> list[Kind]:
        """The kinds the report states: MLA and extradition always (the letter's shape), transfers when there
        are any; only the kinds chosen when the report is filtered by kind, each of them even with none sent."""
        if self.filters.kind:
            return [kind for kind in Kind if kind in self.filters.kind]
        return [kind for kind in Kind if kind != Kind.TRANSFER or any(r.kind == kind for r in self.rows)]

    def by_category(self, kind: Kind, outcome: str | None = None) -> list[tuple[CrimeCategory, int]]:
        """Non-zero counts per crime category, in the categories' order: sent, or one outcome."""
        pairs = [(self.categories[row.crime_category_id], row.outcomes[outcome] if outcome else row.sent)
                 for row in self.rows if row.kind == kind]
        return sorted(((c, n) for c, n in pairs if n), key=lambda pair: (pair[0].position, pair[0].id))


def statistics(start: date, end: date, as_of: date, filters: ReportFilters) -> Statistics:
    """Requests sent from `start` to `end` (and by `as_of`), by kind and crime category, with their outcome on `as_of`.

    A request counts once in sent and once in exactly one outcome of its kind, from its status on `as_of`
    (read from the history), so the outcomes add up to the number sent on every row. A request sent in the
    period and then returned for completion counts once, by its first sending.
    """
    live = [Request.deleted_at.is_(None), Request.sent_on.is_not(None),
            Request.sent_on.between(start, min(end, as_of)), *filters.conditions()]
    if month_ends.month_end_kept(as_of):
        # The requests whose current status took effect by the as-of day, and the rows kept for that month end of
        # those changed since: together every request sent by then, each once.
        kept = MonthEndStatus.__table__.c
        queries = [sa.select(Request.kind, Request.crime_category_id, Request.status, sa.func.count())
                   .where(*live, Request.status_on <= as_of)
                   .group_by(Request.kind, Request.crime_category_id, Request.status),
                   sa.select(kept.kind, kept.crime_category_id, kept.status, sa.func.count())
                   .where(kept.month_end == as_of, *month_ends.said_of_rows(live))
                   .group_by(kept.kind, kept.crime_category_id, kept.status)]
    else:
        status = status_as_of(as_of).label("status_then")
        queries = [sa.select(Request.kind, Request.crime_category_id, status, sa.func.count())
                   .where(*live).group_by(Request.kind, Request.crime_category_id, status)]
    rows = {}
    for query in queries:
        for kind, category_id, status, count in db.session.execute(query):
            row = rows.setdefault((kind, category_id), StatisticsRow(kind, category_id))
            row.sent += count
            row.outcomes[outcome_of(kind, status)] += count
    categories = {c.id: c for c in db.session.scalars(sa.select(CrimeCategory))}
    ordered = sorted(rows.values(), key=lambda r: (list(Kind).index(r.kind), categories[r.crime_category_id].position,
                                                   r.crime_category_id))
    return Statistics(start, end, as_of, ordered, categories, filters)


@dataclass(frozen=True)
class WorkloadRow:
    """One prosecutor's requests pending abroad, drafts and overdue requests now, and what was executed in the
    period."""

    owner_id: int
    name: str
    pending: int  # sent and not final: "pending" as the other reports and the list's filter count it
    drafts: int  # registered, not sent yet
    overdue: int  # pending and past their due date
    executed_in_period: int


def workload(start: date, end: date, today: date, filters: ReportFilters, *,
             language: str = "en") -> list[WorkloadRow]:
    """Per prosecutor: requests pending abroad, drafts, overdue requests today, and requests executed or
    extradited in the period; most overdue first, then most pending, then by name in `language`'s alphabet."""
    conditions = [Request.deleted_at.is_(None), *filters.conditions()]
    pending = pending_abroad()

    def count(condition):
        return sa.func.sum(sa.case((condition, 1), else_=0))
    executed = (sa.select(Request.owner_id, sa.func.count(sa.distinct(Request.id)).label("done"))
                .join(RequestEvent, RequestEvent.request_id == Request.id)
                .where(*conditions, RequestEvent.to_status.in_(EXECUTED),
                       RequestEvent.effective_on.between(start, end))
                .group_by(Request.owner_id).subquery("executed"))
    current = (sa.select(Request.owner_id, count(pending).label("pending"),
                         count(Request.status == Status.DRAFT).label("drafts"),
                         count(sa.and_(pending, Request.due_on < today)).label("overdue"))
               .where(*conditions).group_by(Request.owner_id).subquery("current"))
    query = (sa.select(User.id, User.name, sa.func.coalesce(current.c.pending, 0),
                       sa.func.coalesce(current.c.drafts, 0), sa.func.coalesce(current.c.overdue, 0),
                       sa.func.coalesce(executed.c.done, 0))
             .outerjoin(current, current.c.owner_id == User.id).outerjoin(executed, executed.c.owner_id == User.id)
             .where(sa.or_(current.c.owner_id.is_not(None), executed.c.owner_id.is_not(None))))
    rows = [WorkloadRow(*row) for row in db.session.execute(query)]
    return sorted(rows, key=lambda r: (-r.overdue, -r.pending, sort_key(r.name, language), r.owner_id))


@dataclass(frozen=True)
class TreatyUseRow:
    """How many requests of each kind were sent in the period on one legal basis."""

    treaty: Treaty | None
    mla: int
    extradition: int
    transfer: int

    @property
    def total(self) -> int:
        return self.mla + self.extradition + self.transfer


def treaty_use(start: date, end: date, filters: ReportFilters) -> list[TreatyUseRow]:
    """Requests sent in the period per treaty (None: reciprocity), by kind."""
    query = (sa.select(Request.treaty_id, _count_kind(Kind.MLA), _count_kind(Kind.EXTRADITION),
                       _count_kind(Kind.TRANSFER))
             .where(Request.deleted_at.is_(None), Request.sent_on.between(start, end), *filters.conditions())
             .group_by(Request.treaty_id))
    counts = db.session.execute(query).all()
    ids = [treaty_id for treaty_id, *_kinds in counts if treaty_id is not None]
    treaties = {t.id: t for t in db.session.scalars(sa.select(Treaty).where(Treaty.id.in_(ids)))} if ids else {}
    rows = [TreatyUseRow(treaties.get(treaty_id), *kinds) for treaty_id, *kinds in counts]
    return sorted(rows, key=lambda r: (-r.total, r.treaty.code if r.treaty else ""))
