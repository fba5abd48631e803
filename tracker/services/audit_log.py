"""The audit log as administrators read it: filtered by what changed, who changed it and on which days, newest first."""
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from tracker import clock
from tracker.extensions import db
from tracker.models import AuditEntry, User

# The records whose changes the audit log keeps, by table name.
AUDITED_ENTITIES = ("requests", "users", "treaties", "countries", "crime_categories", "deadline_rules", "units")


@dataclass(frozen=True)
class AuditFilters:
    """What the log is narrowed to; None means no filter."""

    entity: str | None = None  # a table name of AUDITED_ENTITIES
    entity_id: str | None = None  # the record's key as text
    actor_id: int | None = None
    start: date | None = None  # the first and last Almaty days, both included
    end: date | None = None


def audit_entries(filters: AuditFilters) -> sa.Select:
    """A SELECT of the entries matching `filters`, newest first."""
    query = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if filters.entity:
        query = query.where(AuditEntry.entity == filters.entity)
    if filters.entity_id:
        query = query.where(AuditEntry.entity_id == filters.entity_id)
    if filters.actor_id:
        query = query.where(AuditEntry.actor_id == filters.actor_id)
    if filters.start:
        query = query.where(AuditEntry.recorded_at >= clock.start_of_local_day(filters.start))
    if filters.end:
        query = query.where(AuditEntry.recorded_at < clock.start_of_local_day(filters.end + timedelta(days=1)))
    return query


def actor_emails(entries) -> dict[int, str]:
    """The email of each user who made one of these entries, by id, in one query."""
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(User.id, User.email).where(User.id.in_(sorted(ids)))).all())
