"""Whole pages a worker keeps (tracker/web/kept_pages.py): the request list, pending by country and the request page
are shown again as written while nothing they show has changed, and a change written by any means (a page, a job,
SQL at the console) shows on the next page, on SQLite and PostgreSQL alike."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import current_app

from tests.conftest import POSTGRES_URL
from tests.factories import NOW, TODAY, make_request, make_unit, make_user
from tracker import clock
from tracker.domain.history import EventType
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import PersonalDataRead, RegisterVersion, RequestEvent
from tracker.services.users import update_user

PAGES = ("/requests", "/reports/pending-by-country", "/requests?kind=mla&sort=reference&dir=asc")


def _version() -> str:
    db.session.commit()
    return db.session.scalar(sa.select(RegisterVersion.version))


def _written_in_another_worker(statement: str, **values) -> None:
    """`statement` run and committed on a connection of its own, as a job, a command or the console would."""
    db.session.commit()
    with db.engine.begin() as connection:
        connection.execute(sa.text(statement), values)


def _statements_of(client, count_queries, path):
    with count_queries() as statements:
        assert client.get(path).status_code == 200
    return [s for s in statements if s.strip().upper() not in ("BEGIN", "COMMIT")]


def test_a_page_shown_again_reads_only_its_user_and_is_the_page_written_afresh(app, client, auth, count_queries):
    owner = make_user()
    make_request(owner, reference="KP-01")
    auth.login(make_user(Role.SUPERVISOR))
    # The session's CSRF token is signed with the second it was written in: pages a second apart differ by it alone.
    page = lambda path: re.sub(r'(name="csrf_token"[^>]*value=")[^"]+"', r'\1…"',  # noqa: E731
                               client.get(path).get_data(as_text=True))
    for path in PAGES:
        written = page(path)
        statements = _statements_of(client, count_queries, path)
        # The user and both versions, in one statement; nothing of the register.
        assert len(statements) == 1 and "register_version" in statements[0], (path, statements)
        again = page(path)
        app.extensions.pop("kept_pages")
        afresh = page(path)
        assert written == again == afresh, path
        assert 'name="csrf_token"' in written and written.count("…") >= written.count('name="csrf_token"'), path


@pytest.mark.parametrize("writer", ["orm", "sql"])
def test_a_change_written_anywhere_shows_on_the_next_page(client, auth, writer):
    owner = make_user()
    item = make_request(owner, reference="KP-02", sent_on=TODAY - timedelta(days=30),
                        statuses=[(Status.PENDING, TODAY - timedelta(days=20))])
    auth.login(make_user(Role.SUPERVISOR))
    for path in (*PAGES, f"/requests/{item.id}"):
        client.get(path)
    pending = client.get("/reports/pending-by-country").get_data(as_text=True)
    assert "country=RU" in pending and "country=KG" not in pending
    version = _version()
    if writer == "orm":
        item = db.session.merge(item)
        item.country_code, item.reference = "KG", "KP-02-CHANGED"
        db.session.commit()
    else:
        _written_in_another_worker("UPDATE requests SET country_code = 'KG', reference = 'KP-02-CHANGED' "
                                   "WHERE id = :id", id=item.id)
    assert _version() != version
    pending = client.get("/reports/pending-by-country").get_data(as_text=True)
    assert "country=KG" in pending and "country=RU" not in pending
    for path in (*PAGES[::2], f"/requests/{item.id}"):
        assert "KP-02-CHANGED" in client.get(path).get_data(as_text=True), path


def test_history_written_around_the_orm_shows_on_the_request_page(client, auth):
    owner = make_user()
    item = make_request(owner, reference="KP-03")
    auth.login(owner)
    page = f"/requests/{item.id}"
    assert "Written at the console" not in client.get(page).get_data(as_text=True)
    db.session.commit()
    with db.engine.begin() as connection:
        connection.execute(sa.insert(RequestEvent.__table__).values(
            request_id=item.id, event=EventType.RECEIVED_ABROAD, recorded_at=NOW, author_id=owner.id,
            effective_on=TODAY, note="Written at the console", foreign_reference="", foreign_decision="", changes={}))
    assert "Written at the console" in client.get(page).get_data(as_text=True)


def test_a_status_changed_through_the_page_shows_with_its_notice_once(client, auth):
    owner = make_user()
    item = make_request(owner, reference="KP-04")
    auth.login(owner)
    page = f"/requests/{item.id}"
    assert "status-sent" in client.get("/requests").get_data(as_text=True)
    client.get(page)
    moved = client.post(f"{page}/status", data={"to": "pending", "effective_on": TODAY.isoformat(), "note": "",
                                                "version": item.version}, follow_redirects=True)
    shown = moved.get_data(as_text=True)
    assert moved.status_code == 200 and 'role="alert"' in shown
    again = client.get(page).get_data(as_text=True)
    assert 'role="alert"' not in again and "status-pending" in again
    assert "status-pending" in client.get("/requests").get_data(as_text=True)


def test_each_user_is_shown_the_requests_they_may_see(client, auth):
    first, second = make_user(name="First Prosecutor"), make_user(name="Second Prosecutor")
    make_unit("Unit one", members=[first])
    make_unit("Unit two", members=[second])
    make_request(first, reference="KP-05-FIRST")
    make_request(second, reference="KP-05-SECOND")
    for user, mine, theirs in ((first, "KP-05-FIRST", "KP-05-SECOND"), (second, "KP-05-SECOND", "KP-05-FIRST")):
        auth.login(user)
        for _ in range(2):
            html = client.get("/requests").get_data(as_text=True)
            assert mine in html and theirs not in html, user.name
        auth.logout()


def test_what_differs_between_showings_is_each_sessions_own(app, client, auth):
    owner = make_user(name="Ерлан <Ахметов>")
    item = make_request(owner, reference="KP-06")
    auth.login(owner)
    other = app.test_client()
    assert other.post("/login", data={"email": owner.email, "password": "correct horse battery"}).status_code == 302
    for path in (f"/requests/{item.id}", "/requests?kind=mla"):
        pages = [session.get(path).get_data(as_text=True) for session in (client, other)]
        tokens = [set(re.findall(r'name="csrf_token"[^>]*value="([^"]+)"', page)) for page in pages]
        # Each session's page carries that session's token alone, in the menu and in every form.
        assert all(len(found) == 1 for found in tokens) and tokens[0] != tokens[1], path
        assert all("Ерлан &lt;Ахметов&gt;" in page for page in pages)
        assert all(f'name="next" value="{path.replace("&", "&amp;")}"' in page for page in pages), path
    # The name changed by an administrator shows on a page kept before.
    db.session.commit()
    update_user(db.session.merge(owner), name="Ерлан Ахметов", role=owner.role, language=owner.language,
                active=True, password=None)
    db.session.commit()
    assert "Ерлан Ахметов</" in client.get(f"/requests/{item.id}").get_data(as_text=True)


def test_every_showing_of_the_request_page_logs_its_read(client, auth):
    owner = make_user()
    item = make_request(owner, reference="KP-07")
    auth.login(owner)
    for _ in range(3):
        assert client.get(f"/requests/{item.id}").status_code == 200
    db.session.commit()
    reads = db.session.scalars(sa.select(PersonalDataRead).where(PersonalDataRead.request_id == item.id)).all()
    assert len(reads) == 3 and {read.user_id for read in reads} == {owner.id}


def test_a_new_day_and_changed_settings_write_the_page_afresh(client, auth, monkeypatch):
    owner = make_user()
    for number in range(3):
        make_request(owner, reference=f"KP-08-{number}")
    auth.login(owner)
    rows = lambda html: len(re.findall(r'<td class="rq-ref">', html))  # noqa: E731
    assert rows(client.get("/requests").get_data(as_text=True)) == 3
    monkeypatch.setitem(current_app.config, "REQUESTS_PER_PAGE", 2)
    assert rows(client.get("/requests").get_data(as_text=True)) == 2
    item = make_request(owner, reference="KP-08-DUE", sent_on=TODAY - timedelta(days=5))
    page = f"/requests/{item.id}"
    due = db.session.merge(item).due_on
    days_left = lambda html: re.findall(r">(in \d+ days?|due today|overdue by \d+ days?)<", html)  # noqa: E731
    today_page = client.get(page).get_data(as_text=True)
    monkeypatch.setattr(clock, "today_local", lambda: TODAY + timedelta(days=1))
    tomorrow_page = client.get(page).get_data(as_text=True)
    assert due is not None and days_left(today_page) and days_left(today_page) != days_left(tomorrow_page)


def test_a_change_committed_while_a_page_is_written_shows_on_the_next(app, client, auth):
    """The versions are read with the user, before the page's data: a change committed after that is shown by the
    page or not (PostgreSQL reads it, SQLite's snapshot does not), and in either case the next page reads a version
    none was kept under and shows it."""
    owner = make_user()
    item = make_request(owner, reference="KP-09")
    auth.login(make_user(Role.SUPERVISOR))
    db.session.commit()
    done = []

    def change_after_the_list_read(conn, cursor, statement, parameters, context, executemany):
        if not done and "FROM requests" in statement and "count(" not in statement:
            done.append(True)
            other = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
            with other.begin() as connection:
                connection.execute(sa.text("UPDATE requests SET country_code = 'KG' WHERE id = :id"), {"id": item.id})
            other.dispose()

    sa.event.listen(db.engine, "after_cursor_execute", change_after_the_list_read)
    try:
        client.get("/requests?kind=mla")
    finally:
        sa.event.remove(db.engine, "after_cursor_execute", change_after_the_list_read)
    assert done
    assert "Kyrgyz" in client.get("/requests?kind=mla").get_data(as_text=True)


def test_a_list_kept_whole_is_not_kept_for_a_kind_filter_it_was_not_written_for(client, auth):
    owner = make_user()
    make_request(owner, reference="KP-10-MLA")
    make_request(owner, Kind.EXTRADITION, reference="KP-10-EXT")
    auth.login(owner)
    for _ in range(2):
        mla = client.get("/requests?kind=mla").get_data(as_text=True)
        extradition = client.get("/requests?kind=extradition").get_data(as_text=True)
        assert "KP-10-MLA" in mla and "KP-10-EXT" not in mla
        assert "KP-10-EXT" in extradition and "KP-10-MLA" not in extradition


def test_the_register_version_changes_with_every_committed_change_and_only_then(app):
    owner = make_user()
    item = make_request(owner)
    version = _version()
    with db.engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(sa.text("UPDATE requests SET summary = 'rolled back' WHERE id = :id"), {"id": item.id})
        transaction.rollback()
    assert _version() == version
    _written_in_another_worker("UPDATE requests SET summary = 'changed' WHERE id = :id", id=item.id)
    changed = _version()
    assert changed != version
    # A statement that changes no row changes nothing.
    _written_in_another_worker("DELETE FROM attachments WHERE request_id = :id", id=item.id)
    assert _version() == changed
    _written_in_another_worker("DELETE FROM requests WHERE id = :id AND deleted_at IS NOT NULL AND id < 0", id=item.id)
    assert _version() == changed
    # Reference data has a version of its own.
    _written_in_another_worker("UPDATE countries SET name_en = name_en WHERE code = 'KG'")
    assert _version() == changed


@pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL's search path and roles")
def test_a_writer_with_another_search_path_or_no_rights_on_the_versions_is_not_refused(app):
    """The triggers' functions name their tables with the schema and run with their owner's rights."""
    item = make_request(make_user())
    version = _version()
    schema = db.session.scalar(sa.text("SELECT current_schema()"))
    with db.engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL search_path = pg_catalog")
        connection.execute(sa.text(f'UPDATE "{schema}".requests SET summary = :summary WHERE id = :id'),
                           {"summary": "qualified", "id": item.id})
    changed = _version()
    assert changed != version
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP ROLE IF EXISTS tracker_test_clerk")
        connection.exec_driver_sql("CREATE ROLE tracker_test_clerk")
        connection.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO tracker_test_clerk')
        connection.exec_driver_sql(f'GRANT SELECT, UPDATE ON "{schema}".requests TO tracker_test_clerk')
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("SET LOCAL ROLE tracker_test_clerk")
            connection.execute(sa.text(f'UPDATE "{schema}".requests SET summary = :summary WHERE id = :id'),
                               {"summary": "by a clerk", "id": item.id})
        assert _version() != changed
    finally:
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f'REVOKE ALL ON "{schema}".requests FROM tracker_test_clerk')
            connection.exec_driver_sql(f'REVOKE USAGE ON SCHEMA "{schema}" FROM tracker_test_clerk')
            connection.exec_driver_sql("DROP ROLE tracker_test_clerk")


@pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL's row locks: SQLite takes one writer at a time anyway")
def test_a_long_writing_transaction_holds_no_lock_other_writers_wait_for(app):
    """The version is written as a transaction commits (a deferred trigger), not at its first change: a long import
    holds the version's row only for its commit."""
    owner = make_user()
    first, second = make_request(owner), make_request(owner)
    version = _version()
    with db.engine.connect() as long_one, db.engine.connect() as short_one:
        long_transaction = long_one.begin()
        long_one.execute(sa.text("UPDATE requests SET summary = 'long' WHERE id = :id"), {"id": first.id})
        with short_one.begin():
            short_one.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
            short_one.execute(sa.text("UPDATE requests SET summary = 'short' WHERE id = :id"), {"id": second.id})
        after_short = _version()
        assert after_short != version
        long_transaction.commit()
    assert _version() not in (version, after_short)


def test_a_notice_of_a_change_that_changed_nothing_is_shown_on_the_kept_page_once(client, auth):
    owner = make_user()
    item = make_request(owner, reference="KP-11")
    auth.login(owner)
    page = f"/requests/{item.id}"
    client.get(page)
    # The edit form sent back as it was given: nothing to change.
    fields = {name: getattr(item, name) for name in ("reference", "country_code", "authority", "case_number",
                                                     "crime_category_id", "articles", "summary")}
    fields |= {"treaty_id": "", "sent_on": item.sent_on.isoformat(), "version": str(item.version)}
    saved = client.post(f"{page}/edit", data=fields, follow_redirects=True).get_data(as_text=True)
    assert "Nothing was changed." in saved
    assert "Nothing was changed." not in client.get(page).get_data(as_text=True)


def test_a_report_refusing_a_date_says_so_at_every_showing(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    for _ in range(2):
        assert client.get("/reports/pending-by-country?as_of=31.02.2026").status_code == 400


def test_with_keep_pages_off_every_page_is_written_afresh(client, auth, count_queries, monkeypatch):
    owner = make_user()
    item = make_request(owner, reference="KP-12")
    auth.login(make_user(Role.SUPERVISOR))
    monkeypatch.setitem(current_app.config, "KEEP_PAGES", False)
    for path in (*PAGES, f"/requests/{item.id}"):
        client.get(path)
        assert len(_statements_of(client, count_queries, path)) > 1, path
    assert "kept_pages" not in current_app.extensions


def test_a_supervisor_made_head_of_another_unit_sees_its_requests_at_once(client, auth):
    from tracker.services.units import set_heads

    supervisor = make_user(Role.SUPERVISOR)
    first, second = make_user(), make_user()
    own = make_unit("Unit of the supervisor", heads=[supervisor], members=[first, supervisor])
    other = make_unit("Another unit", members=[second])
    make_request(first, reference="KP-13-OWN")
    make_request(second, reference="KP-13-OTHER")
    auth.login(supervisor)
    for _ in range(2):
        html = client.get("/requests").get_data(as_text=True)
        assert "KP-13-OWN" in html and "KP-13-OTHER" not in html
    db.session.commit()
    set_heads(db.session.merge(other), [supervisor.id])
    db.session.commit()
    html = client.get("/requests").get_data(as_text=True)
    assert "KP-13-OWN" in html and "KP-13-OTHER" in html
    set_heads(db.session.merge(own), [])
    set_heads(db.session.merge(other), [])
    db.session.commit()
    html = client.get("/requests").get_data(as_text=True)
    assert "KP-13-OTHER" not in html


def test_a_page_that_flashed_a_message_while_written_is_not_kept(client, auth, monkeypatch):
    from flask import flash

    from tracker.web import requests as request_views

    owner = make_user()
    auth.login(owner)
    choices = request_views.filter_choices

    def choices_and_a_notice():
        flash("Said once while the list was written.", "info")
        return choices()

    monkeypatch.setattr(request_views, "filter_choices", choices_and_a_notice)
    assert "Said once while the list was written." in client.get("/requests").get_data(as_text=True)
    monkeypatch.setattr(request_views, "filter_choices", choices)
    assert "Said once while the list was written." not in client.get("/requests").get_data(as_text=True)


def _console(statement, **values):
    """`statement` as someone at the database's console would write it: on a connection of its own, committed."""
    _written_in_another_worker(statement, **values)


@pytest.mark.parametrize("keep_pages", [True, False])
def test_who_sees_what_changed_at_the_console_shows_on_the_next_page(client, auth, monkeypatch, keep_pages):
    monkeypatch.setitem(current_app.config, "KEEP_PAGES", keep_pages)
    supervisor = make_user(Role.SUPERVISOR)
    first, second = make_user(), make_user()
    make_unit("Own unit", members=[first, supervisor])
    other = make_unit("Other unit", heads=[supervisor], members=[second])
    item = make_request(second, Kind.EXTRADITION, reference="KP-14-OTHER")
    auth.login(supervisor)
    page = f"/requests/{item.id}"
    assert "KP-14-OTHER" in client.get("/requests").get_data(as_text=True)
    assert "Ахметов Ерлан" in client.get(page).get_data(as_text=True)
    # The headship ended at the console: the other unit's request is no longer listed, nor opened.
    _console("DELETE FROM unit_heads WHERE unit_id = :unit", unit=other.id)
    assert "KP-14-OTHER" not in client.get("/requests").get_data(as_text=True)
    assert client.get(page).status_code == 404
    # A member of the central authority made an administrator there: the person sought's name is masked.
    central = make_user(Role.CENTRAL)
    auth.logout()
    auth.login(central)
    assert "Ахметов Ерлан" in client.get(page).get_data(as_text=True)
    _console("UPDATE users SET role = 'admin' WHERE id = :id", id=central.id)
    assert "Ахметов Ерлан" not in client.get(page).get_data(as_text=True)


def test_an_owner_renamed_at_the_console_shows_on_the_pages_kept_before(client, auth):
    owner = make_user(name="Name Before")
    item = make_request(owner, reference="KP-15")
    auth.login(make_user(Role.SUPERVISOR))
    for path in ("/requests", f"/requests/{item.id}"):
        assert "Name Before" in client.get(path).get_data(as_text=True)
    _console("UPDATE users SET name = 'Name After' WHERE id = :id", id=owner.id)
    for path in ("/requests", f"/requests/{item.id}"):
        assert "Name After" in client.get(path).get_data(as_text=True), path


def test_every_table_a_kept_page_shows_has_its_triggers_at_head(app):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "migrations/versions/20261207_2a7e4c9f1d63_register_version.py"
    spec = importlib.util.spec_from_file_location("register_version_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    versioned = migration.VERSIONED
    expected = {table for tables in versioned.values() for table in tables}
    assert {"requests", "request_events", "attachments", "users", "units", "unit_heads", "countries"} <= expected
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            found = connection.exec_driver_sql("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'").all()
        else:
            found = connection.exec_driver_sql("SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                                               "WHERE NOT tgisinternal").all()
    for version, tables in versioned.items():
        for table in tables:
            assert any(on == table and version in name for on, name in found), (table, version)


@pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL's row locks")
def test_an_app_change_of_reference_data_and_requests_and_a_console_writer_both_commit(app):
    """The app's own change of the reference version locks its row from the first write; a writer at the console
    that changed a request, then a user, locks the versions' rows as it commits. Both lock the reference version's
    row first, so neither waits for the other's row while holding its own (a deadlock PostgreSQL would end by
    refusing one)."""
    import threading
    import time

    from tracker.models import Country, Request

    owner = make_user()
    item, other = make_request(owner), make_request(owner)
    db.session.commit()
    owner_id, item_id, other_id, url = owner.id, item.id, other.id, app.config["SQLALCHEMY_DATABASE_URI"]
    db.session.get(Country, "KG").authority_name = "Changed in the app"
    db.session.flush()
    db.session.get(Request, item_id).summary = "Changed in the app"
    db.session.flush()
    console_error = []

    def console():
        engine = sa.create_engine(url)
        try:
            with engine.begin() as connection:
                connection.execute(sa.text("UPDATE requests SET summary = 'At the console' WHERE id = :id"),
                                   {"id": other_id})
                connection.execute(sa.text("UPDATE users SET name = 'At the console' WHERE id = :id"),
                                   {"id": owner_id})
        except sa.exc.DBAPIError as error:
            console_error.append(error)
        finally:
            engine.dispose()

    writer = threading.Thread(target=console)
    writer.start()
    time.sleep(1.0)  # the console's commit now waits for the app's transaction
    db.session.commit()
    writer.join(30)
    assert not writer.is_alive() and not console_error, console_error
