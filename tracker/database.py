"""Engine settings that make SQLite behave like the production database."""
from flask import Flask
from sqlalchemy import event

from tracker.extensions import db


def configure_engine(app: Flask) -> None:
    """On SQLite: enforce foreign keys, wait for locks, write-ahead log, and real SAVEPOINTs."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)


def _on_sqlite_connect(dbapi_connection, _record):
    """Lets SQLAlchemy, not the driver, start transactions, and sets the per-connection pragmas."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _on_sqlite_begin(connection):
    """Starts each transaction explicitly so SAVEPOINT and rollback work as documented."""
    connection.exec_driver_sql("BEGIN")
