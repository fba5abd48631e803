"""One active scheduler, however many hosts start one.

`flask --app tracker scheduler` may run on every app host: each takes the scheduler lock before it schedules
anything, and the others stand by, trying again every SCHEDULER_STANDBY_SECONDS. On PostgreSQL the lock is a
session advisory lock held by a connection of the scheduler's own; on SQLite, a lock on a file beside the database.
Either is let go by the operating system or the database server when the process dies, however it dies, so a
standby takes over within its next try. The active scheduler checks every SCHEDULER_BEAT_SECONDS that it still holds
the lock (a PostgreSQL connection can be cut) and writes its beat for /readyz; one that lost the lock stops.
"""
import fcntl
import os
import socket
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.pool import NullPool

from tracker.extensions import db
from tracker.models import SchedulerBeat

# The advisory lock's two keys: "MLAT" and "SCHD" as numbers, a pair no other program on the server is likely to use.
LOCK_KEYS = (0x4D4C4154, 0x53434844)


def holder_name() -> str:
    """This process as the beat names it: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


class PostgresLock:
    """A session advisory lock, on a connection opened for it and kept for as long as the scheduler is active."""

    def __init__(self, url: sa.engine.URL):
        self.engine = sa.create_engine(url, poolclass=NullPool)
        self.connection = None

    def take(self) -> bool:
        """Takes the lock if nobody holds it; False, without waiting, if another scheduler does."""
        try:
            if self.connection is None:
                self.connection = self.engine.connect()
            taken = self.connection.execute(sa.text("SELECT pg_try_advisory_lock(:a, :b)"),
                                            {"a": LOCK_KEYS[0], "b": LOCK_KEYS[1]}).scalar()
            self.connection.commit()  # a session lock outlives the transaction
        except sa.exc.DBAPIError:
            self._drop()
            return False
        return bool(taken)

    def held(self) -> bool:
        """Whether this process still holds the lock (False once its connection is gone)."""
        if self.connection is None:
            return False
        try:
            found = self.connection.execute(
                sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        " AND pid = pg_backend_pid() AND classid = :a AND objid = :b"),
                {"a": LOCK_KEYS[0], "b": LOCK_KEYS[1]}).scalar()
            self.connection.commit()
        except sa.exc.DBAPIError:
            self._drop()
            return False
        return found == 1

    def release(self) -> None:
        self._drop()
        self.engine.dispose()

    def _drop(self) -> None:
        """Closes the lock's connection, which lets the lock go on the server."""
        if self.connection is not None:
            try:
                self.connection.close()
            except sa.exc.DBAPIError:
                pass
            self.connection = None


class FileLock:
    """An exclusive lock on a file beside the SQLite database, held while the file stays open."""

    def __init__(self, path: Path):
        self.path = path
        self.file = None

    def take(self) -> bool:
        if self.file is not None:
            return True
        handle = open(self.path, "a+")  # noqa: SIM115 - kept open for as long as the lock is held
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(holder_name() + "\n")
        handle.flush()
        self.file = handle
        return True

    def held(self) -> bool:
        return self.file is not None

    def release(self) -> None:
        if self.file is not None:
            self.file.close()  # closing lets the lock go
            self.file = None


def scheduler_lock(app: Flask) -> PostgresLock | FileLock:
    """The scheduler lock of the app's database."""
    url = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "postgresql":
        return PostgresLock(url)
    database = url.database if url.database and url.database != ":memory:" else None
    place = Path(database).resolve().parent if database else Path(app.instance_path)
    name = f"{Path(database).name}.scheduler-lock" if database else "scheduler-lock"
    return FileLock(place / name)


def beat(now: datetime, *, active_since: datetime) -> None:
    """Writes the active scheduler's beat, in a transaction of its own."""
    found = db.session.get(SchedulerBeat, 1)
    if found is None:
        db.session.add(SchedulerBeat(id=1, holder=holder_name(), active_since=active_since, beat_at=now))
    else:
        found.holder, found.active_since, found.beat_at = holder_name(), active_since, now
    db.session.commit()


def last_beat() -> SchedulerBeat | None:
    """The active scheduler's last beat, if a scheduler has ever run."""
    return db.session.get(SchedulerBeat, 1)
