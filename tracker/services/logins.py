"""Logging in with throttling: per account (stored on the user) and per network address (its own table).

Both live in the database so every web worker sees the same counts; counters move with single UPDATE
statements so concurrent attempts are not lost.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db
from tracker.models import LoginThrottle, User
from tracker.services.users import find_user

ACCOUNT_LIMIT = 5
ACCOUNT_LOCK = timedelta(minutes=15)
ADDRESS_LIMIT = 20
ADDRESS_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class LoginOutcome:
    """The user when the password was right; otherwise how long logins stay refused, if they do."""

    user: User | None = None
    retry_after: timedelta | None = None


def attempt_login(email: str, password: str, address: str, now: datetime) -> LoginOutcome:
    """Checks the password unless the account or the address is locked out; counts failures."""
    blocked = db.session.scalar(sa.select(LoginThrottle.blocked_until).where(LoginThrottle.address == address))
    if blocked is not None and _aware(blocked) > now:
        return LoginOutcome(retry_after=_aware(blocked) - now)
    user = find_user(email)
    if user is not None and user.locked_until is not None and _aware(user.locked_until) > now:
        return LoginOutcome(retry_after=_aware(user.locked_until) - now)
    if user is not None and user.active and user.check_password(password):
        if user.failed_logins or user.locked_until:
            db.session.execute(sa.update(User).where(User.id == user.id).values(failed_logins=0, locked_until=None))
        return LoginOutcome(user=user)
    if user is not None:
        failures = db.session.scalar(sa.update(User).where(User.id == user.id)
                                     .values(failed_logins=User.failed_logins + 1).returning(User.failed_logins))
        if failures >= ACCOUNT_LIMIT:
            db.session.execute(sa.update(User).where(User.id == user.id)
                               .values(failed_logins=0, locked_until=now + ACCOUNT_LOCK))
    _count_address_failure(address, now)
    return LoginOutcome()


def _count_address_failure(address: str, now: datetime) -> None:
    """Adds a failure to the address's window (a new window when the last one ended); blocks at the limit."""
    throttle = LoginThrottle.__table__
    window_over = throttle.c.window_start <= now - ADDRESS_WINDOW
    failures = db.session.scalar(
        sa.update(throttle).where(throttle.c.address == address)
        .values(failures=sa.case((window_over, 1), else_=throttle.c.failures + 1),
                window_start=sa.case((window_over, now), else_=throttle.c.window_start))
        .returning(throttle.c.failures))
    if failures is None:
        try:
            with db.session.begin_nested():
                db.session.execute(sa.insert(throttle).values(address=address, window_start=now, failures=1))
            failures = 1
        except IntegrityError:  # another worker created the row meanwhile
            return _count_address_failure(address, now)
    if failures >= ADDRESS_LIMIT:
        db.session.execute(sa.update(throttle).where(throttle.c.address == address)
                           .values(blocked_until=now + ADDRESS_WINDOW))


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for UTC values; PostgreSQL returns aware ones."""
    from datetime import timezone
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
