"""The PostgreSQL server the suite may use on 127.0.0.1:5432, and databases a test makes on it for itself."""
import contextlib
import os
import uuid

import pytest
import sqlalchemy as sa

SERVER = os.environ.get("TRACKER_TEST_SERVER_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def server_answers() -> bool:
    engine = sa.create_engine(SERVER)
    try:
        with engine.connect():
            return True
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()


needs_postgres = pytest.mark.skipif(not server_answers(), reason="no PostgreSQL server on 127.0.0.1:5432")


@contextlib.contextmanager
def own_database():
    """The URL of a database made for the caller on the server, dropped after it."""
    name = f"tracker_own_{uuid.uuid4().hex[:10]}"
    server = sa.create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(SERVER).set(database=name)
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.dispose()
