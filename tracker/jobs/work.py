"""What a job does, by its kind: each reads the arguments it was asked with, reports its progress as it goes and
returns the file it made. Each runs in a worker, in an app context of its own, in the language it was asked in."""
import tempfile

from flask import g
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from tracker import clock
from tracker.formats.exports import write_table
from tracker.formats.report_tables import request_list_headings, request_list_rows
from tracker.models import Job
from tracker.services import queries
from tracker.services.access import access_of
from tracker.services.jobs import JobFile, Progress, arguments_of
from tracker.web.downloads import requested_download, separator
from tracker.web.request_list import parse_list

REQUESTS_EXPORT = "requests-export"


def export_requests(job: Job, progress: Progress) -> JobFile:
    """The request list export, filtered and sorted as the list was when it was asked for, read with what its user
    may see now (a user who lost a unit since does not get its requests)."""
    args = MultiDict(arguments_of(job))
    g.access = access_of(job.user)
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
    return JobFile(spool, f"requests-{clock.today_local().isoformat()}.{fmt}", media_type)


# The kinds of job, by the name kept in the queue.
WORK = {REQUESTS_EXPORT: export_requests}
