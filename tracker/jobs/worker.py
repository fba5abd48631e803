"""The job worker: `flask --app tracker worker` takes the waiting jobs one at a time, oldest first, outside the web
workers. Several may run, on one host or many: each job is taken by one of them (tracker/services/jobs.py)."""
import os
import socket
import threading
import time

from flask import Flask, g
from sqlalchemy.exc import OperationalError
from flask_babel import force_locale

from tracker import clock
from tracker.database import reading_only
from tracker.extensions import db
from tracker.jobs.work import WORK
from tracker.models import Job, JobState
from tracker.services import jobs as queue

# How often an idle worker looks for work, and how often it deletes the files past their day.
POLL_SECONDS = 1.0
PURGE_EVERY_SECONDS = 600


def worker_name() -> str:
    """The host and process a job was taken by, for the operator."""
    return f"{socket.gethostname()}:{os.getpid()}"


def run_next(app: Flask, worker: str) -> int | None:
    """Gives back orphaned jobs, then takes and does the oldest waiting one; its id, or None when none waited."""
    with app.app_context():
        now = clock.now()
        queue.requeue_stale(now)
        job_id = queue.claim_next(worker, now)
    if job_id is not None:
        run_job(app, job_id)
    return job_id


def run_job(app: Flask, job_id: int) -> JobState:
    """Does one taken job and records how it ended: done with its file, cancelled, or failed (logged)."""
    with app.app_context():
        try:
            # A job that only reads does so in a transaction that holds no write lock (SQLite); its file is stored
            # after it.
            with reading_only():
                job = db.session.get(Job, job_id)
                kind, language = job.kind, job.language
                work = WORK.get(kind)
                if work is None:
                    raise LookupError(f"no work of kind {kind!r}")
            db.session.rollback()
            persist = work.reads_only or db.engine.dialect.name != "sqlite"
            if not persist:
                queue.hold_off_requeue(job_id, clock.now())
            progress = queue.Progress(job_id, clock.now, persist=persist)
            with reading_only(work.reads_only), force_locale(language):
                job = db.session.get(Job, job_id)
                g.job_user = job.user  # what the job changes is recorded as done by who asked for it
                outcome = work.run(job, progress)
            try:
                db.session.rollback()
                queue.finish(job_id, outcome, clock.now())
            finally:
                if outcome.file is not None:
                    outcome.file.content.close()
            state = JobState.DONE
        except queue.Cancelled:
            db.session.rollback()
            queue.end(job_id, JobState.CANCELLED, clock.now())
            state = JobState.CANCELLED
        except Exception as error:  # a job's failure is recorded and logged; the worker goes on with the next
            db.session.rollback()
            app.logger.exception("job %d failed", job_id)
            queue.end(job_id, JobState.FAILED, clock.now(), error=f"{type(error).__name__}: {error}")
            state = JobState.FAILED
        app.logger.info("job %d: %s", job_id, state.value)
        return state


def run_worker(app: Flask, *, stop: threading.Event | None = None, until_idle: bool = False,
               poll: float = POLL_SECONDS) -> int:
    """Takes jobs until `stop` is set (or, with `until_idle`, until none waits); how many it did."""
    stop = stop or threading.Event()
    name = worker_name()
    done, purged_at = 0, float("-inf")
    while not stop.is_set():
        try:
            if time.monotonic() - purged_at > PURGE_EVERY_SECONDS:
                with app.app_context():
                    queue.purge_expired(clock.now())
                purged_at = time.monotonic()
            worked = run_next(app, name) is not None
        except OperationalError:
            # The database is away, or SQLite's write lock is held longer than the busy timeout (another worker's
            # import): said, and tried again shortly.
            app.logger.warning("job worker: the database could not be reached or locked; trying again", exc_info=True)
            worked = False
            if until_idle:
                raise
        if worked:
            done += 1
        elif until_idle:
            break
        else:
            stop.wait(poll)
    return done
