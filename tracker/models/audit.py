"""The audit log: every change to the register and its reference data, who made it and when; append-only."""
from datetime import date, datetime

import sqlalchemy as sa
from flask import g, has_app_context, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from tracker.extensions import db
from tracker.models._types import UtcDateTime, append_only


class AuditEntry(db.Model):
    """One inserted, updated or deleted record: its fields as [old, new] text."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    # None for the command line and the scheduler; `source` says which.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    source: Mapped[str] = mapped_column(sa.String(20))
    action: Mapped[str] = mapped_column(sa.String(10))
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(64))
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    __table_args__ = (sa.Index("ix_audit_log_entity", "entity", "entity_id"),)


class AuditIsAppendOnly(RuntimeError):
    """Raised when code tries to change or remove an audit entry."""


append_only(AuditEntry, AuditIsAppendOnly, "audit entry")


class PersonalDataRead(db.Model):
    """One reading of persons sought's personal data: who, when, what (one request, or a list or export by its
    query and row count). Kept for the data-protection officer; no role can change or remove an entry."""

    __tablename__ = "personal_data_reads"

    id: Mapped[int] = mapped_column(primary_key=True)
    read_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # page, export or api
    channel: Mapped[str] = mapped_column(sa.String(10))
    # One request read, or None for a list or an export: then `query` says which requests and `rows` how many.
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("requests.id"), index=True)
    path: Mapped[str] = mapped_column(sa.String(200))
    query: Mapped[str] = mapped_column(sa.String(2000), default="")
    rows: Mapped[int] = mapped_column(default=1)


class PersonalDataReadsAreAppendOnly(RuntimeError):
    """Raised when code tries to change or remove an entry of the personal-data read log."""


append_only(PersonalDataRead, PersonalDataReadsAreAppendOnly, "personal-data read")


# Derived or bookkeeping columns: recomputed by the system, not changes anyone made.
NOT_AUDITED = {"search_text", "version", "updated_at", "due_on", "due_deadline", "overdue", "critical",
               "release_due_on", "escalated", "long_pending", "failed_logins", "locked_until", "created_at",
               "email_key", "session_version", "last_used_at"}
SECRET = {"password_hash", "digest", "secret"}
_audited_classes: set[type] = set()


def audited(cls):
    """Class decorator: changes to this model are written to the audit log."""
    _audited_classes.add(cls)
    return cls


def actor_and_source() -> tuple[int | None, str]:
    """Who is acting: the logged-in user or the API token's user; the user who asked a page for a job that a job worker
    does (an import of a large file: their change, asked for on the web); otherwise a command or a scheduled job."""
    if has_app_context() and g.get("job_user") is not None:
        return g.job_user.id, "web"
    if has_request_context():
        api_user = g.get("api_user")
        if api_user is not None:
            return api_user.id, "api"
        from flask_login import current_user
        if current_user and current_user.is_authenticated:
            return current_user.id, "web"
        return None, "web"
    return None, "cli"


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value.value if hasattr(value, "value") else value)


def _changes(obj, action: str) -> dict:
    state = inspect(obj)
    changes = {}
    for attribute in state.mapper.column_attrs:
        key = attribute.key
        if key in NOT_AUDITED:
            continue
        if action == "insert":
            old, new, changed = None, getattr(obj, key), True
        elif action == "delete":
            old, new, changed = getattr(obj, key), None, True
        else:
            history = state.attrs[key].history
            changed = history.has_changes()
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
        if not changed or (action != "update" and old is None and new is None):
            continue
        if key in SECRET:
            changes[key] = ["***" if old else None, "***" if new else None]
        else:
            changes[key] = [_text(old), _text(new)]
    for relation in state.mapper.relationships:
        if relation.secondary is not None:  # a many-to-many collection, such as a treaty's parties
            _collection_change(state, relation.key, action, changes)
    return changes


def _identity(obj) -> str:
    """A record's primary key as text."""
    return "/".join(str(part) for part in inspect(obj).mapper.primary_key_from_instance(obj) or ())


def _members(objects) -> str | None:
    """The members of a collection, as their sorted primary keys."""
    return ", ".join(sorted(_identity(obj) for obj in objects)) or None


def _collection_change(state, key, action, changes):
    """A many-to-many collection's members before and after, by primary key, when they changed."""
    history = state.attrs[key].history
    if action == "update" and not history.has_changes():
        return
    before = _members([*history.unchanged, *history.deleted])
    after = _members([*history.unchanged, *history.added])
    if action == "insert":
        before = None
    elif action == "delete":
        after = None
    if before != after:
        changes[key] = [before, after]


def record_bulk_inserts(session, entity: str, rows: list[dict]) -> None:
    """Audits rows a bulk statement inserted past the ORM (the import): one entry each, as the hook writes."""
    entries = []
    for row in rows:
        # Most values are text already; _text only for the others (a large import writes one entry per row).
        changes = {key: [None, "***" if key in SECRET else value if type(value) is str else _text(value)]
                   for key, value in row.items() if value is not None and key not in NOT_AUDITED}
        entries.append({"entity": entity, "entity_id": str(row["id"]), "action": "insert", "changes": changes})
    _insert_entries(session, entries)


@event.listens_for(Session, "after_flush")
def _write_audit(session, flush_context):
    """Writes one audit row per audited record the flush inserted, updated or deleted."""
    rows = []
    for action, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if type(obj) not in _audited_classes:
                continue
            if action == "update" and not session.is_modified(obj):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            rows.append({"entity": obj.__tablename__, "entity_id": _identity(obj),
                         "action": action, "changes": changes})
    _insert_entries(session, rows)


def _insert_entries(session, rows):
    """Writes audit rows for the acting user or command, with the time of writing."""
    if not rows:
        return
    from tracker import clock
    actor_id, source = actor_and_source()
    now = clock.now()
    session.connection().execute(sa.insert(AuditEntry.__table__), [
        dict(row, recorded_at=now, actor_id=actor_id, source=source) for row in rows])
