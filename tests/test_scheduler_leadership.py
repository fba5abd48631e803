"""One active scheduler, whatever runs it: the lock on SQLite (a file) and PostgreSQL (an advisory lock), and two
scheduler processes over one database, the active one killed: the other takes over within a minute and no mail
goes out twice."""
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
import sqlalchemy as sa

from tests import postgres_server
from tests.postgres_server import needs_postgres
from tests.smtp import SmtpServer
from tests.test_production import flask
from tests.test_scheduler_kill import wait_until
from tracker.jobs.leadership import FileLock, PostgresLock

@pytest.fixture
def own_database():
    with postgres_server.own_database() as url:
        yield url


def test_the_file_lock_is_held_by_one_at_a_time(tmp_path):
    first, second = FileLock(tmp_path / "db.scheduler-lock"), FileLock(tmp_path / "db.scheduler-lock")
    assert first.take() and first.held()
    assert not second.take() and not second.held()
    first.release()
    assert second.take() and not first.take()
    second.release()


@needs_postgres
def test_the_advisory_lock_is_held_by_one_and_let_go_with_its_connection(own_database):
    first, second = PostgresLock(own_database), PostgresLock(own_database)
    try:
        assert first.take() and first.held()
        assert not second.take() and not second.held()
        # The first's connection is cut, as when its host is gone: the server lets the lock go.
        killer = sa.create_engine(own_database)
        with killer.begin() as connection:
            pid = first.connection.execute(sa.text("SELECT pg_backend_pid()")).scalar()
            first.connection.commit()
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        killer.dispose()
        assert not first.held()
        assert second.take() and second.held()
        assert not first.take()
    finally:
        first.release()
        second.release()


def _scheduler(env, log):
    """A scheduler process writing what it says to `log`."""
    with open(log, "w") as output:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "tracker", "scheduler"],
                                env=dict(env, PYTHONUNBUFFERED="1"), stdout=output, stderr=subprocess.STDOUT)


def _holder(database) -> str | None:
    engine = sa.create_engine(database)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT holder FROM scheduler_beats WHERE id = 1")).scalar()
    except sa.exc.DBAPIError:
        return None
    finally:
        engine.dispose()


def _two_schedulers_one_killed(tmp_path, database):
    instance = tmp_path / "instance"
    instance.mkdir()
    smtp = SmtpServer()
    smtp.start()
    env = dict(os.environ, TRACKER_INSTANCE_PATH=str(instance), TRACKER_SQLALCHEMY_DATABASE_URI=database,
               TRACKER_MAIL_SERVER="127.0.0.1", TRACKER_MAIL_PORT=str(smtp.port),
               TRACKER_SCHEDULER_STANDBY_SECONDS="1", TRACKER_SCHEDULER_BEAT_SECONDS="1")
    env.pop("TRACKER_TEST_DATABASE_URL", None)
    running = []
    try:
        flask(env, "db", "upgrade")
        flask(env, "seed")
        flask(env, "demo")  # requests in custody: their deadline alerts are due at once
        flask(env, "deadlines", "refresh")
        first = _scheduler(env, tmp_path / "first.log")
        running.append(first)
        assert wait_until(lambda: (_holder(database) or "").endswith(f":{first.pid}"), 60), "the first never beat"
        second = _scheduler(env, tmp_path / "second.log")
        running.append(second)
        said = lambda: (tmp_path / "second.log").read_text()  # noqa: E731
        assert wait_until(lambda: "stands by" in said(), 60), said()
        assert "active" not in said().replace("Another scheduler is active", "")
        # The first sends what is due (the alerts, and the digests once Monday's hour has come); then it is killed.
        assert wait_until(lambda: len(smtp.inbox.messages) > 0, 60), "the active scheduler sent nothing"
        time.sleep(2)
        sent_by_first = len(smtp.inbox.messages)
        killed_at = time.monotonic()
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        assert wait_until(lambda: (_holder(database) or "").endswith(f":{second.pid}"), 60), \
            "the standby did not take over within a minute: " + said()
        took_over = time.monotonic() - killed_at
        time.sleep(3)  # the new active scheduler runs every job at start: room for any duplicate to arrive
        assert second.poll() is None
    finally:
        for process in running:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        smtp.stop()
    sent = Counter((tuple(recipients), message["Subject"]) for recipients, message in smtp.inbox.messages)
    assert sent and max(sent.values()) == 1, [item for item, count in sent.items() if count > 1]
    return took_over, sent_by_first, len(smtp.inbox.messages)


def test_two_schedulers_on_sqlite_one_active_and_a_handover_within_a_minute(tmp_path):
    took_over, _, _ = _two_schedulers_one_killed(tmp_path, f"sqlite:///{tmp_path / 'instance' / 'tracker.db'}")
    assert took_over < 60


@needs_postgres
def test_two_schedulers_on_postgresql_one_active_and_a_handover_within_a_minute(tmp_path, own_database):
    took_over, _, _ = _two_schedulers_one_killed(tmp_path, own_database.render_as_string(hide_password=False))
    assert took_over < 60
