"""The restore drill the README gives, run as an operator would run it: `flask backup`, the register lost (its
database and its documents), `flask restore`, and every request and document found again; on SQLite and on a
PostgreSQL database of the test's own. A backup whose documents do not check out restores nothing."""
import json
import os
import shutil
import subprocess
import sys

import pytest
import sqlalchemy as sa

from tests.conftest import POSTGRES_URL
from tests.postgres_server import needs_postgres, own_database
from tests.test_attachments_core import DOCX_BYTES, PDF
from tests.test_production import flask
from tracker import clock, create_app
from tracker.extensions import db
from tracker.models import Attachment, ReferenceVersion, RegisterVersion, Request, User
from tracker.services import attachments as documents

# Its own databases and processes: run once, in the SQLite pass.
pytestmark = pytest.mark.skipif(bool(POSTGRES_URL), reason="runs its own databases and commands")


def _env(instance, database):
    env = dict(os.environ, TRACKER_INSTANCE_PATH=str(instance), TRACKER_SQLALCHEMY_DATABASE_URI=database,
               TRACKER_LOG_LEVEL="WARNING")
    env.pop("TRACKER_TEST_DATABASE_URL", None)
    return env


def _register(instance, database):
    """A register with the demo requests and two documents on the first of them; what it holds."""
    env = _env(instance, database)
    flask(env, "db", "upgrade")
    flask(env, "seed")
    flask(env, "demo")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "SECRET_KEY": "drill",
                      "ATTACHMENTS_PATH": str(instance / "attachments")})
    with app.app_context():
        item = db.session.scalar(sa.select(Request).order_by(Request.id))
        owner = db.session.get(User, item.owner_id)
        for name, content in (("answer.pdf", PDF), ("letter.docx", DOCX_BYTES)):
            documents.add_attachment(owner, item, filename=name, content=content, kind="reply", now=clock.now())
        db.session.commit()
        held = _holdings()
        db.session.remove()
        db.engine.dispose()
    return env, held


def _versions():
    """The register's and the reference data's versions."""
    return (db.session.scalar(sa.select(RegisterVersion.version)),
            db.session.scalar(sa.select(ReferenceVersion.version)))


def _holdings():
    """What the register holds: each request's number and status, and each document's file name and checksum."""
    requests = sorted(db.session.execute(sa.select(Request.id, Request.reference, Request.status)).all())
    files = sorted(db.session.execute(sa.select(Attachment.filename, Attachment.sha256)).all())
    return requests, files


def _run(env, *args):
    return subprocess.run([sys.executable, "-m", "flask", "--app", "tracker", *args], env=env, capture_output=True,
                          text=True, timeout=300)


def _drill(tmp_path, database, lose_database):
    instance = tmp_path / "instance"
    env, held = _register(instance, database)
    backup = tmp_path / "backups" / "tracker-2026-12-07.dump"
    backup.parent.mkdir()
    made = _run(env, "backup", str(backup))
    assert made.returncode == 0, made.stderr
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "SECRET_KEY": "drill"})
    with app.app_context():
        backed_up = _versions()
        db.session.remove()
        db.engine.dispose()
    summary = json.loads((tmp_path / "backups" / "tracker-2026-12-07.dump.summary.json").read_text())
    assert summary["requests"] == len(held[0]) and summary["attachments"] == 2
    # The disaster: the database and every stored document gone.
    lose_database()
    shutil.rmtree(instance / "attachments")
    restored = _run(env, "restore", "--yes", str(backup))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert f"checked: {len(held[0])} request(s) read back, 2 document(s), 0 problem(s)" in restored.stdout
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "SECRET_KEY": "drill",
                      "ATTACHMENTS_PATH": str(instance / "attachments")})
    with app.app_context():
        assert _holdings() == held
        assert documents.check_store() == []
        # New versions: a worker left running may have kept pages under the backup's, written from newer data.
        restored_versions = _versions()
        assert all(restored != before for restored, before in zip(restored_versions, backed_up))
        db.session.remove()
        db.engine.dispose()
    return env, backup


def test_the_restore_drill_on_sqlite(tmp_path):
    database_file = tmp_path / "instance" / "tracker.db"
    _drill(tmp_path, f"sqlite:///{database_file}", lose_database=database_file.unlink)


@needs_postgres
def test_the_restore_drill_on_postgresql(tmp_path):
    with own_database() as url:
        database = url.render_as_string(hide_password=False)

        def lose_database():
            engine = sa.create_engine(database)
            with engine.begin() as connection:
                connection.exec_driver_sql("DROP SCHEMA public CASCADE")
                connection.exec_driver_sql("CREATE SCHEMA public")
            engine.dispose()

        env, backup = _drill(tmp_path, database, lose_database)
        # A backup whose documents do not check out restores nothing, and says which file is wrong.
        damaged = next(path for path in (backup.parent / f"{backup.name}.attachments").rglob("*")
                       if path.is_file() and path.name != "MANIFEST.sha256")
        damaged.chmod(0o640)
        damaged.write_bytes(b"changed")
        lose_database()
        refused = _run(env, "restore", "--yes", str(backup))
        assert refused.returncode != 0 and "checksum" in refused.stdout and "nothing was restored" in refused.stderr
        engine = sa.create_engine(database)
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 0
        engine.dispose()
