"""A logged-in user gets the calm 503 page, in their language, when the database goes away, never a bare 500."""
import shutil
import sqlite3

import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from tests.factories import PASSWORD, make_user
from tracker.domain.people import Language, Role
from tracker.extensions import db

KK_UNAVAILABLE = "Дерекқор қазір қолжетімсіз; ештеңе сақталмады."
EN_UNAVAILABLE = "The database cannot be reached right now; nothing was saved."


def test_a_logged_in_user_gets_the_outage_page_when_the_database_is_unreachable(app, tmp_path):
    """The database file's folder goes away (a network share down) while a user is logged in."""
    from tracker import create_app

    if db.engine.url.get_backend_name() != "sqlite":
        pytest.skip("simulated with an SQLite file; PostgreSQL outages take the same handler")
    user = make_user(Role.PROSECUTOR, language=Language.KK)
    email, user_id = user.email, user.id
    source = db.engine.url.database
    db.session.close()
    place = tmp_path / "share" / "tracker.db"
    place.parent.mkdir()
    with sqlite3.connect(source) as original, sqlite3.connect(place) as copy:
        original.backup(copy)
    outage = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{place}", "SECRET_KEY": "test-secret",
                         "WTF_CSRF_ENABLED": False})
    client = outage.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    with outage.app_context():
        db.engine.dispose()  # no connection left open to the file
    shutil.rmtree(place.parent)
    try:
        # An address of no page too: its page names the logged-in user, whom the database would give.
        for path in ("/requests", "/my-work", f"/admin/users/{user_id}", "/no-such-page"):
            page = client.get(path, headers={"Accept-Language": "en"})
            assert page.status_code == 503, (path, page.get_data(as_text=True)[:300])
            assert page.headers["Retry-After"] == "30"
            # Who the user is could not be read: the page speaks the browser's language.
            assert EN_UNAVAILABLE in page.get_data(as_text=True)
    finally:
        with outage.app_context():
            db.engine.dispose()


def test_the_outage_page_speaks_the_users_language_and_asks_the_database_nothing_more(client, auth):
    """The user was read, then the database failed: the page renders without one more statement."""
    user = make_user(Role.SUPERVISOR, language=Language.KK)
    auth.login(user)
    statements = []

    def fail_after_the_user(conn, cursor, statement, parameters, context, executemany):
        if not statements and (statement.startswith("BEGIN") or "FROM users" in statement):
            return
        statements.append(statement)  # the database is gone from the first statement past the user on
        raise sa_exc.OperationalError(statement, parameters, ConnectionError("server closed the connection"))

    sa.event.listen(db.engine, "before_cursor_execute", fail_after_the_user)
    try:
        # A request's page reads the request before anything asks for the page's language.
        page = client.get("/requests/12345", headers={"Accept-Language": "en"})
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", fail_after_the_user)
    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    text = page.get_data(as_text=True)
    assert KK_UNAVAILABLE in text and '<html lang="kk">' in text
    assert len(statements) == 1, statements  # only the one that failed
