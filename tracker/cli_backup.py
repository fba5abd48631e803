"""`flask backup` and `flask restore`: the register's database and its documents, together, on SQLite and PostgreSQL.

A backup is DEST (the database: SQLite's online copy, or PostgreSQL's pg_dump in its custom format) and the folder
DEST.attachments (the documents, with MANIFEST.sha256). A restore checks the documents' folder whole first and
changes nothing if any file is missing or changed; then it puts the database back (pg_restore, or SQLite's backup
API into the database file) and the documents into the store, and checks the result: every request is read back
through the models, and every document the register holds has its file, whole.
"""
import json
import os
import secrets
import shutil
import sqlite3
# pg_dump and pg_restore run with fixed argument lists, no shell
import subprocess  # nosec B404
import sys
from pathlib import Path

import click
import sqlalchemy as sa

from tracker.cli_documents import back_up_documents, backup_problems, report_document_backup, restore_documents
from tracker.extensions import db
from tracker.models import ReferenceVersion, RegisterVersion, Request
from tracker.services import attachments as attachment_service
from tracker.services.attachment_store import current_store

# Requests read back at a time when a restore is checked.
CHECK_BATCH = 2_000


def _postgres_args(url: sa.engine.URL) -> tuple[list[str], dict]:
    """The connection as pg_dump and pg_restore take it: options, and the password in the environment (never on the
    command line, where other users of the machine could read it)."""
    args = [f"--dbname={url.database}"]
    if url.host:
        args.append(f"--host={url.host}")
    if url.port:
        args.append(f"--port={url.port}")
    if url.username:
        args.append(f"--username={url.username}")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise click.UsageError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _sqlite_copy(source: str, target: str) -> None:
    """Copies the SQLite database `source` into `target` with SQLite's backup API, a thousand pages at a time, so
    that writers of `source` are never held for long."""
    reading, writing = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(target)
    try:
        with writing:
            reading.backup(writing, pages=1024)
    finally:
        writing.close()
        reading.close()


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False))
def backup_command(dest):
    """Writes a consistent copy of the database to DEST while the app keeps running, and the documents of requests
    to the folder DEST.attachments with MANIFEST.sha256 (`flask restore DEST` puts both back).

    SQLite: its online backup API, page by page, so writers are never blocked for long. PostgreSQL: pg_dump in its
    custom format (one snapshot of the whole database).
    """
    url = db.engine.url
    documents = f"{dest}.attachments"
    if os.path.exists(dest) or os.path.exists(documents):
        raise click.UsageError(f"{dest} or {documents} exists; choose a new file name")
    if url.get_backend_name() == "postgresql":
        args, env = _postgres_args(url)
        # The figures and the dump read one snapshot: the transaction that counts exports it to pg_dump.
        with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
            snapshot = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
            summary = _summary(connection)
            done = subprocess.run([_program("pg_dump"), "--format=custom", "--no-owner", f"--snapshot={snapshot}",  # nosec B603
                                   f"--file={dest}", *args], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise click.ClickException(f"pg_dump failed: {done.stderr.strip()[-500:]}")
    elif url.get_backend_name() == "sqlite" and url.database:
        _sqlite_copy(url.database, dest)
        copy = sa.create_engine(f"sqlite:///{dest}")
        with copy.connect() as connection:
            summary = _summary(connection)
        copy.dispose()
    else:
        raise click.UsageError("backup copies an SQLite file or a PostgreSQL database")
    Path(f"{dest}.summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    click.echo(f"backup written to {dest}")
    # After the database: every document its copy names was stored before that copy was taken.
    report_document_backup(back_up_documents(current_store(), Path(documents)), Path(documents))


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Replace the configured database without asking.")
def restore_command(source, yes):
    """Replaces the configured database with the backup SOURCE and puts the documents of SOURCE.attachments back,
    then checks every request and every document. Stop the app, the scheduler and the job workers first."""
    url = db.engine.url
    documents = Path(f"{source}.attachments")
    _digests, problems = backup_problems(documents)
    if problems:
        for path, problem in problems:
            click.echo(f"{path}: {problem}")
        raise click.ClickException(f"{documents} does not check out; nothing was restored")
    target = url.render_as_string(hide_password=True)
    if not yes:
        click.confirm(f"Replace the database {target} with {source}?", abort=True)
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "postgresql":
        args, env = _postgres_args(url)
        done = subprocess.run([_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",  # nosec B603
                               "--exit-on-error", *args, source], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise click.ClickException(f"pg_restore failed, the database is as it was: {done.stderr.strip()[-500:]}")
    elif url.get_backend_name() == "sqlite" and url.database:
        if not os.path.exists(url.database):
            # A write-ahead log left by the lost database would be replayed into the restored one.
            for leftover in (f"{url.database}-wal", f"{url.database}-shm"):
                if os.path.exists(leftover):
                    os.unlink(leftover)
        _sqlite_copy(source, url.database)
    else:
        raise click.UsageError("restore writes an SQLite file or a PostgreSQL database")
    _new_versions()
    click.echo(f"database restored from {source}")
    copied, repaired = restore_documents(documents, current_store())
    click.echo(f"{copied} document file(s) restored ({repaired} damaged one(s) replaced)")
    summary = Path(f"{source}.summary.json")
    _check_restored(json.loads(summary.read_text()) if summary.is_file() else None)


def _new_versions() -> None:
    """Gives the restored register and reference data versions no worker has seen: a worker left running across the
    restore may have kept, under the backup's versions, pages written from data newer than the backup."""
    with db.engine.begin() as connection:
        for model in (RegisterVersion, ReferenceVersion):
            connection.execute(sa.update(model).values(version=secrets.token_hex(16)))


# What a backup counts, to be found again after a restore: the tables of the register and its documents.
COUNTED = ("requests", "request_events", "attachments", "users", "audit_log")


def _summary(connection) -> dict:
    """How many rows each counted table holds, and the highest request id."""
    found = {table: connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()  # nosec B608 - our names
             for table in COUNTED}
    found["last_request_id"] = connection.execute(sa.text("SELECT max(id) FROM requests")).scalar() or 0
    return found


def _check_restored(expected: dict | None) -> None:
    """Reads every request back through the models, compares the counts with those the backup recorded, and checks
    every document's file; exits 1 on any difference or problem."""
    requests = last_id = 0
    while True:
        # Loading is the check: every column is read as its type (statuses and kinds among the known ones).
        batch = db.session.scalars(sa.select(Request).where(Request.id > last_id).order_by(Request.id)
                                   .limit(CHECK_BATCH)).all()
        if not batch:
            break
        requests += len(batch)
        last_id = batch[-1].id
        db.session.expunge_all()
    found = _summary(db.session.connection())
    differences = [f"{name}: {expected[name]} in the backup, {found.get(name)} restored"
                   for name in (expected or {}) if found.get(name) != expected[name]]
    problems = attachment_service.check_store()
    for difference in differences:
        click.echo(difference)
    for attachment, problem in problems:
        click.echo(f"document {attachment.id} of request {attachment.request_id}: {problem.problem}")
    click.echo(f"checked: {requests} request(s) read back, {found['attachments']} document(s), "
               f"{len(differences) + len(problems)} problem(s)")
    db.session.rollback()
    if differences or problems or (expected is not None and requests != expected["requests"]):
        sys.exit(1)
