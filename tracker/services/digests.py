"""Weekly digests: what each prosecutor and supervisor is told, and sending each at most once a week."""
import os
import socket
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from functools import partial

import sqlalchemy as sa

from tracker.domain.deadlines import DUE_SOON_DAYS, RELEASE_WINDOW_DAYS, DeadlineCode
from tracker.domain.access import Access
from tracker.domain.people import SUPERVISING, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import DigestDelivery, DigestState, Request, User
from tracker.services.access import access_of, visible_condition
from tracker.services.queries import open_condition

# Each section of a digest lists this many requests and links to the rest: a mail stays readable
# and its cost stays flat however long a prosecutor's overdue list grows.
SECTION_LIMIT = 50
REMINDER_DEADLINES = (DeadlineCode.REMINDER, DeadlineCode.FOLLOW_UP)
# A claim older than this belongs to a run that died; a later run sends that digest.
STALE_CLAIM = timedelta(minutes=15)


@dataclass(frozen=True)
class DigestItem:
    """One request in a digest: registration number and country, never the person sought."""

    request_id: int
    reference: str
    kind: Kind
    country_code: str
    due_on: date | None
    deadline: DeadlineCode | None
    days: int  # days overdue (positive) or days left (zero or more), by the section
    treaty_id: int | None = None  # for naming the rule's legal source


@dataclass
class Section:
    """One part of a digest: the first requests of it, most urgent first, and how many there are in all."""

    items: list[DigestItem] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        """Requests of the section the digest does not list; the mail links to them."""
        return self.total - len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class ProsecutorDigest:
    """A prosecutor's week: critical extradition deadlines, overdue, reminders due, due soon."""

    critical: Section = field(default_factory=Section)
    overdue: Section = field(default_factory=Section)
    reminders_due: Section = field(default_factory=Section)
    due_soon: Section = field(default_factory=Section)

    @property
    def is_empty(self) -> bool:
        """Nothing to report: no mail is sent."""
        return not (self.critical or self.overdue or self.reminders_due or self.due_soon)


@dataclass(frozen=True)
class SummaryRow:
    """Counts for one country or one prosecutor, each meaning what the reports and the list mean by it: pending
    abroad (sent, not final), overdue (pending and past due), critical (not final, release deadline missed, sent
    or not) and drafts (not sent yet)."""

    key: str
    pending: int
    overdue: int
    critical: int
    drafts: int
    owner_id: int | None = None  # the prosecutor's, on a row by prosecutor


@dataclass
class SupervisorDigest:
    """The supervisor's week: critical deadlines, and the summary by country and by prosecutor."""

    critical: Section
    by_country: list[SummaryRow]
    by_prosecutor: list[SummaryRow]

    @property
    def is_empty(self) -> bool:
        """No open request anywhere: no mail is sent."""
        return not self.by_country


@dataclass
class SendResult:
    """What one run did."""

    sent: int = 0
    empty: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def week_start(day: date) -> date:
    """The Monday of the week containing `day`."""
    return day - timedelta(days=day.weekday())


def prosecutor_digests(owner_ids: list[int], today: date, limit: int = SECTION_LIMIT) -> dict[int, ProsecutorDigest]:
    """The digests of several prosecutors: each section's count, and its first `limit` requests.

    One query whatever the number of prosecutors or requests: the database ranks and counts each
    prosecutor's sections in one pass, so thousands of overdue requests cost no more Python than fifty.
    """
    digests = {owner_id: ProsecutorDigest() for owner_id in owner_ids}
    if not owner_ids:
        return digests
    section = _section(today)
    by_section = {"partition_by": (Request.owner_id, section)}
    candidates = [Request.deleted_at.is_(None), open_condition(),
                  sa.or_(Request.release_due_on <= today + timedelta(days=RELEASE_WINDOW_DAYS),
                         Request.due_on <= today + timedelta(days=DUE_SOON_DAYS))]
    if len(owner_ids) == 1:
        # One prosecutor (the preview): their own requests. For the weekly run, every prosecutor owns some
        # part of the register, and the open-request index, read once, beats reading each one's requests.
        candidates.append(Request.owner_id == owner_ids[0])
    # Ranked and counted from the open-request index alone; only the listed rows are read from the table.
    ranked = (sa.select(Request.id, Request.owner_id, section.label("section"),
                        sa.func.row_number().over(order_by=_urgency(), **by_section).label("rank"),
                        sa.func.count().over(**by_section).label("total"))
              .where(*candidates).subquery())
    rows = db.session.execute(sa.select(*ITEM_COLUMNS, ranked.c.owner_id, ranked.c.section, ranked.c.total)
                              .join(ranked, ranked.c.id == Request.id)
                              .where(ranked.c.rank <= limit, ranked.c.owner_id.in_(owner_ids))
                              .order_by(ranked.c.owner_id, ranked.c.section, ranked.c.rank))
    for row in rows:
        part = getattr(digests[row.owner_id], row.section)
        part.items.append(_item(row, today))
        part.total = row.total
    return digests


ITEM_COLUMNS = (Request.id, Request.reference, Request.kind, Request.country_code, Request.due_on,
                Request.due_deadline, Request.release_due_on, Request.treaty_id)


def _section(today):
    """Which section of a digest an open request belongs to; the release deadline comes before all else."""
    return sa.case((Request.release_due_on.is_not(None), "critical"),
                   (Request.due_on < today, "overdue"),
                   (Request.due_deadline.in_(REMINDER_DEADLINES), "reminders_due"),
                   else_="due_soon")


def _urgency():
    """Most urgent first: the earliest release deadline or due date (so the most days overdue), then the oldest entry."""
    return sa.func.coalesce(Request.release_due_on, Request.due_on), Request.id


def _item(row, today) -> DigestItem:
    """A digest line: days past a release deadline (negative: days left), or days overdue or left."""
    if row.release_due_on is not None:
        return DigestItem(row.id, row.reference, row.kind, row.country_code, row.release_due_on,
                          DeadlineCode.RELEASE, (today - row.release_due_on).days, row.treaty_id)
    return DigestItem(row.id, row.reference, row.kind, row.country_code, row.due_on, row.due_deadline,
                      abs((today - row.due_on).days), row.treaty_id)


def supervisor_digest(today: date, access: Access, limit: int = SECTION_LIMIT) -> SupervisorDigest:
    """Critical deadlines in the units `access` sees, and open/overdue/critical counts by country and by
    prosecutor."""
    live = sa.and_(Request.deleted_at.is_(None), open_condition(), *visible_condition(access))
    # Among open requests, pending abroad (tracker.services.queries.pending_abroad) is the sent ones.
    sent = Request.sent_on.is_not(None)
    pending = sa.func.sum(sa.case((sent, 1), else_=0))
    overdue = sa.func.sum(sa.case((sa.and_(sent, Request.due_on < today), 1), else_=0))
    critical = sa.func.sum(sa.case((Request.release_due_on < today, 1), else_=0))
    drafts = sa.func.sum(sa.case((Request.status == Status.DRAFT, 1), else_=0))
    # One pass over the open requests, by country and prosecutor together (from the index that holds
    # the columns); Python adds up each side.
    by_country, by_owner = defaultdict(lambda: [0, 0, 0, 0]), defaultdict(lambda: [0, 0, 0, 0])
    cells = db.session.execute(
        sa.select(Request.country_code, Request.owner_id, pending, overdue, critical, drafts).where(live)
        .group_by(Request.country_code, Request.owner_id))
    for country_code, owner_id, *figures in cells:
        for totals in (by_country[country_code], by_owner[owner_id]):
            for position, figure in enumerate(figures):
                totals[position] += figure
    names = dict(db.session.execute(sa.select(User.id, User.name).where(User.id.in_(by_owner))).all())
    window = sa.and_(live, Request.release_due_on <= today + timedelta(days=RELEASE_WINDOW_DAYS))
    total = db.session.scalar(sa.select(sa.func.count()).where(window))
    first = db.session.execute(sa.select(*ITEM_COLUMNS).where(window).order_by(*_urgency()).limit(limit))
    return SupervisorDigest(
        critical=Section([_item(row, today) for row in first], total),
        by_country=[SummaryRow(code, *totals) for code, totals in by_country.items()],
        by_prosecutor=sorted((SummaryRow(names[owner_id], *totals, owner_id=owner_id)
                              for owner_id, totals in by_owner.items()),
                             key=lambda r: (-r.overdue, -r.pending, r.key)),
    )


def send_weekly_digests(today: date, now: datetime, *, deliver, commit, limit: int = SECTION_LIMIT) -> SendResult:
    """Sends the digests of the week containing `today` that have not gone out yet.

    `deliver(user, content)` sends one digest and raises on failure; `commit()` ends each recipient's
    unit of work, so a run that dies loses at most the digest it was sending. A recipient whose
    digest went out, or had nothing to report, this week is skipped; one whose sending failed is tried again.
    """
    week = week_start(today)
    recipients = list(db.session.scalars(
        sa.select(User).where(User.active.is_(True), User.role.in_([Role.PROSECUTOR, *SUPERVISING]))
        .order_by(User.id)))
    ledger = {row.user_id: row for row in db.session.scalars(
        sa.select(DigestDelivery).where(DigestDelivery.week_start == week))}
    todo = [user for user in recipients if _due(ledger.get(user.id), now)]
    result = SendResult(skipped=len(recipients) - len(todo))
    contents = _contents(todo, today, limit)
    for user in todo:
        row = _claim(user, week, ledger.get(user.id), now)
        if row is None:
            result.skipped += 1
            continue
        commit()
        _deliver_one(user, row, contents[user.id], now, deliver, result)
        commit()
    return result


def _contents(users, today, limit):
    """Each recipient's digest: a prosecutor's own, a supervisor's over the units they see (one summary per set of
    units, shared by the supervisors who see the same)."""
    prosecutors = prosecutor_digests([u.id for u in users if u.role == Role.PROSECUTOR], today, limit)
    summaries = {}
    contents = {}
    for user in users:
        if user.role == Role.PROSECUTOR:
            contents[user.id] = prosecutors[user.id]
            continue
        access = access_of(user)
        if access.units not in summaries:
            summaries[access.units] = supervisor_digest(today, replace(access, user_id=None), limit)
        contents[user.id] = summaries[access.units]
    return contents


def _deliver_one(user, row, content, now, deliver, result):
    """Sends one digest and records the outcome in the ledger."""
    if content.is_empty:
        row.state = DigestState.EMPTY
        result.empty += 1
        row.updated_at = now
        db.session.flush()
    else:
        record_delivery(row, partial(deliver, user, content), user.email, result, now)


def record_delivery(row, send, email: str, result: SendResult, now: datetime) -> None:
    """Hands one mail over with `send()` and records on its ledger row whether it went; a failed one is retried
    by the next run."""
    try:
        send()
    except Exception as error:  # any failure to hand over the mail is recorded and retried next run
        row.state, row.error = DigestState.FAILED, str(error)[:2000]
        result.failed.append((email, str(error)))
    else:
        row.state, row.error = DigestState.SENT, ""
        result.sent += 1
    row.updated_at = now
    db.session.flush()


def _due(row, now):
    """True when this week's digest still has to go out for this recipient."""
    if row is None or row.state == DigestState.FAILED:
        return True
    return row.state == DigestState.SENDING and (aware(row.updated_at) < now - STALE_CLAIM
                                                  or _claimant_died(row.claimed_by))


def claimant() -> str:
    """This process, as recorded on the digests it claims."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _claimant_died(claimed_by: str) -> bool:
    """True when the claim was made by a process on this machine that no longer runs."""
    host, _, pid = (claimed_by or "").rpartition(":")
    if host != socket.gethostname() or not (pid.isascii() and pid.isdigit()) or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False


def _claim(user, week, row, now):
    """Marks the recipient's digest as being sent by this run; None if another run got there first."""
    if row is None:
        row = DigestDelivery(week_start=week, user_id=user.id, state=DigestState.SENDING, attempts=1,
                             updated_at=now, error="", claimed_by=claimant())
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except sa.exc.IntegrityError:
            return None
        return row
    claimed = db.session.execute(
        sa.update(DigestDelivery)
        .where(DigestDelivery.id == row.id, DigestDelivery.state == row.state,
               DigestDelivery.attempts == row.attempts)
        .values(state=DigestState.SENDING, attempts=row.attempts + 1, updated_at=now, claimed_by=claimant())
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        return None
    db.session.refresh(row)
    return row


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
