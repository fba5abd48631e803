"""/healthz and /readyz, as a load balancer asks them: no login, no personal data, and /readyz unready while the
database is away, behind its migrations, or without a recent scheduler beat."""
import os
import shutil
import subprocess
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.factories import make_request, make_user
from tracker import clock, create_app
from tracker.extensions import db
from tracker.jobs.leadership import beat
from tracker.models import SchedulerBeat


def test_healthz_answers_without_a_login_or_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in response.headers


def test_readyz_needs_a_recent_scheduler_beat(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unready", "checks": {"database": "ok", "migrations": "ok",
                                                                   "scheduler": "no scheduler has run"}}
    beat(clock.now(), active_since=clock.now())
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok",
                                                                 "scheduler": "ok"}}
    db.session.get(SchedulerBeat, 1).beat_at = clock.now() - timedelta(minutes=5)
    db.session.commit()
    response = client.get("/readyz")
    assert response.status_code == 503 and response.get_json()["checks"]["scheduler"].startswith("last beat 30")


def test_readyz_is_unready_behind_the_migrations_and_says_nothing_of_the_register(client):
    owner = make_user(name="Aliya Seitkali")
    make_request(owner, reference="SECRET-REF-1")
    beat(clock.now(), active_since=clock.now())
    head = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    db.session.execute(sa.text("UPDATE alembic_version SET version_num = '7b3bb0e49a46'"))
    db.session.commit()
    try:
        response = client.get("/readyz")
    finally:
        db.session.execute(sa.text("UPDATE alembic_version SET version_num = :head"), {"head": head})
        db.session.commit()
    assert response.status_code == 503 and response.get_json()["checks"]["migrations"] == "not at head"
    text = response.get_data(as_text=True)
    assert "Aliya" not in text and "SECRET" not in text and "@" not in text


def _postgres_binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


def _as_postgres(*command, **kwargs):
    """A PostgreSQL program, run as the postgres account when the test runs as root (initdb refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True, timeout=120, **kwargs)


@pytest.fixture
def own_cluster():
    """A PostgreSQL server of the test's own on a free port, which the test may stop and start again."""
    binaries = _postgres_binaries()
    if binaries is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        pytest.skip("PostgreSQL's server programs are not installed")
    from tests.smtp import free_port

    # Outside pytest's folders, which the postgres account may not enter.
    place = Path(tempfile.mkdtemp(prefix="tracker-cluster-"))
    data = place / "data"
    if os.geteuid() == 0:
        shutil.chown(place, "postgres")
    port = free_port()
    _as_postgres(binaries / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
    control = [binaries / "pg_ctl", "-D", data, "-l", place / "server.log", "-w",
               "-o", f"-p {port} -k {place} -c listen_addresses=127.0.0.1"]
    _as_postgres(*control, "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", (lambda: _as_postgres(*control, "stop")), \
            (lambda: _as_postgres(*control, "start"))
    finally:
        subprocess.run((["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])
                       + [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(place, ignore_errors=True)


def test_readyz_turns_unready_while_its_database_is_stopped_and_ready_when_it_returns(own_cluster):
    url, stop, start = own_cluster
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test-secret"})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=app.extensions["migrate"].directory)
        beat(clock.now(), active_since=clock.now())
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    stop()
    response = client.get("/readyz")
    assert response.status_code == 503, response.get_json()
    assert response.get_json()["checks"]["database"].startswith("unreachable")
    assert client.get("/healthz").status_code == 200
    start()
    deadline = time.monotonic() + 30
    while client.get("/readyz").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert client.get("/readyz").get_json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok",
                                                                              "scheduler": "ok"}}
    with app.app_context():
        db.engine.dispose()
