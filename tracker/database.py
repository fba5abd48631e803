"""Engine settings: SQLite made to behave like the production database; PostgreSQL without JIT compilation."""
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, has_request_context, request
from sqlalchemy import event

from tracker.extensions import db


def configure_engine(app: Flask) -> None:
    """On SQLite: enforce foreign keys, wait for locks, write-ahead log, and real SAVEPOINTs. On PostgreSQL:
    no JIT compilation."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        with app.app_context():
            event.listen(db.engine, "connect", _on_postgresql_connect)
        return
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    immediate_outside_requests = app.config.get("SQLITE_IMMEDIATE_OUTSIDE_REQUESTS", True)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", lambda connection: _on_sqlite_begin(connection, immediate_outside_requests))


def _on_postgresql_connect(dbapi_connection, _record):
    """Turns JIT compilation off for the session.

    The reports' per-request history lookups make PostgreSQL's cost estimates large enough to compile
    them; at a million requests compiling took 354 ms of a statistics query that runs in 408 ms without
    it. Set outside a transaction, so the pool's rollback does not undo it.
    """
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.autocommit = autocommit


def _on_sqlite_connect(dbapi_connection, _record):
    """Lets SQLAlchemy, not the driver, start transactions, and sets the per-connection pragmas."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _on_sqlite_begin(connection, immediate_outside_requests: bool):
    """Starts each transaction explicitly so SAVEPOINT and rollback work as documented.

    A transaction that may write takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to
    the busy timeout for it. A deferred one that reads first and writes later fails at once with
    "database is locked" if another process wrote meanwhile, as WAL cannot upgrade a stale snapshot.
    Page views (GET) only read, so they stay deferred and run alongside the writers.
    """
    chosen = _reading.get()
    if chosen is not None:
        immediate = not chosen
    elif has_request_context():
        immediate = request.method not in ("GET", "HEAD", "OPTIONS")
    else:  # commands, the scheduler's jobs
        immediate = immediate_outside_requests
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# Set while a job reads and does not write (an export): its transactions start deferred on SQLite, so that a read of
# many seconds does not hold the write lock from the pages and the job's own reports of progress. Set False where a
# transaction reads, then writes (even in a page view): it takes the write lock when it begins.
_reading = ContextVar("reading_only", default=None)


@contextmanager
def reading_only(reading: bool = True):
    """Transactions begun inside start as reads (deferred) on SQLite; `reading_only(False)`: as writes (immediate),
    for one that reads and then writes, which SQLite would otherwise refuse at once if another connection wrote
    between the two. PostgreSQL is not affected."""
    token = _reading.set(reading)
    try:
        yield
    finally:
        _reading.reset(token)


def described_by_models(name, type_, parent_names) -> bool:
    """Whether autogenerate compares this table or index with the models: not the search index, which they do not
    describe (a pg_trgm GIN index on PostgreSQL; an FTS5 table and its shadow tables on SQLite: migration
    8d3f1a6c2e57; with the view of its terms and their counts: migration 6f1d2b8a4c37)."""
    if type_ == "table" and name and name.startswith("requests_search"):
        return False
    return not (type_ == "index" and name == "ix_requests_search_text_trgm")
