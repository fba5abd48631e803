"""A request's documents: kept with what they are, listed, withdrawn by a supervisor as a history entry, purged by
an administrator after the retention period, and checked against their checksums."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pycountry
import sqlalchemy as sa

from tracker.clock import local_date
from tracker.domain import limits
from tracker.domain.attachments import (
    AttachmentKind,
    RefusedFile,
    clean_filename,
    media_type_of,
)
from tracker.domain.date_range import in_date_range
from tracker.domain.history import EventType
from tracker.domain.people import Role, can_edit_request
from tracker.extensions import db
from tracker.models import Attachment, Request, RequestEvent
from tracker.services.attachment_store import (
    AttachmentStore,
    StoreProblem,
    current_store,
)
from tracker.services.errors import FieldErrors, NotPermitted

# Who withdraws a document: a supervisor or the central authority, never the prosecutor who may have uploaded it.
REMOVERS = (Role.SUPERVISOR, Role.CENTRAL)


@dataclass(frozen=True)
class NewDocument:
    """One uploaded file with what the user said of it."""

    filename: str
    content: bytes


def check_language(code: str) -> str:
    """An ISO 639-1 language code as kept ("" when not said), or FieldErrors."""
    code = (code or "").strip().lower()
    if code and (len(code) != 2 or pycountry.languages.get(alpha_2=code) is None):
        raise FieldErrors({"language": "unknown_language"})
    return code


def add_attachment(actor, item: Request, *, filename: str, content: bytes, kind: AttachmentKind | str,
                   language: str = "", document_date: date | None = None, note: str = "",
                   event: RequestEvent | None = None, now: datetime, max_bytes: int | None = None,
                   store: AttachmentStore | None = None) -> Attachment:
    """Keeps one document of `item` (of its history entry `event`, if given) after checking who brings it and what
    it is; FieldErrors names the field at fault and nothing is kept."""
    return add_attachments(actor, item, [NewDocument(filename, content)], kind=kind, language=language,
                           document_date=document_date, note=note, event=event, now=now, max_bytes=max_bytes,
                           store=store)[0]


def add_attachments(actor, item: Request, files: list[NewDocument], *, kind: AttachmentKind | str,
                    language: str = "", document_date: date | None = None, note: str = "",
                    event: RequestEvent | None = None, now: datetime, max_bytes: int | None = None,
                    store: AttachmentStore | None = None) -> list[Attachment]:
    """Keeps several documents with the same description, all or none: every file is checked before any is kept."""
    if not can_edit_request(actor.role, actor.id, item.owner_id):
        raise NotPermitted()
    kind, language, note = _described(kind, language, document_date, note, now)
    if event is not None and event.request_id != item.id:
        raise FieldErrors({"event": "unknown_event"})
    if not files:
        raise FieldErrors({"file": "file_missing"})
    from flask import current_app

    max_bytes = max_bytes or current_app.config["ATTACHMENT_MAX_BYTES"]
    checked = []
    for file in files:
        if len(file.content) > max_bytes:
            raise FieldErrors({"file": "file_too_large"})
        try:
            media_type = media_type_of(file.content)
        except RefusedFile as refused:
            raise FieldErrors({"file": refused.code}) from None
        checked.append((file, media_type))
    store = store or current_store()
    kept = []
    for file, media_type in checked:
        digest = store.put(file.content)
        attachment = Attachment(request_id=item.id, event_id=event.id if event is not None else None, kind=kind,
                                language=language, document_date=document_date, note=note,
                                filename=clean_filename(file.filename, media_type), media_type=media_type,
                                size=len(file.content), sha256=digest, uploaded_by_id=actor.id, uploaded_at=now)
        db.session.add(attachment)
        kept.append(attachment)
    db.session.flush()
    return kept


def _described(kind, language, document_date, note, now):
    """The description of new documents checked: a known kind and language, a date not in the future, a note of
    reasonable length."""
    try:
        kind = AttachmentKind(kind)
    except ValueError:
        raise FieldErrors({"kind": "unknown_kind"}) from None
    language = check_language(language)
    if document_date is not None and not in_date_range(document_date):
        raise FieldErrors({"document_date": "date_out_of_range"})
    if document_date is not None and document_date > local_date(now):
        raise FieldErrors({"document_date": "future_date"})
    note = (note or "").strip()
    if len(note) > limits.NOTE:
        raise FieldErrors({"note": "too_long"})
    return kind, language, note


def attachments_of(item: Request) -> list[Attachment]:
    """The request's documents, withdrawn ones included (the page shows them struck through), oldest first."""
    return list(db.session.scalars(sa.select(Attachment).where(Attachment.request_id == item.id)
                                   .order_by(Attachment.uploaded_at, Attachment.id)))


def attachment_counts(request_ids: list[int]) -> dict[int, int]:
    """How many documents (not withdrawn) each of these requests has, for lists and exports."""
    if not request_ids:
        return {}
    rows = db.session.execute(sa.select(Attachment.request_id, sa.func.count()).where(
        Attachment.request_id.in_(request_ids), Attachment.removed_at.is_(None)).group_by(Attachment.request_id))
    return dict(rows.all())


def remove_attachment(actor, attachment: Attachment, *, reason: str, now: datetime) -> RequestEvent:
    """Withdraws a document from the request as an entry of its history; the file stays until it is purged."""
    if actor.role not in REMOVERS:
        raise NotPermitted()
    if attachment.removed_at is not None:
        raise FieldErrors({"attachment": "already_removed"})
    reason = (reason or "").strip()
    if not reason:
        raise FieldErrors({"reason": "reason_required"})
    if len(reason) > limits.NOTE:
        raise FieldErrors({"reason": "too_long"})
    entry = RequestEvent(request_id=attachment.request_id, event=EventType.ATTACHMENT_REMOVED, recorded_at=now,
                         author_id=actor.id, effective_on=local_date(now), note=reason,
                         changes={"attachment": [attachment.filename, ""]})
    db.session.add(entry)
    db.session.flush()
    attachment.removed_at, attachment.removed_by_id, attachment.removal_event_id = now, actor.id, entry.id
    db.session.flush()
    return entry


def purge_removed(*, now: datetime, retention_days: int, store: AttachmentStore | None = None) -> list[Attachment]:
    """Deletes for good the files of documents withdrawn more than `retention_days` ago; a file another kept
    document shares stays. The rows stay, marked purged, so the history still names what was there."""
    store = store or current_store()
    cutoff = now - timedelta(days=retention_days)
    due = list(db.session.scalars(sa.select(Attachment).where(
        Attachment.removed_at.is_not(None), Attachment.removed_at <= cutoff, Attachment.purged_at.is_(None))))
    for attachment in due:
        attachment.purged_at = now
    db.session.flush()
    for digest in {attachment.sha256 for attachment in due}:
        still_kept = db.session.scalar(sa.select(sa.func.count()).where(
            Attachment.sha256 == digest, Attachment.purged_at.is_(None)))
        if not still_kept:
            store.remove(digest)
    return due


def check_store(store: AttachmentStore | None = None) -> list[tuple[Attachment, StoreProblem]]:
    """Every document the register holds a file for, checked against its SHA-256: those missing or changed."""
    store = store or current_store()
    problems, seen = [], {}
    for attachment in db.session.scalars(sa.select(Attachment).where(Attachment.purged_at.is_(None))
                                         .order_by(Attachment.id)):
        if attachment.sha256 not in seen:
            seen[attachment.sha256] = store.check(attachment.sha256)
        if seen[attachment.sha256] is not None:
            problems.append((attachment, seen[attachment.sha256]))
    return problems
