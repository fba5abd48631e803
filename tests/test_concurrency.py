"""Several processes writing to one SQLite file at once: nobody sees "database is locked", nothing is lost."""
import multiprocessing

import pytest
import sqlalchemy as sa

from tests.concurrent_writer import write_for
from tests.factories import make_request, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import Request

WORKERS = 4
SECONDS = 3.0


def test_processes_writing_at_once_lose_nothing_and_one_of_two_saves_wins(app):
    if db.engine.url.get_backend_name() != "sqlite":
        pytest.skip("PostgreSQL's row locks are tested through the same services; this is about one SQLite file")
    writer = make_user(Role.SUPERVISOR, email="writer@prokuror.example")
    shared = make_request(writer, reference="SHARED-1")
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=write_for, args=(str(db.engine.url), app.instance_path, worker, SECONDS,
                                                          shared.id, barrier, results)) for worker in range(WORKERS)]
    for process in processes:
        process.start()
    reports = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert [r["errors"] for r in reports] == [[]] * WORKERS, reports
    assert sum(r["locked"] for r in reports) == 0
    assert sorted(r["shared"] for r in reports) == ["conflict"] * (WORKERS - 1) + ["saved"]
    db.session.rollback()
    stored = set(db.session.scalars(sa.select(Request.reference).where(Request.reference != "SHARED-1")))
    written = {reference for r in reports for reference in r["created"]}
    assert stored == written and len(written) > WORKERS * 10
    print(f"{len(written)} requests written by {WORKERS} processes in {SECONDS} s")
