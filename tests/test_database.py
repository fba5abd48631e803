"""Each database connection starts with the session settings the app relies on."""
import pytest
import sqlalchemy as sa

from tracker.extensions import db


def settings(*names) -> list[str]:
    """The values of SQLite pragmas or PostgreSQL settings on a fresh connection of the app's pool."""
    db.engine.dispose()  # a new connection, so what is checked is what connecting sets
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            return [str(connection.exec_driver_sql(f"PRAGMA {name}").scalar()) for name in names]
        return [connection.exec_driver_sql(f"SHOW {name}").scalar() for name in names]


def test_every_connection_starts_with_the_settings_the_app_relies_on():
    if db.engine.dialect.name == "sqlite":
        assert settings("foreign_keys", "journal_mode", "busy_timeout") == ["1", "wal", "10000"]
    else:
        assert settings("jit") == ["off"]


def test_a_rolled_back_transaction_keeps_postgresqls_settings():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with db.engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
        connection.rollback()
        assert connection.exec_driver_sql("SHOW jit").scalar() == "off"
