"""Outgoing requests (MLA, extradition, transfer of proceedings) and their append-only history."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain import limits, search
from tracker.domain.deadlines import DeadlineCode, custody_days
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.statuses import Kind, RefusalGround, Status, is_open
from tracker.extensions import db
from tracker.models.audit import audited
from tracker.models._types import UtcDateTime, append_only, enum_type
from tracker.models.people import User
from tracker.models.reference import Country, CrimeCategory, Treaty


@audited
class Request(db.Model):
    """One outgoing request of any kind; extradition details are empty for the other kinds."""

    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(limits.REFERENCE), unique=True)
    # No index of its own: two values split the register in two, and such an index only misleads the
    # planner; queries by kind use ix_requests_open_summary.
    kind: Mapped[Kind] = mapped_column(enum_type(Kind, "kind"))
    country_code: Mapped[str] = mapped_column(sa.ForeignKey("countries.code"), index=True)
    authority: Mapped[str] = mapped_column(sa.String(limits.AUTHORITY), default="")
    # None means the request rests on reciprocity.
    treaty_id: Mapped[int | None] = mapped_column(sa.ForeignKey("treaties.id"), index=True)
    case_number: Mapped[str] = mapped_column(sa.String(limits.CASE_NUMBER), index=True)
    crime_category_id: Mapped[int] = mapped_column(sa.ForeignKey("crime_categories.id"), index=True)
    articles: Mapped[str] = mapped_column(sa.String(limits.ARTICLES), default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    # The first sending (what the statistics count); a request returned for completion and sent again keeps it,
    # and the chasing of the foreign side runs from the latest sending.
    sent_on: Mapped[date | None] = mapped_column()
    last_sent_on: Mapped[date | None]
    # What the foreign side confirmed: receipt (acknowledgement, with its reference number) and, for
    # extradition, receipt of our request and extradition arrest, which stop the release deadline.
    acknowledged_on: Mapped[date | None]
    foreign_reference: Mapped[str] = mapped_column(sa.String(limits.FOREIGN_REFERENCE), default="", server_default="")
    received_abroad_on: Mapped[date | None]
    extradition_arrest_on: Mapped[date | None]
    # The term the requested state set for our supplementary information, while it is asked for.
    supplement_due_on: Mapped[date | None]
    # The requested state was told the outcome (after extradition or refusal).
    outcome_notified_on: Mapped[date | None]
    # A transfer of proceedings started from a refused extradition request: the request it came from.
    origin_request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("requests.id"), index=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    status: Mapped[Status] = mapped_column(enum_type(Status, "status"))
    status_on: Mapped[date] = mapped_column()
    # Derived by the deadline rules (tracker/domain/deadlines.py); refreshed on every change and nightly.
    due_on: Mapped[date | None] = mapped_column(index=True)
    due_deadline: Mapped[DeadlineCode | None] = mapped_column(enum_type(DeadlineCode, "due_deadline"))
    overdue: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    critical: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    release_due_on: Mapped[date | None] = mapped_column(index=True)
    escalated: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    long_pending: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A person in the case is in custody: our answers to supplement requests are due sooner.
    in_custody: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    person_name: Mapped[str] = mapped_column(sa.String(limits.PERSON_NAME), default="")
    person_name_latin: Mapped[str] = mapped_column(sa.String(limits.PERSON_NAME), default="")
    # Indexed: a new request is checked for possible duplicates by the person's date of birth first.
    person_birth_date: Mapped[date | None] = mapped_column(index=True)
    person_citizenship: Mapped[str | None] = mapped_column(sa.ForeignKey("countries.code"))
    detained_on: Mapped[date | None]
    # When we were notified of the arrest abroad: the start of a limit a treaty counts from notification.
    arrest_notified_on: Mapped[date | None]
    decision: Mapped[str] = mapped_column(sa.Text, default="")
    surrendered_on: Mapped[date | None]
    refusal_ground: Mapped[RefusalGround | None] = mapped_column(enum_type(RefusalGround, "refusal_ground"))
    # Registration number, case number and names, folded in Python (SQLite's lower() folds ASCII only, and Kazakh
    # letters are searched as their Russian look-alikes): see search_text_of.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")

    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(default=1)

    country: Mapped[Country] = relationship(foreign_keys=[country_code])
    citizenship: Mapped[Country | None] = relationship(foreign_keys=[person_citizenship])
    treaty: Mapped[Treaty | None] = relationship()
    crime_category: Mapped[CrimeCategory] = relationship()
    owner: Mapped[User] = relationship()
    origin: Mapped["Request | None"] = relationship(remote_side=[id], foreign_keys=[origin_request_id])
    events: Mapped[list["RequestEvent"]] = relationship(
        back_populates="request", order_by="RequestEvent.id", cascade="save-update, merge",
        passive_deletes="all")

    # The ORM also refuses to write over a row another session changed since it was read.
    __mapper_args__ = {"version_id_col": version}
    # Open requests are found by status; the summaries of them (pending by country, the digests'
    # counts and rankings) and the ids of a filtered list page read only this index, not the table:
    # it holds every column they use, the list's default sort column and the id included (SQLite's indexes hold the
    # id anyway).
    __table_args__ = (sa.Index("ix_requests_open_summary", "status", "kind", "country_code", "owner_id", "sent_on",
                               "due_on", "release_due_on", "due_deadline", "status_on", "deleted_at", "updated_at",
                               postgresql_include=["id"]),
                      # The list's default order (the last change, then the id), over live requests only: a page's
                      # ids are read from the index alone, and PostgreSQL counts the live requests from it too (a
                      # million in 76 ms instead of 245 ms).
                      sa.Index("ix_requests_live_updated_at_id", "updated_at", "id",
                               sqlite_where=sa.text("deleted_at IS NULL"),
                               postgresql_where=sa.text("deleted_at IS NULL")),
                      # Requests by date sent, with what the period statistics count (the id too, for the
                      # history lookups), so a year's figures are read from the index alone: a year of a
                      # million-request register took 509 ms to 127 ms on SQLite, 428 ms to 154 ms on PostgreSQL.
                      sa.Index("ix_requests_sent_summary", "sent_on", "kind", "crime_category_id", "status",
                               "status_on", "deleted_at", "id"),
                      # Requests by the date of their status, with what pending by country as of a past day
                      # reads of those changed since (394 ms to 161 ms on SQLite at a million requests).
                      sa.Index("ix_requests_status_on_summary", "status_on", "kind", "country_code", "sent_on",
                               "deleted_at", "id"))

    @property
    def is_open(self) -> bool:
        """Open means the status is not final."""
        return is_open(self.kind, self.status)

    @property
    def may_be_reminded(self) -> bool:
        """A reminder can go abroad while the request is sent and still open (the page's form, the reminder letter)."""
        return self.is_open and self.sent_on is not None

    @property
    def custody_days_abroad(self) -> int | None:
        """Days the person was held abroad, detention to surrender, credited to the sentence."""
        return custody_days(self.detained_on, self.surrendered_on)


@event.listens_for(Request, "before_insert")
@event.listens_for(Request, "before_update")
def _refresh_search_text(mapper, connection, target):
    """Keeps the free-text search column in step with the fields it covers."""
    target.search_text = search_text_of(target.reference, target.case_number, target.person_name,
                                        target.person_name_latin)


def search_text_of(reference: str | None, case_number: str | None, person_name: str | None,
                   person_name_latin: str | None) -> str:
    """Registration number, case number and names as one folded text for free-text search (tracker/domain/search.py):
    the numbers first, also without their separators, then the names, so a search may keep to the numbers."""
    return search.indexed_text((reference, case_number), (person_name, person_name_latin))


class RequestEvent(db.Model):
    """One entry in a request's history: never updated, never deleted."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("requests.id"))
    event: Mapped[EventType] = mapped_column(enum_type(EventType, "event_type"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    effective_on: Mapped[date | None]
    from_status: Mapped[Status | None] = mapped_column(enum_type(Status, "from_status"))
    to_status: Mapped[Status | None] = mapped_column(enum_type(Status, "to_status"))
    ground: Mapped[RefusalGround | None] = mapped_column(enum_type(RefusalGround, "event_ground"))
    # Reminders: how the reminder went; extensions: which deadline, and the due date it moved.
    channel: Mapped[ReminderChannel | None] = mapped_column(enum_type(ReminderChannel, "reminder_channel"))
    deadline: Mapped[DeadlineCode | None] = mapped_column(enum_type(DeadlineCode, "event_deadline"))
    deadline_from: Mapped[date | None]
    # Acknowledgements and receipts: the foreign side's reference number.
    foreign_reference: Mapped[str] = mapped_column(sa.String(limits.FOREIGN_REFERENCE), default="", server_default="")
    # Extensions of a release deadline: the foreign decision that moved it (authority, number, date).
    foreign_decision: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
    # Edited fields as {field: [old, new]}, values as strings.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    request: Mapped[Request] = relationship(back_populates="events")
    author: Mapped[User] = relationship()

    # A request's status on a past day: its latest status entry by then, found and read from the index alone
    # (pending by country as of a past day, a million requests on PostgreSQL: 238 ms to 111 ms).
    __table_args__ = (sa.Index("ix_request_events_status_history", "request_id", "effective_on", "id", "to_status"),)


class MonthEnd(db.Model):
    """The last day of every month from 1990 to 2100: the days the status of every request is kept for
    (`MonthEndStatus`), and the only as-of days the reports read it for."""

    __tablename__ = "month_ends"
    __table_args__ = {"sqlite_with_rowid": False}

    month_end: Mapped[date] = mapped_column(primary_key=True)


class MonthEndStatus(db.Model):
    """A request's status at the end of a month, kept by the database itself for every month end from its first
    status entry up to (not including) the day of its current status: the requests whose status changed after that
    month end, the only ones the reports as of it would otherwise look up in the history one by one. Each row carries
    the columns of the request the reports count and filter by, so the reports as of a month end read these rows in
    one range of the key, and the requests whose current status took effect by then from the requests' indexes.

    Written only by the triggers of migration 0c4f7a2e9b61: a status entry added to the history (by the app, an
    import, a command or at the console) writes its request's rows again from its effective day on, and a change
    to a request's kind, country, owner, treaty, crime category, date sent or deletion is copied to its rows. `flask
    report rebuild-month-ends` writes the whole table again from the history; `flask report check-month-ends`
    compares it with the history, and checks what the reports rely on besides: each request's status date is its
    latest status entry's day, and none was sent before its first status entry."""

    __tablename__ = "month_end_statuses"
    # A request's rows, for the triggers that write them again and copy its columns, and for its deletion; and a
    # month end's rows by date sent with every column the reports read, so that they are read from the index alone
    # (PostgreSQL otherwise visits a table page for nearly every row: the rows of one month end lie all over it).
    __table_args__ = (sa.Index("ix_month_end_statuses_request_id", "request_id", "month_end"),
                      sa.Index("ix_month_end_statuses_figures", "month_end", "sent_on", "kind", "crime_category_id",
                               "status", "country_code", "owner_id", "treaty_id", "deleted_at"),
                      {"sqlite_with_rowid": False})

    month_end: Mapped[date] = mapped_column(primary_key=True)
    # Rows derived from a request go with it (a register emptied in a test, a restore).
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[Status] = mapped_column(enum_type(Status, "month_end_status"))
    kind: Mapped[Kind] = mapped_column(enum_type(Kind, "month_end_kind"))
    country_code: Mapped[str] = mapped_column(sa.String(2))
    owner_id: Mapped[int] = mapped_column()
    treaty_id: Mapped[int | None] = mapped_column()
    crime_category_id: Mapped[int] = mapped_column()
    sent_on: Mapped[date | None] = mapped_column()
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class HistoryIsAppendOnly(RuntimeError):
    """Raised when code tries to change or remove a history entry."""


append_only(RequestEvent, HistoryIsAppendOnly, "history entry")


class RegisterVersion(db.Model):
    """One row whose version the database itself replaces with a new random one in every transaction that adds,
    changes or deletes requests, their history or their documents (the triggers of migration 2a7e4c9f1d63), however
    it was written: the ORM, a job's or a command's SQL, or someone at the database's console. A page read under one
    version shows the register as it was then; a web worker keeps the pages it wrote by that version
    (tracker/web/kept_pages.py), and a change anywhere gives every later page a version none was kept under. Random,
    not counted, as the reference data's version (a database restored from a backup cannot bring back a number that
    meant other data)."""

    __tablename__ = "register_version"
    # One row: the pages read its version as a single value.
    __table_args__ = (sa.CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(sa.String(32))


class PositionBlock(db.Model):
    """A stretch of the list of live requests in its default order (the moment of the last change), for finding
    where a page deep in the whole register starts without reading every request before it
    (tracker/services/list_positions.py): the live requests changed last from this block's moment up to (not
    including) the next block's; the first block starts at no moment (NULL) and holds every request changed before
    the second's moment. Requests changed at one moment are in one block, so a block is as much a stretch of the
    list sorted oldest change first as newest.

    Written only by `list_positions.rebuild` (every night, after an import, `flask report rebuild-positions`), which
    sets the moments about BLOCK_ROWS live requests apart; between rebuilds the newest block takes every request
    changed since."""

    __tablename__ = "position_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), unique=True)


class PositionChange(db.Model):
    """A change in the number of live requests of a block (PositionBlock): a block holds the sum of its rows.

    Written by the database's triggers (migration 4b7d2e9c1a58) whenever a request is added, deleted, brought back
    or changed (its moment of the last change moves it to another block), however it is written: +1 for the block
    it joins, -1 for the one it leaves. Rows are only added, never changed, so that writers of different requests
    never wait for one another's row; `list_positions.rebuild` writes one row per block afresh."""

    __tablename__ = "position_changes"
    __table_args__ = (sa.Index("ix_position_changes_block_id", "block_id", "change"),)

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    block_id: Mapped[int] = mapped_column(sa.ForeignKey("position_blocks.id", ondelete="CASCADE"))
    change: Mapped[int] = mapped_column()
