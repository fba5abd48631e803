"""Each user's private calendar feed: its secret address turned on, renewed and turned off, and the due dates it lists."""
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from tracker.domain.access import Access
from tracker.domain.people import Role
from tracker.domain.tokens import aware
from tracker.extensions import db
from tracker.models import User
from tracker.models.attachments import CalendarFeed
from tracker.services.access import access_of
from tracker.services.deadline_register import (
    DeadlineFilters,
    OpenDeadline,
    open_deadlines,
)
from tracker.services.users import token_digest

# A calendar fetches its feed every few minutes to every few hours: the last fetch is written at most this often,
# so that polling does not become a write per fetch.
USE_RECORDED_EVERY = timedelta(hours=1)
# Longer than any secret this module makes (43 characters): anything longer is not looked up at all.
SECRET_LENGTH_LIMIT = 100


@dataclass(frozen=True)
class NewFeed:
    """A feed just turned on: its record, and its secret, shown to its user this once and kept nowhere."""

    record: CalendarFeed
    secret: str


def live_feed_of(user: User) -> CalendarFeed | None:
    """The user's feed that still answers, or None when it is off."""
    return db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                                           CalendarFeed.revoked_at.is_(None))
                             .order_by(CalendarFeed.id.desc()).limit(1))


def turn_on(user: User, *, now: datetime) -> NewFeed:
    """A new secret address for the user's feed. Any earlier address stops answering: one live feed per user, so
    that "new address" is how a leaked one is replaced."""
    turn_off(user, now=now)
    secret = secrets.token_urlsafe(32)
    record = CalendarFeed(user_id=user.id, digest=token_digest(secret), created_at=now)
    db.session.add(record)
    db.session.flush()
    return NewFeed(record, secret)


def turn_off(user: User, *, now: datetime) -> bool:
    """Revokes every live feed of the user; whether there was one. Through the records, so the audit log has it."""
    live = list(db.session.scalars(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                                                 CalendarFeed.revoked_at.is_(None))))
    for feed in live:
        feed.revoked_at = now
    db.session.flush()
    return bool(live)


def feed_by_secret(secret: str) -> CalendarFeed | None:
    """The live feed whose secret this is, of a user whose account is active; None for anything else. Looked up by
    the secret's digest, so the stored value never meets the one offered in a comparison an attacker could time."""
    if not secret or len(secret) > SECRET_LENGTH_LIMIT:
        return None
    found = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.digest == token_digest(secret)))
    if found is None or found.revoked_at is not None or not found.user.active:
        return None
    return found


def note_feed_use(feed: CalendarFeed, now: datetime) -> None:
    """Records when the feed was last fetched, to the nearest hour: one small write, only when that much has passed."""
    if feed.last_used_at is not None and now - aware(feed.last_used_at) < USE_RECORDED_EVERY:
        return
    db.session.execute(sa.update(CalendarFeed).where(CalendarFeed.id == feed.id).values(last_used_at=now))
    db.session.flush()


def feed_access(user: User) -> Access:
    """Whose requests the feed lists: a prosecutor's own (their calendar is their work, not their colleagues');
    a supervisor's units'; the central authority and the administrator everything they see. The feed names no
    person sought, so the administrator's masking has nothing to hide in it."""
    access = access_of(user)
    if user.role == Role.PROSECUTOR:
        # No units: the need-to-know condition then keeps exactly the requests the user owns.
        return replace(access, units=frozenset())
    return access


def feed_events(user: User, today: date) -> list[OpenDeadline]:
    """Every open deadline of the requests the feed lists, by last day, as the register of deadlines and the
    request pages compute them; overdue ones stay in until they are met."""
    filters = DeadlineFilters(access=feed_access(user))
    found, _total = open_deadlines(filters, today, offset=0, limit=_EVERY)
    return found


# open_deadlines pages its answer; the feed wants all of it.
_EVERY = 10 ** 9
