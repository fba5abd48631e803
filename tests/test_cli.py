"""The flask commands: seed, users create, demo."""
import json

import sqlalchemy as sa

from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import Request, User


def test_seed_command_reports_nothing_added_on_a_seeded_database(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0
    assert "countries: 0 added" in result.output


def test_users_create_takes_the_password_from_the_environment(runner, monkeypatch):
    monkeypatch.setenv("TRACKER_PASSWORD", "long enough secret")
    result = runner.invoke(args=["users", "create", "New.User@Prokuror.example", "--name", "Жанна Ким", "--role",
                                 "supervisor", "--lang", "kk"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User))
    assert (user.email, user.role.value, user.language.value) == ("new.user@prokuror.example", "supervisor", "kk")
    assert user.check_password("long enough secret") and user.password_hash != "long enough secret"


def test_users_create_refuses_a_duplicate_or_a_short_password(runner, monkeypatch):
    monkeypatch.setenv("TRACKER_PASSWORD", "long enough secret")
    runner.invoke(args=["users", "create", "a@prokuror.example", "--name", "A", "--role", "prosecutor"])
    again = runner.invoke(args=["users", "create", "a@prokuror.example", "--name", "A", "--role", "prosecutor"])
    assert again.exit_code != 0 and "duplicate_email" in again.output
    monkeypatch.setenv("TRACKER_PASSWORD", "short")
    short = runner.invoke(args=["users", "create", "b@prokuror.example", "--name", "B", "--role", "prosecutor"])
    assert short.exit_code != 0 and "short_password" in short.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_demo_prints_logins_that_work_and_loads_once(runner, client):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "s.bekova@prokuror.example / demo-supervisor / supervisor" in first.output
    requests = db.session.scalar(sa.select(sa.func.count()).select_from(Request))
    assert 90 <= requests <= 110
    kinds = set(db.session.scalars(sa.select(Request.kind).distinct()))
    statuses = set(db.session.scalars(sa.select(Request.status).distinct()))
    assert kinds == set(Kind) and len(statuses) >= 6
    # The demo office confirms receipts in time: the only critical request is the one prepared too late.
    assert db.session.scalar(sa.select(sa.func.count()).where(Request.critical)) == 1
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == requests
    response = client.post("/login", data={"email": "s.bekova@prokuror.example", "password": "demo-supervisor"})
    assert response.status_code == 302
    assert client.get("/requests").status_code == 200


def test_backup_copies_the_register_while_it_is_being_written(app, runner, tmp_path):
    import threading

    from tests.factories import make_request, make_user
    from tracker.domain.people import Role

    owner = make_user(Role.PROSECUTOR)
    for number in range(50):
        make_request(owner, reference=f"BK-{number}")
    if db.engine.url.get_backend_name() != "sqlite":
        # pg_dump, with the figures counted in the snapshot it dumps (tests/test_backup_restore.py restores one).
        result = runner.invoke(args=["backup", str(tmp_path / "copy.dump")])
        assert result.exit_code == 0, result.output
        summary = json.loads((tmp_path / "copy.dump.summary.json").read_text())
        assert summary["requests"] == 50 and (tmp_path / "copy.dump").stat().st_size > 0
        return
    stop = threading.Event()
    url = db.engine.url

    def keep_writing():  # another writer, as the running app would be
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            number = 0
            while not stop.is_set():
                connection.execute(sa.text("UPDATE requests SET summary = :s WHERE reference = 'BK-0'"), {"s": str(number)})
                connection.commit()
                number += 1
        engine.dispose()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    restored = sa.create_engine(f"sqlite:///{tmp_path / 'copy.db'}")
    with restored.connect() as connection:
        references = set(connection.scalars(sa.text("SELECT reference FROM requests")))
        assert connection.scalar(sa.text("PRAGMA integrity_check")) == "ok"
    restored.dispose()
    assert references == {f"BK-{n}" for n in range(50)}
    again = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    assert again.exit_code != 0 and "exists" in again.output
