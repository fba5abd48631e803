"""The user's jobs: a large export or register file asked for from a page is done by a job worker; its page shows how
far it is, can stop it, and offers its file (or shows its report) for a day. A notice on the next page says when it
is ready."""
import io
import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, session, stream_with_context, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker import clock
from tracker.database import reading_only
from tracker.extensions import db
from tracker.models import Job, JobState
from tracker.services import jobs as queue
from tracker.web.downloads import attachment_disposition
from tracker.formats.imports import SHOWN_PROBLEMS
from tracker.web.job_work import REQUESTS_EXPORT, REQUESTS_IMPORT

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

# The session keeps the ids of the user's jobs not yet announced: only while it holds some does a page look them up.
WATCHED = "watched_jobs"
WATCH_LIMIT = 20

TITLES = {REQUESTS_EXPORT: _l("Export of the register"), REQUESTS_IMPORT: _l("Import of a register file")}
CHECK_TITLE = _l("Check of a register file")
STATES = {JobState.QUEUED: _l("Waiting"), JobState.RUNNING: _l("Being made"), JobState.DONE: _l("Ready"),
          JobState.FAILED: _l("Failed"), JobState.CANCELLED: _l("Stopped")}


def start(kind: str, arguments, language: str, *, once: bool = True, data: bytes | None = None) -> Job:
    """Queues a job for the logged-in user with the file it is given (`data`), commits, and watches it for the
    notice. With `once`, the same job asked for again while the first still waits or runs (a second click) is the
    first."""
    db.session.commit()  # the page's read ends; the look for the same job and the queuing take the write lock first
    arguments = [(str(name), str(value)) for name, value in arguments]
    with reading_only(False):
        job = queue.unfinished(current_user, kind, arguments) if once else None
        if job is None:
            job = queue.enqueue(kind, current_user, arguments, language, clock.now())
            if data is not None:
                queue.store_parts(job.id, io.BytesIO(data))
        db.session.commit()
    session[WATCHED] = (session.get(WATCHED, []) + [job.id])[-WATCH_LIMIT:]
    return job


@bp.route("")
def index():
    """The user's jobs of the last day, newest first."""
    return render_template("jobs/index.html", jobs=queue.jobs_of(current_user, clock.now()))


@bp.route("/<int:job_id>")
def detail(job_id):
    """One job: its progress (the page follows it by itself), a button to stop it, and its file once made."""
    job = _own(job_id)
    if job.ended and job.id in session.get(WATCHED, []):
        session[WATCHED] = [watched for watched in session[WATCHED] if watched != job.id]  # seen here: no notice
    # An import's report, as the import page shows it.
    report = json.loads(job.result) if job.result else None
    return render_template("jobs/detail.html", job=job, title=job_title(job), report=report,
                           conflict=bool(report and report.get("conflict")), shown=SHOWN_PROBLEMS)


@bp.route("/<int:job_id>/status")
def status(job_id):
    """How far the job is, for its page to follow without reloading."""
    job = _own(job_id)
    return {"state": job.state.value, "percent": job.percent, "done": job.done, "total": job.total,
            "html": render_template("jobs/_progress.html", job=job)}


@bp.route("/<int:job_id>/cancel", methods=["POST"])
def cancel(job_id):
    """Stops the job: a waiting one at once, a running one within a few hundred rows; not a running import on
    SQLite (see can_stop)."""
    job = _own(job_id)
    ended, stoppable = job.ended, can_stop(job)
    if ended:
        flash(_l("This job has already ended."), "info")
    elif not stoppable:
        flash(_l("An import that has started cannot be stopped: it writes all of its rows or none."), "warning")
    else:
        queue.request_cancel(job, clock.now())
        db.session.commit()
        flash(_l("The job is being stopped."), "info")
    return redirect(url_for("jobs.detail", job_id=job_id))


def can_stop(job: Job) -> bool:
    """Whether the user may stop the job now: any waiting one, and a running one unless it is an import on SQLite,
    which holds the database's one write lock until it ends, so that no stop could be recorded."""
    if job.ended:
        return False
    work = queue.KINDS.get(job.kind)
    return work is None or not (job.state == JobState.RUNNING and not work.reads_only
                                and db.engine.dialect.name == "sqlite")


@bp.route("/<int:job_id>/download")
def download(job_id):
    """The file the job made, while it is kept."""
    job = _own(job_id)
    if job.state != JobState.DONE or job.file_size is None:  # an import's job keeps no file
        abort(404)
    # Read a part at a time; the parts are fetched while the response is sent.
    parts = queue.file_parts(job.id)
    return Response(stream_with_context(parts), mimetype=job.media_type,
                    headers={"Content-Disposition": attachment_disposition(job.file_name),
                             "Content-Length": str(job.file_size)})


def _own(job_id: int) -> Job:
    """The user's own job, or 404: the jobs of others are never shown, not even that they exist."""
    job = queue.job_of(current_user, job_id, clock.now())
    if job is None:
        abort(404)
    return job


def job_title(job: Job):
    """What the job is, in the user's words: an export, an import, or the check of a file."""
    if job.kind == REQUESTS_IMPORT and ("dry_run", "1") in queue.arguments_of(job):
        return CHECK_TITLE
    return TITLES.get(job.kind, job.kind)


def ended_jobs() -> list[Job]:
    """The watched jobs that ended since the last page, each announced once; no query while none is watched."""
    watched = session.get(WATCHED)
    if not watched or not current_user.is_authenticated:
        return []
    jobs = queue.jobs_of(current_user, clock.now(), among=watched)
    ended = [job for job in jobs if job.ended]
    waiting = [job.id for job in jobs if not job.ended]
    if waiting != watched:  # the session cookie is written again only when the list changed
        session[WATCHED] = waiting
    return ended


def init_app(app) -> None:
    """Lets every page announce the user's ended jobs."""
    app.jinja_env.globals.update(ended_jobs=ended_jobs, job_title=job_title, job_states=STATES, can_stop_job=can_stop)
