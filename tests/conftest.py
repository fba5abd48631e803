"""Fixtures: one migrated database per run (SQLite, or PostgreSQL from TRACKER_TEST_DATABASE_URL), emptied after each test."""
import contextvars
import os
import re
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import current_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import settings

from tracker import create_app
from tracker.extensions import db
from tracker.services.seed import seed_reference_data
from tracker.web.kept import Kept

POSTGRES_URL = os.environ.get("TRACKER_TEST_DATABASE_URL")

# HYPOTHESIS_PROFILE=ci (.ci/run) runs the property and generated API tests with four times the examples.
settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(count: int) -> int:
    """A property test's number of examples: `count` under the default profile, twice as many under CI's."""
    return count * settings().max_examples // settings.get_profile("default").max_examples


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The app on a database migrated from empty to head, with reference data loaded."""
    instance = tmp_path_factory.mktemp("instance")
    os.environ["TRACKER_INSTANCE_PATH"] = str(instance)
    url = POSTGRES_URL or f"sqlite:///{instance / 'tracker-test.db'}"
    if POSTGRES_URL:
        empty_postgres_schema(POSTGRES_URL)
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test-secret",
                              "WTF_CSRF_ENABLED": False, "SERVER_NAME": None,
                              # The logins of the route walks: thousands; scrypt would take 0.1 s each.
                              "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                              # The test thread reads while a live server thread writes: its own transactions
                              # stay deferred (the concurrency test's processes use the default).
                              "SQLITE_IMMEDIATE_OUTSIDE_REQUESTS": False})
    application.test_client_class = SeparateContextClient
    with application.app_context():
        upgrade(directory=application.extensions["migrate"].directory)
        seed_reference_data()
        db.session.commit()
        SEEDED.update(_rows_of_every_table())
    yield application
    with application.app_context():
        db.engine.dispose()


class SeparateContextClient(FlaskClient):
    """Serves each request in its own app context and database session, as a real server does,
    instead of reusing the test's, which would hide queries and share cached objects."""

    def open(self, *args, **kwargs):
        # Streamed bodies are read inside that context too, as a server would before moving on.
        kwargs.setdefault("buffered", True)
        return contextvars.Context().run(super().open, *args, **kwargs)


def empty_postgres_schema(url: str) -> None:
    """Drops everything in the public schema so the run starts from an empty database."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(autouse=True)
def app_context(request):
    """Each test runs in an app context and leaves an empty register with fresh reference data behind.

    Tests under tests/domain need no app and get none.
    """
    if "domain" in request.node.path.parts:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        yield
        db.session.rollback()
        db.session.remove()
    with app.app_context():
        empty_database()
    # The list counts and the pages a worker keeps describe a register that is gone now (the emptying lifts the
    # triggers that would have given it a new version, and puts the seeded version back).
    app.extensions.pop("list_counts", None)
    app.extensions.pop("kept_pages", None)


# The rows the seeded database holds, by table: what every test starts from.
SEEDED: dict = {}


def _rows_of_every_table() -> dict:
    """Every table's rows, as the columns' values, for the tables that hold any."""
    with db.engine.connect() as connection:
        rows = {table.name: [dict(row._mapping) for row in connection.execute(table.select())]
                for table in db.metadata.sorted_tables}
    return {name: found for name, found in rows.items() if found}


def empty_database() -> None:
    """Deletes every row, then puts the seeded reference data back, in one transaction.

    The seeded rows are inserted again as they were, ids included (one multi-row INSERT per table), rather than
    seeded again through the ORM: that took 0.1 s a test on SQLite and 0.17 s on PostgreSQL, minutes of a run.
    """
    with db.engine.begin() as connection, append_only_lifted(connection):
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
        if connection.dialect.name == "sqlite":
            # The search index's triggers were lifted with the others: it is emptied as the requests were.
            connection.exec_driver_sql("INSERT INTO requests_search (requests_search) VALUES ('delete-all')")
            connection.exec_driver_sql("DELETE FROM requests_search_terms")
        for table in db.metadata.sorted_tables:
            if table.name in SEEDED:
                connection.execute(table.insert(), SEEDED[table.name])


@contextmanager
def append_only_lifted(connection):
    """Lets this transaction delete history and audit rows, which the database's triggers otherwise refuse.

    PostgreSQL: the triggers stay off until the transaction ends (the test user is a superuser). SQLite has
    no such switch: the triggers are dropped and created again from their own text, in the same transaction.
    """
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        yield
        return
    triggers = connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all()
    for name, _ in triggers:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in triggers:
        connection.exec_driver_sql(sql)


@pytest.fixture
def client(app):
    """A browser-like client without a login."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Runs the app's CLI commands."""
    return app.test_cli_runner()


@pytest.fixture
def count_queries():
    """A context manager counting the SQL statements run inside it: `with count_queries() as counted: ...`. With
    `cold=True` what the app keeps between pages (the reference data, and every store of kept HTML) is dropped first, so
    that what is counted is what a first page after a change reads: two counts compared are then taken alike."""
    @contextmanager
    def counting(cold=False):
        if cold:
            for name, value in list(current_app.extensions.items()):
                if name == "reference_cache" or isinstance(value, Kept):
                    del current_app.extensions[name]
        statements = []

        def record(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
    return counting


class AuthActions:
    """Logs a test client in and out as a given user."""

    def __init__(self, client):
        self._client = client

    def login(self, user, password="correct horse battery"):
        """Logs in through the login form and checks it worked."""
        email = user.email
        # Reading the e-mail opened a transaction in the test's session. A logout writes (it ends the account's
        # sessions), and on SQLite a transaction that read before another connection wrote cannot write any more:
        # the test's next write would find the database locked. End it before the requests.
        db.session.commit()
        response = self._client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    def logout(self):
        """Logs out through the logout form (ending the test's transaction first, see login)."""
        db.session.commit()
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    """Login helper bound to `client`."""
    return AuthActions(client)


def served_afresh(app, client, path: str, store: str):
    """The page at `path` written afresh: what the app keeps in its store `store`, and the whole pages it keeps, are
    set aside for it, then put back for the pages that follow."""
    kept = {name: app.extensions.pop(name, None) for name in (store, "kept_pages")}
    try:
        return client.get(path)
    finally:
        app.extensions.update((name, value) for name, value in kept.items() if value is not None)


def csrf_token_from(html: str) -> str:
    """The CSRF token embedded in a rendered page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


@pytest.fixture
def smtp_server(app, monkeypatch):
    """aiosmtpd listening on 127.0.0.1, with the app's mail settings pointing at it."""
    from tests.smtp import SmtpServer

    server = SmtpServer()
    server.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 5)
    yield server
    server.stop()


@pytest.fixture
def supervisor():
    """A supervisor of the default unit, who may import registers."""
    from tests.factories import make_user
    from tracker.domain.people import Role
    return make_user(Role.SUPERVISOR, email="chief@prokuror.example")


@pytest.fixture
def prosecutor():
    """A prosecutor of the default unit, owner of imported rows."""
    from tests.factories import make_user
    from tracker.domain.people import Role
    return make_user(Role.PROSECUTOR, email="p1@prokuror.example")
