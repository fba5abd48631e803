"""The answers kept for API calls that carried an Idempotency-Key, so that a client retrying after a lost answer gets
the first answer again instead of a second registration."""
import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db
from tracker.models import IdempotentCall

# How long a key is remembered: long enough for any client's retries, short enough to keep the table small.
KEPT_FOR = timedelta(hours=24)


def body_digest(body: bytes) -> str:
    """The SHA-256 of a call's body, which a retry must repeat exactly."""
    return hashlib.sha256(body).hexdigest()


def remembered(user_id: int, key: str, now: datetime) -> IdempotentCall | None:
    """The answer kept for this user's key, if it was given within KEPT_FOR."""
    return db.session.scalar(sa.select(IdempotentCall).where(
        IdempotentCall.user_id == user_id, IdempotentCall.key == key, IdempotentCall.created_at > now - KEPT_FOR))


def remember(user_id: int, key: str, operation: str, digest: str, status: int, body: str, location: str | None,
             now: datetime) -> bool:
    """Keeps an answer under the user's key, forgetting keys older than KEPT_FOR; False when a concurrent call with
    the same key kept its answer first. Runs in a savepoint, so a clash leaves the caller's transaction usable."""
    db.session.execute(sa.delete(IdempotentCall).where(IdempotentCall.created_at <= now - KEPT_FOR))
    try:
        with db.session.begin_nested():
            db.session.add(IdempotentCall(user_id=user_id, key=key, operation=operation, body_digest=digest,
                                          status=status, body=body, location=location, created_at=now))
    except IntegrityError:
        return False
    return True
