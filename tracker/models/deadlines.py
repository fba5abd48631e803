"""Deadline rules as data, the ledgers that keep each weekly digest and each deadline alert to one per person, and
the days the nightly deadlines refresh completed."""
from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.deadlines import DeadlineCode, ReleaseEnd, RuleCode, Scope
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models.audit import audited
from tracker.models._types import UtcDateTime, enum_type
from tracker.models.people import User
from tracker.models.reference import Country, ReferenceData, Treaty


@audited
class DeadlineRule(ReferenceData, db.Model):
    """The days one rule gives for one kind: the default, or an override for a treaty or a country."""

    __tablename__ = "deadline_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Kind] = mapped_column(enum_type(Kind, "rule_kind"))
    code: Mapped[RuleCode] = mapped_column(enum_type(RuleCode, "rule_code"))
    scope: Mapped[Scope] = mapped_column(enum_type(Scope, "rule_scope"))
    treaty_id: Mapped[int | None] = mapped_column(sa.ForeignKey("treaties.id"))
    country_code: Mapped[str | None] = mapped_column(sa.ForeignKey("countries.code"))
    # "default", "treaty:ID" or "country:CODE": one row per kind, rule and scope, NULLs notwithstanding.
    scope_key: Mapped[str] = mapped_column(sa.String(40))
    days: Mapped[int]
    note: Mapped[str] = mapped_column(sa.Text, default="")
    # The article that sets the rule (in Russian, as the office cites it, and in Kazakh and English), or office
    # practice with the internal order that sets it once known; empty until somebody records it.
    source: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    source_kk: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    source_en: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    practice_order: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # Office practice falling on a non-working day moves to the next working day; custody limits never move.
    moves_to_working_day: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Release deadline only: whether the day of detention is day 1, and what stops the clock.
    counts_first_day: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    ends_with: Mapped[ReleaseEnd] = mapped_column(enum_type(ReleaseEnd, "release_end"),
                                                  default=ReleaseEnd.RECEIPT_OR_ARREST,
                                                  server_default=ReleaseEnd.RECEIPT_OR_ARREST.value)

    treaty: Mapped[Treaty | None] = relationship()
    country: Mapped[Country | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("kind", "code", "scope_key", name="uq_deadline_rules_kind_code_scope"),
        sa.CheckConstraint("days > 0 AND days <= 3650", name="days_in_range"),
        sa.CheckConstraint(
            "(scope = 'default' AND treaty_id IS NULL AND country_code IS NULL)"
            " OR (scope = 'treaty' AND treaty_id IS NOT NULL AND country_code IS NULL)"
            " OR (scope = 'country' AND country_code IS NOT NULL AND treaty_id IS NULL)",
            name="scope_matches_target"),
    )

    @staticmethod
    def key_for(scope: Scope, treaty_id: int | None, country_code: str | None) -> str:
        """The scope key of a rule row."""
        if scope == Scope.TREATY:
            return f"treaty:{treaty_id}"
        if scope == Scope.COUNTRY:
            return f"country:{country_code}"
        return "default"


class DigestState(StrEnum):
    """Where one person's digest for one week stands."""

    SENDING = "sending"   # claimed by a run; if that run died, a later one sends it
    SENT = "sent"
    FAILED = "failed"     # the mail server refused or was down; the next run tries again
    EMPTY = "empty"       # nothing to report that week; nothing sent


class DigestDelivery(db.Model):
    """One row per (week, person): the ledger that makes sending digests idempotent."""

    __tablename__ = "digest_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    state: Mapped[DigestState] = mapped_column(enum_type(DigestState, "digest_state"))
    attempts: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    error: Mapped[str] = mapped_column(sa.Text, default="")
    # "host:pid" of the run that claimed the digest: a claim whose process has died is taken over at once.
    claimed_by: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")

    user: Mapped[User] = relationship()

    __table_args__ = (sa.UniqueConstraint("week_start", "user_id", name="uq_digest_deliveries_week_user"),)


class DeadlineAlert(db.Model):
    """One row per (request, deadline, last day, mark, person): the ledger that sends each alert once.

    `mark` is the days before the last day (20, 10, 5, 2, 1) or 0 once it was missed. A deadline moved by
    extension has a new last day, so its marks are alerted afresh.
    """

    __tablename__ = "deadline_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("requests.id"))
    deadline: Mapped[DeadlineCode] = mapped_column(enum_type(DeadlineCode, "alert_deadline"))
    due_on: Mapped[date]
    mark: Mapped[int]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    state: Mapped[DigestState] = mapped_column(enum_type(DigestState, "alert_state"))
    attempts: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    error: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (sa.UniqueConstraint("request_id", "deadline", "due_on", "mark", "user_id",
                                          name="uq_deadline_alerts_once"),)


class DeadlineRefresh(db.Model):
    """One row per Almaty day whose refresh of every request's deadlines completed: the scheduler, started after
    a night it was down, sees that day's refresh missing and runs it then."""

    __tablename__ = "deadline_refreshes"

    day: Mapped[date] = mapped_column(primary_key=True)
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CalendarDay(ReferenceData, db.Model):
    """A day that departs from the Monday-to-Friday week in Kazakhstan: a holiday or a day off moved onto a
    weekday (not working), or a Saturday or Sunday worked in exchange (working)."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    working: Mapped[bool] = mapped_column(default=False)
    name_kk: Mapped[str] = mapped_column(sa.String(200), default="")
    name_ru: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    source: Mapped[str] = mapped_column(sa.Text, default="")

    def name(self, language: str) -> str:
        """The day's name in `language`, falling back to Russian."""
        return getattr(self, f"name_{language}", None) or self.name_ru
