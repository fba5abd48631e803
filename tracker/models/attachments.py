"""The documents of a request kept beside the register, and each user's private calendar feed of due dates."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.attachments import AttachmentKind
from tracker.extensions import db
from tracker.models._types import UtcDateTime, enum_type
from tracker.models.audit import audited
from tracker.models.people import User
from tracker.models.requests import Request, RequestEvent


@audited
class Attachment(db.Model):
    """One stored document of a request, or of one entry of its history. The content lives outside the database,
    named by its SHA-256 (tracker/services/attachment_store.py); the row says what it is and who brought it."""

    __tablename__ = "attachments"
    __table_args__ = (sa.CheckConstraint("size >= 0", name="size_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("requests.id"), index=True)
    # The history entry the document belongs to (a reply, the reminder letter as sent), if any.
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("request_events.id"), index=True)
    kind: Mapped[AttachmentKind] = mapped_column(enum_type(AttachmentKind, "attachment_kind"))
    # The document's language as an ISO 639-1 code ("kk", "ru", "en", "zh" ...); empty when not said.
    language: Mapped[str] = mapped_column(sa.String(8), default="", server_default="")
    document_date: Mapped[date | None]
    note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # The name shown and offered on download: the uploaded name cleaned of paths and control characters.
    filename: Mapped[str] = mapped_column(sa.String(255))
    # The type read from the content, never the one the browser claimed.
    media_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Removal is a history entry by a supervisor; the file stays on disk until an administrator purges it.
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    removed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    removal_event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("request_events.id"))
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    request: Mapped[Request] = relationship()
    event: Mapped[RequestEvent | None] = relationship(foreign_keys=[event_id])
    uploaded_by: Mapped[User] = relationship(foreign_keys=[uploaded_by_id])
    removed_by: Mapped[User | None] = relationship(foreign_keys=[removed_by_id])

    def __repr__(self) -> str:
        return f"<Attachment {self.id} {self.filename}>"


@audited
class CalendarFeed(db.Model):
    """A user's private iCal address of due dates. Only the SHA-256 digest of its secret is kept; a revoked feed
    answers 404, and turning the feed on again makes a new secret."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<CalendarFeed {self.id} of user {self.user_id}>"
