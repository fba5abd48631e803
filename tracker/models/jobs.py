"""Work done outside the web workers (a large export or import), asked for by a user and followed on a page: its
progress, whether it was cancelled, and the file it made or the report it wrote, kept in the database for a day so
that any app host can offer it."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models._types import UtcDateTime, enum_type
from tracker.models.people import User


class JobState(StrEnum):
    """Where a job is: waiting for a worker, being done, or ended one of three ways."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ENDED = (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class Job(db.Model):
    """One piece of work a user asked for, claimed by one worker. `done` of `total` is what the page shows; the
    worker reads `cancel_requested` each time it reports progress and stops there."""

    __tablename__ = "jobs"
    __table_args__ = (sa.Index("ix_jobs_state_id", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # What to do (tracker/web/job_work.py names the kinds) and with what: the page's query, as a JSON list of pairs.
    kind: Mapped[str] = mapped_column(sa.String(40))
    arguments: Mapped[str] = mapped_column(sa.Text, default="[]", server_default="[]")
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # The language of the page it was asked from: the file's headings and names are in it.
    language: Mapped[str] = mapped_column(sa.String(8))
    state: Mapped[JobState] = mapped_column(enum_type(JobState, "job_state"), default=JobState.QUEUED)
    total: Mapped[int | None]
    done: Mapped[int] = mapped_column(default=0, server_default="0")
    cancel_requested: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # How many times a worker took it: one that stopped mid-way (its heartbeat went quiet) gives it back.
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    worker: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    # Why it failed, in words for the operator's log; the page says only that it failed.
    error: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    file_name: Mapped[str] = mapped_column(sa.String(255), default="", server_default="")
    media_type: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    file_size: Mapped[int | None]
    # What the job found, as JSON, for its page (an import's report); empty for a job whose result is its file.
    result: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When the file and the row are deleted (a day after it ended).
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)

    user: Mapped[User] = relationship()

    @property
    def ended(self) -> bool:
        return self.state in ENDED

    @property
    def percent(self) -> int:
        """How far it is, 0 to 100: 100 once done, else rows done of the total (0 while the total is not known)."""
        if self.state == JobState.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, self.done * 100 // self.total)

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.state}>"


class JobFileChunk(db.Model):
    """A part of a job's file, in order: the file is written and read a part at a time, never whole in memory. While
    an import waits and runs, its parts are the uploaded file; they are deleted when it ends."""

    __tablename__ = "job_file_chunks"

    job_id: Mapped[int] = mapped_column(sa.ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)


class SchedulerBeat(db.Model):
    """The active scheduler's sign of life: one row, written every SCHEDULER_BEAT_SECONDS by whichever scheduler
    holds the lock (tracker/jobs/leadership.py), read by /readyz. Who holds it is named by host and process id."""

    __tablename__ = "scheduler_beats"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder: Mapped[str] = mapped_column(sa.String(200))
    active_since: Mapped[datetime] = mapped_column(UtcDateTime())
    beat_at: Mapped[datetime] = mapped_column(UtcDateTime())
