"""What the JSON API keeps besides the register: the users' tokens, the answers to idempotent calls, and the
webhooks other systems registered with the deliveries made to them."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models._types import UtcDateTime, enum_type
from tracker.models.audit import audited
from tracker.models.people import User


class TokenScope(StrEnum):
    """What a token may do: read only (GET), or read and write."""

    READ = "read"
    WRITE = "write"


@audited
class ApiToken(db.Model):
    """One named API token of a user. Only the SHA-256 digest of the token is kept; the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scope: Mapped[TokenScope] = mapped_column(enum_type(TokenScope, "token_scope"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.name}>"


class IdempotentCall(db.Model):
    """The first answer to a POST that carried an Idempotency-Key: a retry with the same key gets it again."""

    __tablename__ = "idempotent_calls"
    __table_args__ = (sa.UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(200))
    # The operation and the SHA-256 of the body: the same key with another call is refused, not answered.
    operation: Mapped[str] = mapped_column(sa.String(300))
    body_digest: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[int]
    body: Mapped[str] = mapped_column(sa.Text)
    location: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


@audited
class Webhook(db.Model):
    """An HTTPS endpoint of another system, told of the events it chose; each delivery is signed with its secret."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.String(500))
    # Event names separated by spaces (tracker.services.webhooks.EVENTS).
    events: Mapped[str] = mapped_column(sa.String(200))
    secret: Mapped[str] = mapped_column(sa.String(100))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    deliveries: Mapped[list["WebhookDelivery"]] = relationship(back_populates="webhook", passive_deletes=True,
                                                               order_by="WebhookDelivery.id.desc()")

    def __repr__(self) -> str:
        return f"<Webhook {self.id} {self.url}>"


class WebhookDelivery(db.Model):
    """One event to deliver to one webhook: made when the event happens, sent (and retried) by the scheduler."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(sa.ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(sa.String(40))
    payload: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # When the next attempt is due; null once delivered or given up.
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    given_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_status: Mapped[int | None]
    last_error: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")

    webhook: Mapped[Webhook] = relationship(back_populates="deliveries")
