"""What a job does, by its kind: to the job worker what a view is to a page. Each reads the arguments it was asked
with as the page read them, reports its progress as it goes and returns the file it made or what it found. Each runs
in a worker, in an app context of its own, in the language it was asked in; the kinds are registered with the queue
(tracker.services.jobs.KINDS) when the web app is built, so the worker below needs nothing from here."""
import tempfile

from flask import current_app, g
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from tracker import clock
from tracker.formats.exports import write_table
from tracker.formats.report_tables import request_list_headings, request_list_rows
from tracker.domain.people import SUPERVISING, Role
from tracker.models import Job
from tracker.services import list_positions, queries
from tracker.services.access import access_of
from tracker.services import jobs as queue
from tracker.services.jobs import JobFile, Outcome, Progress, arguments_of, work_kind
from tracker.web.downloads import requested_download, separator
from tracker.web.request_list import parse_list

REQUESTS_EXPORT = "requests-export"
REQUESTS_IMPORT = "requests-import"


@work_kind(REQUESTS_EXPORT, reads_only=True)
def export_requests(job: Job, progress: Progress) -> Outcome:
    """The request list export, filtered and sorted as the list was when it was asked for, read with what its user
    may see now (a user who lost a unit since does not get its requests)."""
    args = MultiDict(arguments_of(job))
    g.access = access_of(_still_allowed(job))
    filters, sort, descending, _page = parse_list(args)
    language = job.language
    fmt, delimiter = requested_download(args, language) or ("csv", separator(args, language))
    progress.start(queries.request_count(filters))
    read = progress.rows(queries.export_rows(filters, sort=sort, descending=descending, language=language))
    spool = tempfile.TemporaryFile()
    try:
        media_type = write_table(spool, fmt, str(_l("Requests")), request_list_headings(),
                                 request_list_rows(read, language, access=filters.access), delimiter=delimiter)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return Outcome(file=JobFile(spool, f"requests-{clock.today_local().isoformat()}.{fmt}", media_type))


@work_kind(REQUESTS_IMPORT, reads_only=False)
def import_requests(job: Job, progress: Progress) -> Outcome:
    """A register file checked or imported as the import page does it, all or nothing, by the user who gave it;
    the report is kept for the job's page. Stopped part-way, nothing is written."""
    from tracker.web.imports import run_import  # the import page imports this module

    if _still_allowed(job).role not in (*SUPERVISING, Role.ADMIN):
        raise PermissionError("the user who asked may no longer import registers")
    args = dict(arguments_of(job))
    data = queue.read_input(job.id)
    progress.start(None)
    report, conflict = run_import(args.get("filename", ""), data, job.user, dry_run=args.get("dry_run") == "1",
                                  progress=progress)
    if report.written and not report.dry_run and not list_positions.set_again_after_import():
        current_app.logger.warning("the list's stretches were not set again after an import: writers held requests")
    return Outcome(result=import_report_record(report, conflict))


def _still_allowed(job: Job):
    """The user who asked for the job, as they are now: a job asked for by an account deactivated since fails."""
    if not job.user.active:
        raise PermissionError("the user who asked is no longer active")
    return job.user


def import_report_record(report, conflict: bool) -> dict:
    """The import's report as the page shows it, in plain values (its words already in the job's language)."""
    return {
        "dry_run": report.dry_run, "rows": report.rows, "written": report.written, "conflict": conflict,
        "new": [list(pair) for pair in report.new], "unchanged": [list(pair) for pair in report.unchanged],
        "changed": [{"line": item.line, "reference": item.reference,
                     "differences": [[str(value) for value in difference] for difference in item.differences]}
                    for item in report.changed],
        "problems": [{"line": item.line, "column": str(item.column), "message": str(item.message)}
                     for item in report.problems],
        "warnings": [{"line": item.line, "reference": item.reference, "matched_reference": item.matched_reference,
                      "matched_line": item.matched_line, "request_id": item.request_id, "visible": item.visible,
                      "shared": str(item.shared)} for item in report.warnings],
    }

