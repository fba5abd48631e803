"""The administrators' page of the log of reads of personal data: who read the data of persons sought, when, through
which channel and what, filtered, and downloaded for the data-protection officer."""
from flask import render_template, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker import clock, labels
from tracker.extensions import db
from tracker.formats.exports import table_response
from tracker.services.read_log import ReadLogFilters, read_log, read_log_rows, references_of
from tracker.services.users import all_users
from tracker.web.admin import bp
from tracker.web.downloads import requested_download, separator
from tracker.web.params import MAX_ID, MAX_PAGE, Param, read_or_refuse

READ_CHANNELS = {"page": _l("Web page"), "export": _l("Download"), "api": _l("API"),
                 "document": _l("Document downloaded")}
READ_PARAMS = {"user": Param("integer", minimum=1, maximum=MAX_ID, label=_l("Who")),
               "reference": Param("string", max_length=60, label=_l("Registration number")),
               "from": Param("date", label=_l("From")), "to": Param("date", label=_l("To")),
               "page": Param("integer", minimum=1, maximum=MAX_PAGE, label=_l("Page"))}
PER_PAGE = 50


def _filters() -> tuple[ReadLogFilters, dict]:
    """The log's filters from the address, and the values read; a value that cannot be read is refused (400)."""
    values = read_or_refuse(request.args, READ_PARAMS)
    return ReadLogFilters(user_id=values.get("user"), reference=values.get("reference", "").strip() or None,
                          start=values.get("from"), end=values.get("to")), values


@bp.route("/personal-data-reads")
def personal_data_reads():
    """The log of reads of personal data, newest first, filtered by reader, request and days."""
    filters, values = _filters()
    page = db.paginate(read_log(filters), page=values.get("page", 1), per_page=PER_PAGE, error_out=False)
    return render_template("admin/personal_data_reads.html", page=page, people={u.id: u for u in all_users()},
                           references=references_of(page.items), channels=READ_CHANNELS, address=address,
                           args=request.args)


@bp.route("/personal-data-reads/export")
def export_personal_data_reads():
    """The filtered log as CSV or XLSX, newest first, for the data-protection officer."""
    filters, _values = _filters()
    language = labels.language()
    fmt, delimiter = requested_download(request.args, language) or ("csv", separator(request.args, language))
    headings = [_("When"), _("Who"), _("Email"), _("Channel"), _("Registration number"), _("Web address"),
                _("Requests")]
    return table_response(fmt, f"personal-data-reads-{clock.today_local().isoformat()}",
                          str(_l("Reads of personal data")), headings, _export_rows(filters), delimiter=delimiter)


def _export_rows(filters: ReadLogFilters):
    """The log's rows as the page shows them: the moment in Almaty time to the second, the channel by its name."""
    channels = {code: str(title) for code, title in READ_CHANNELS.items()}
    for row in read_log_rows(filters):
        yield [format_datetime(row.read_at, "dd.MM.yyyy HH:mm:ss"), row.name, row.email,
               channels.get(row.channel, row.channel), row.reference or "", address(row.path, row.query), row.rows]


def address(path: str, query: str) -> str:
    """The address read: its path, and its query when it has one."""
    return f"{path}?{query}" if query else path
