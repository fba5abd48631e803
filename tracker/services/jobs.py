"""The queue of jobs: asked for from a page, claimed by exactly one worker, followed by the user who asked.

The queue is the `jobs` table itself, on SQLite and PostgreSQL alike: a worker claims the oldest waiting job with
an UPDATE that names the state it expects, so of two workers that saw the same job one changes the row and the other
changes none. Progress, the cancel flag and the file live in the same rows, under the same migrations and access
rules as the register; no second store or server is needed.
"""
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Callable, Iterator

import sqlalchemy as sa

from tracker.database import reading_only
from tracker.extensions import db
from tracker.models import Job, JobFileChunk, JobState, User

# How long a finished job's file is offered, and its row kept.
KEEP_FOR = timedelta(days=1)
# A running job whose worker has said nothing for this long is taken to be orphaned (the worker was killed) and is
# given back to the queue; after this many takes it fails instead, so a job that kills its worker cannot loop.
STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3
# How long a job that holds SQLite's write lock (an import: about a minute for the largest file accepted) may go
# without a word before it is taken for orphaned.
LOCK_HOLDER_ALLOWANCE = timedelta(hours=1)
# A file is kept in parts of this size: written and read a part at a time.
CHUNK = 1024 * 1024


class Cancelled(Exception):
    """The user asked to stop the job: raised where the worker reports progress."""


@dataclass(frozen=True)
class JobFile:
    """What a job made: a file open for reading, the name it is offered under and its media type."""

    content: IO[bytes]
    name: str
    media_type: str


@dataclass(frozen=True)
class Outcome:
    """How a job ended well: the file it made, or what it found (JSON-ready) for its page, or both."""

    file: JobFile | None = None
    result: dict | None = None


@dataclass(frozen=True)
class Work:
    """What a kind of job runs, and whether it only reads (on SQLite its transaction then holds no write lock)."""

    run: Callable
    reads_only: bool


# The kinds of job, by the name kept in the queue; registered by the layer that defines them (tracker/web/job_work.py).
KINDS: dict[str, Work] = {}


def work_kind(name: str, *, reads_only: bool):
    """Registers the decorated function as the work of jobs of kind `name`."""
    def register(run):
        KINDS[name] = Work(run, reads_only)
        return run
    return register


def enqueue(kind: str, user: User, arguments: list[tuple[str, str]], language: str, now: datetime) -> Job:
    """A new waiting job of `kind` for `user`; the caller commits. `arguments` are the pairs of the page's query."""
    job = Job(kind=kind, user_id=user.id, arguments=json.dumps([list(pair) for pair in arguments]),
              language=language, state=JobState.QUEUED, created_at=now)
    db.session.add(job)
    db.session.flush()
    return job


def unfinished(user: User, kind: str, arguments: list[tuple[str, str]]) -> Job | None:
    """The user's job of `kind` asked with the same arguments that still waits or runs, if any."""
    encoded = json.dumps([list(pair) for pair in arguments])
    return db.session.scalar(sa.select(Job).where(Job.user_id == user.id, Job.kind == kind, Job.arguments == encoded,
                                                  Job.state.in_((JobState.QUEUED, JobState.RUNNING))).limit(1))


def arguments_of(job: Job) -> list[tuple[str, str]]:
    """The query pairs the job was asked with."""
    return [(str(name), str(value)) for name, value in json.loads(job.arguments or "[]")]


def claim_next(worker: str, now: datetime) -> int | None:
    """Takes the oldest waiting job for `worker` and commits; its id, or None when none waits.

    One UPDATE that picks and takes: on SQLite it holds the write lock from its start; on PostgreSQL a second worker
    that picked the same job waits for the first, finds it no longer waiting, and looks again."""
    db.session.rollback()  # the take is the transaction's first statement: no stale read before it on SQLite
    oldest = sa.select(Job.id).where(Job.state == JobState.QUEUED).order_by(Job.id).limit(1).scalar_subquery()
    for _ in range(20):
        if db.session.scalar(sa.select(Job.id).where(Job.state == JobState.QUEUED).limit(1)) is None:
            db.session.rollback()
            return None
        db.session.rollback()
        job_id = db.session.scalar(
            sa.update(Job).where(Job.id == oldest, Job.state == JobState.QUEUED)
            .values(state=JobState.RUNNING, worker=worker[:100], started_at=now, heartbeat_at=now,
                    attempts=Job.attempts + 1)
            .returning(Job.id).execution_options(synchronize_session=False))
        db.session.commit()
        if job_id is not None:
            return job_id
    return None


def hold_off_requeue(job_id: int, now: datetime) -> None:
    """Marks a job that will hold SQLite's write lock (and so report nothing) as alive for the longest it may take,
    so that no other worker takes it for orphaned meanwhile; commits."""
    db.session.execute(sa.update(Job).where(Job.id == job_id).values(heartbeat_at=now + LOCK_HOLDER_ALLOWANCE))
    db.session.commit()


def requeue_stale(now: datetime) -> int:
    """Gives back the running jobs whose worker went quiet (killed, or its host lost), ends those the user asked to
    stop meanwhile, and fails those taken too often; commits. How many were found."""
    stale = [Job.state == JobState.RUNNING, Job.heartbeat_at < now - STALE_AFTER]
    stopped = db.session.execute(
        sa.update(Job).where(*stale, Job.cancel_requested)
        .values(state=JobState.CANCELLED, finished_at=now, expires_at=now + KEEP_FOR)
        .execution_options(synchronize_session=False)).rowcount
    failed = db.session.execute(
        sa.update(Job).where(*stale, Job.attempts >= MAX_ATTEMPTS)
        .values(state=JobState.FAILED, finished_at=now, expires_at=now + KEEP_FOR,
                error="its worker stopped answering each time it was taken")
        .execution_options(synchronize_session=False)).rowcount
    requeued = db.session.execute(
        sa.update(Job).where(*stale).values(state=JobState.QUEUED, worker="", done=0)
        .execution_options(synchronize_session=False)).rowcount
    if stopped or failed:  # an import's file is not kept past its job
        ended = sa.select(Job.id).where(Job.state.in_((JobState.CANCELLED, JobState.FAILED)))
        db.session.execute(sa.delete(JobFileChunk).where(JobFileChunk.job_id.in_(ended)))
    db.session.commit()
    return stopped + failed + requeued


class Progress:
    """How a running job says how far it is. Each report is its own short transaction on its own connection, so
    the job's long read is not disturbed; it also proves the worker alive, and raises Cancelled once the user asked
    to stop.

    A job that writes on SQLite (an import) holds the database's one write lock until it ends, so it cannot record
    its progress (`persist` False): it only reads the stop flag, which SQLite's write-ahead log lets it do."""

    def __init__(self, job_id: int, clock_now, every: int = 500, persist: bool = True):
        self.job_id = job_id
        self.now = clock_now
        self.every = every
        self.persist = persist
        self.total: int | None = None
        self._last = -1

    def start(self, total: int | None) -> None:
        """The number of rows the job will go through, when it is known."""
        self.total = total
        self.report(0, force=True)

    def report(self, done: int, *, force: bool = False) -> None:
        """`done` rows so far: written every `every` rows (or when forced), then the cancel flag is read."""
        if not force and done - self._last < self.every:
            return
        self._last = done
        if self.persist:
            with reading_only(False), db.engine.begin() as connection:
                connection.execute(sa.update(Job).where(Job.id == self.job_id)
                                   .values(done=done, total=self.total, heartbeat_at=self.now()))
                cancelled = connection.scalar(sa.select(Job.cancel_requested).where(Job.id == self.job_id))
        else:
            with reading_only(), db.engine.connect() as connection:
                cancelled = connection.scalar(sa.select(Job.cancel_requested).where(Job.id == self.job_id))
        if cancelled:
            raise Cancelled()

    def rows(self, rows, start: int = 0) -> Iterator:
        """`rows` passed through, reporting as they go."""
        done = start
        for row in rows:
            yield row
            done += 1
            self.report(done)
        self.report(done, force=True)


def store_parts(job_id: int, content: IO[bytes]) -> int:
    """Keeps `content` as the job's parts, a part at a time, in place of any it had; its size. The caller commits."""
    db.session.execute(sa.delete(JobFileChunk).where(JobFileChunk.job_id == job_id))
    size, number = 0, 0
    while part := content.read(CHUNK):
        chunk = JobFileChunk(job_id=job_id, number=number, data=part)
        db.session.add(chunk)
        db.session.flush()
        db.session.expunge(chunk)  # the parts are not kept in memory once written
        size += len(part)
        number += 1
    return size


def read_input(job_id: int) -> bytes:
    """The file an import job was given, whole (an import reads its file whole)."""
    return b"".join(file_parts(job_id))


def _still_taken(job_id: int, attempt: int | None) -> list:
    """WHERE conditions keeping the job only while it is still the worker's take number `attempt` (any take when
    None): a worker that was taken for orphaned and lost its job changes nothing when it ends after all."""
    if attempt is None:
        return [Job.id == job_id]
    return [Job.id == job_id, Job.state == JobState.RUNNING, Job.attempts == attempt]


def finish(job_id: int, outcome: Outcome, now: datetime, attempt: int | None = None) -> bool:
    """Stores the file in parts (or deletes the parts the job was given) and what the job found, and marks it done,
    in one transaction; commits. False, and nothing kept, when the job is no longer this take's."""
    made = outcome.file
    if made is None:
        db.session.execute(sa.delete(JobFileChunk).where(JobFileChunk.job_id == job_id))
        size = None
    else:
        size = store_parts(job_id, made.content)
    marked = db.session.execute(sa.update(Job).where(*_still_taken(job_id, attempt)).values(
        state=JobState.DONE, file_name=made.name if made else "", media_type=made.media_type if made else "",
        file_size=size, result=json.dumps(outcome.result, ensure_ascii=False) if outcome.result is not None else "",
        finished_at=now, heartbeat_at=now, expires_at=now + KEEP_FOR, done=sa.func.coalesce(Job.total, Job.done))
        .execution_options(synchronize_session=False)).rowcount
    if marked != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def end(job_id: int, state: JobState, now: datetime, error: str = "", attempt: int | None = None) -> None:
    """Marks the job failed or cancelled, and deletes the file it was given; commits. Nothing changes when the job
    is no longer this take's."""
    marked = db.session.execute(sa.update(Job).where(*_still_taken(job_id, attempt)).values(
        state=state, error=error[:2000], finished_at=now, expires_at=now + KEEP_FOR)
        .execution_options(synchronize_session=False)).rowcount
    if marked == 1:
        db.session.execute(sa.delete(JobFileChunk).where(JobFileChunk.job_id == job_id))
    db.session.commit()


def beat(job_id: int, attempt: int, now: datetime) -> None:
    """Says the worker is alive on this take of the job, on a connection and in a transaction of its own."""
    with reading_only(False), db.engine.begin() as connection:
        connection.execute(sa.update(Job).where(*_still_taken(job_id, attempt)).values(heartbeat_at=now))


def request_cancel(job: Job, now: datetime) -> None:
    """Stops a job: a waiting one at once, a running one at its next report of progress; an ended one stays as it
    is. The caller commits."""
    if job.state == JobState.QUEUED:
        job.state, job.finished_at, job.expires_at = JobState.CANCELLED, now, now + KEEP_FOR
        db.session.execute(sa.delete(JobFileChunk).where(JobFileChunk.job_id == job.id))
    elif job.state == JobState.RUNNING:
        job.cancel_requested = True


def file_parts(job_id: int) -> Iterator[bytes]:
    """The job's file, a part at a time, each read by its own query."""
    count = db.session.scalar(sa.select(sa.func.count()).select_from(JobFileChunk).where(JobFileChunk.job_id == job_id))
    for number in range(count):
        yield db.session.scalar(sa.select(JobFileChunk.data).where(JobFileChunk.job_id == job_id,
                                                                   JobFileChunk.number == number))


def purge_expired(now: datetime) -> int:
    """Deletes the jobs (and their files) past their day; commits. How many."""
    expired = sa.select(Job.id).where(Job.expires_at < now)
    db.session.execute(sa.delete(JobFileChunk).where(JobFileChunk.job_id.in_(expired)))
    deleted = db.session.execute(sa.delete(Job).where(Job.expires_at < now)
                                 .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return deleted


def jobs_of(user: User, now: datetime, limit: int = 50, among: list[int] | None = None) -> list[Job]:
    """The user's jobs not yet past their day (those of them whose ids are `among`, if given), newest first."""
    query = sa.select(Job).where(Job.user_id == user.id, sa.or_(Job.expires_at.is_(None), Job.expires_at >= now))
    if among is not None:
        query = query.where(Job.id.in_(among))
    return list(db.session.scalars(query.order_by(Job.id.desc()).limit(limit)))


def job_of(user: User, job_id: int, now: datetime) -> Job | None:
    """The user's own job `job_id`, unless it is past its day: nobody else's job is ever shown."""
    job = db.session.get(Job, job_id)
    if job is None or job.user_id != user.id or (job.expires_at is not None and job.expires_at < now):
        return None
    return job
