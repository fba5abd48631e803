"""The job worker: `flask --app tracker worker` takes the waiting jobs one at a time, oldest first, outside the web
workers. Several may run, on one host or many: each job is taken by one of them (tracker/services/jobs.py)."""
import os
import socket
from contextlib import nullcontext
import threading
import time

from flask import Flask, g
from sqlalchemy.exc import OperationalError
from flask_babel import force_locale

from tracker import clock, metrics
from tracker.database import reading_only
from tracker.extensions import db
from tracker.models import Job, JobState
from tracker.services import jobs as queue
from tracker.services.reference_cache import reference_version

# How often an idle worker looks for work, and how often it deletes the files past their day.
POLL_SECONDS = 1.0
PURGE_EVERY_SECONDS = 600
# How often a worker says it is alive while a job runs, whatever the job is doing (a workbook being closed says
# nothing for a while): well within tracker.services.jobs.STALE_AFTER.
HEARTBEAT_SECONDS = 20


class Heartbeat:
    """While a job runs, a thread that says every HEARTBEAT_SECONDS that its worker is alive, so that no other worker
    takes the job for orphaned during a long step."""

    def __init__(self, app: Flask, job_id: int, attempt: int):
        self.app, self.job_id, self.attempt = app, job_id, attempt
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"heartbeat-{job_id}", daemon=True)

    def _run(self) -> None:
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            try:
                with self.app.app_context():
                    queue.beat(self.job_id, self.attempt, clock.now())
            except OperationalError:  # the database is busy or away: said at the next beat
                self.app.logger.warning("job %d: heartbeat not recorded", self.job_id, exc_info=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_exc):
        self.stopped.set()
        self.thread.join(timeout=HEARTBEAT_SECONDS + 5)


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
            attempt = None  # until the take is read: then only this take's ending is recorded
            kind = "unknown"
            with reading_only():
                job = db.session.get(Job, job_id)
                kind, language, attempt = job.kind, job.language, job.attempts
                work = queue.KINDS.get(kind)
                if work is None:
                    raise LookupError(f"no work of kind {kind!r}")
            db.session.rollback()
            persist = work.reads_only or db.engine.dialect.name != "sqlite"
            if not persist:
                queue.hold_off_requeue(job_id, clock.now())
            progress = queue.Progress(job_id, clock.now, persist=persist)
            # A job holding SQLite's write lock could not beat: it was marked alive for its longest above.
            with Heartbeat(app, job_id, attempt) if persist else nullcontext():
                with reading_only(work.reads_only), force_locale(language):
                    reference_version()  # before anything the job reads (reference_cache.reference_version)
                    job = db.session.get(Job, job_id)
                    g.job_user = job.user  # what the job changes is recorded as done by who asked for it
                    outcome = work.run(job, progress)
                try:
                    db.session.rollback()
                    kept = queue.finish(job_id, outcome, clock.now(), attempt)
                finally:
                    if outcome.file is not None:
                        outcome.file.content.close()
            state = JobState.DONE
            if not kept:
                app.logger.warning("job %d was given to another worker meanwhile; what this one made is dropped",
                                   job_id)
        except queue.Cancelled:
            db.session.rollback()
            queue.end(job_id, JobState.CANCELLED, clock.now(), attempt=attempt)
            state = JobState.CANCELLED
        except Exception as error:  # a job's failure is recorded and logged; the worker goes on with the next
            db.session.rollback()
            app.logger.exception("job %d failed", job_id)
            queue.end(job_id, JobState.FAILED, clock.now(), error=f"{type(error).__name__}: {error}",
                      attempt=attempt)
            state = JobState.FAILED
        app.logger.info("job %d: %s", job_id, state.value,
                        extra={"event": "job", "job_id": job_id, "kind": kind, "state": state.value})
        metrics.job_ended(kind, state.value)
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
