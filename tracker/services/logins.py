"""Logging in with throttling per e-mail typed (an account's or not) and per network address, both kept in the
database so every web worker sees the same counts.

Each count is written in a short transaction of its own and committed at once: a page that fails afterwards cannot
undo it. Counters move with single UPDATE statements so concurrent attempts are not lost. An unknown e-mail is
counted, locked and answered like an account, and its password is checked against a stand-in hash, so neither the
answer nor the time it takes tells whether the account exists.
"""
import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.domain.network import throttle_address
from tracker.extensions import db
from tracker.models import AccountThrottle, LoginThrottle, User
from tracker.services.users import login_email

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
    """Checks the password unless the e-mail or the address is locked out; counts failures.

    Reads and counts in transactions of its own (see above), so the caller must hold no transaction on db.session
    that writes (on SQLite none at all: it has one writer). A user whose password was right is loaded into
    db.session.
    """
    typed = login_email(email)
    digest, source = email_digest(typed), throttle_address(address)
    with db.engine.begin() as connection:
        blocked = connection.scalar(sa.select(LoginThrottle.blocked_until).where(LoginThrottle.address == source))
        counted = connection.execute(sa.select(AccountThrottle.locked_until)
                                     .where(AccountThrottle.email_digest == digest)).first()
        account = connection.execute(sa.select(User.id, User.password_hash, User.active)
                                     .where(User.email == typed)).first()
    for until in (blocked, counted.locked_until if counted else None):
        if until is not None and _aware(until) > now:
            return LoginOutcome(retry_after=_aware(until) - now)
    right = check_password_hash(account.password_hash if account else _stand_in_hash(), password)
    if account is not None and account.active and right:
        if counted is not None:
            with db.engine.begin() as connection:
                connection.execute(sa.delete(AccountThrottle).where(AccountThrottle.email_digest == digest))
        return LoginOutcome(user=db.session.get(User, account.id))
    with db.engine.begin() as connection:
        _count_account_failure(connection, digest, now)
    with db.engine.begin() as connection:
        _count_address_failure(connection, source, now)
    return LoginOutcome()


def email_digest(typed: str) -> str:
    """The key of an e-mail's failure count: the SHA-256 of the address as a login looks it up."""
    return hashlib.sha256(typed.encode()).hexdigest()


def _stand_in_hash() -> str:
    """A hash made like the accounts' own, of a password nobody knows; checked when no account has the e-mail."""
    return _stand_in_hash_by(current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


@functools.cache
def _stand_in_hash_by(method: str) -> str:
    """The stand-in hash made by `method`, once per process."""
    return generate_password_hash(secrets.token_urlsafe(24), method=method)


def _count_account_failure(connection, digest: str, now: datetime) -> None:
    """Adds a failure to the e-mail's count; at the limit locks it and starts counting again."""
    table = AccountThrottle.__table__
    failures = connection.scalar(sa.update(table).where(table.c.email_digest == digest)
                                 .values(failures=table.c.failures + 1).returning(table.c.failures))
    if failures is None:
        try:
            with connection.begin_nested():
                connection.execute(sa.insert(table).values(email_digest=digest, failures=1))
            failures = 1
        except IntegrityError:  # another worker created the row meanwhile
            return _count_account_failure(connection, digest, now)
    if failures >= ACCOUNT_LIMIT:
        connection.execute(sa.update(table).where(table.c.email_digest == digest)
                           .values(failures=0, locked_until=now + ACCOUNT_LOCK))


def _count_address_failure(connection, address: str, now: datetime) -> None:
    """Adds a failure to the address's window (a new window when the last one ended); blocks at the limit."""
    throttle = LoginThrottle.__table__
    window_over = throttle.c.window_start <= now - ADDRESS_WINDOW
    failures = connection.scalar(
        sa.update(throttle).where(throttle.c.address == address)
        .values(failures=sa.case((window_over, 1), else_=throttle.c.failures + 1),
                window_start=sa.case((window_over, now), else_=throttle.c.window_start))
        .returning(throttle.c.failures))
    if failures is None:
        try:
            with connection.begin_nested():
                connection.execute(sa.insert(throttle).values(address=address, window_start=now, failures=1))
            failures = 1
        except IntegrityError:  # another worker created the row meanwhile
            return _count_address_failure(connection, address, now)
    if failures >= ADDRESS_LIMIT:
        connection.execute(sa.update(throttle).where(throttle.c.address == address)
                           .values(blocked_until=now + ADDRESS_WINDOW))


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for UTC values; PostgreSQL returns aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
