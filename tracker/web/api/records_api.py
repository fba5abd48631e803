"""The API's files: the filtered request list as CSV or XLSX, the same file as the list page's export, and the import
of a register (checked only, or registered all or nothing) as the import page takes it."""
import sqlalchemy as sa
from flask import g, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from tracker import clock, labels
from tracker.domain.people import can_import
from tracker.extensions import db
from tracker.formats.exports import SEPARATORS, table_response
from tracker.formats.report_tables import request_list_headings, request_list_rows
from tracker.models import Request
from tracker.services import queries
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.imports import run_import
from tracker.web.api import ApiError, bp
from tracker.web.api.query import LIST_PARAMS, _read, list_filters
from tracker.web.api.schemas import answer
from tracker.formats.imports import SHOWN_PROBLEMS
from tracker.web.api.schemas_more import ImportRefusal, ImportReport
from tracker.web.api.views import _permit
from tracker.web.downloads import DEFAULT_SEPARATOR, FORMATS
from tracker.web.params import Param

# The list's paging has no meaning for a file of the whole filtered list.
PAGING = ("cursor", "page", "per_page")
DOWNLOAD_PARAMS = {
    "format": Param("string", enum=FORMATS, description="csv (the default) or xlsx"),
    "sep": Param("string", enum=tuple(SEPARATORS),
                 description="The CSV separator; default the one Excel expects in the caller's language "
                             "(semicolon for kk and ru, comma for en)"),
}
EXPORT_PARAMS = {name: param for name, param in LIST_PARAMS.items() if name not in PAGING} | DOWNLOAD_PARAMS
IMPORT_PARAMS = {"dry_run": Param("boolean", description="true: check the file and write nothing; default false")}
IMPORT_TYPES = (".csv", ".xlsx")


@bp.get("/requests/export")
def export_requests():
    """Every request of the filtered list, sorted as asked, as the list page exports it: CSV or XLSX with the
    columns the import reads back; logged as a read of personal data before the first row goes out."""
    filters, sort = _export_query(request.args)
    language = labels.language()
    fmt = request.args.get("format", "csv")
    delimiter = SEPARATORS[request.args.get("sep") or DEFAULT_SEPARATOR.get(language, "comma")]
    if filters.access.personal_data:
        log_personal_data_read("export", rows=queries.request_count(filters))
    key, descending = sort.lstrip("-"), sort.startswith("-")
    rows = request_list_rows(queries.export_rows(filters, sort=key, descending=descending, language=language),
                             language, access=filters.access)
    return table_response(fmt, f"requests-{clock.today_local().isoformat()}", _("Requests"),
                          request_list_headings(), rows, delimiter=delimiter)


def _export_query(args):
    """The list's filters and sort, read as GET /requests reads them, and the download's own parameters; 400 for
    a parameter the export does not know (paging among them) or one repeated, else one 422 naming every bad value."""
    _values, errors = _read(args, EXPORT_PARAMS)
    own = {name: message for name, message in errors.items() if name in DOWNLOAD_PARAMS}
    listed = MultiDict([(name, value) for name, value in args.items(multi=True) if name not in DOWNLOAD_PARAMS])
    try:
        filters, paging = list_filters(listed)
    except ApiError as error:
        if error.status == 422:
            error.fields.update(own)
        raise
    if own:
        raise ApiError(422, _("Some parameters are not valid."), own)
    return filters, paging["sort"]


@bp.post("/imports/requests")
def import_requests():
    """Checks a register file (`dry_run=true`) or registers its new rows, all or none, as the import page does;
    rows already registered are compared and reported, never written over."""
    _permit(can_import(g.api_user.role))
    values, errors = _read(request.args, IMPORT_PARAMS)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, _("Send the file as multipart/form-data, in the part named “file”."))
    upload = _upload()
    dry_run = values.get("dry_run", False)
    report, conflict = run_import(upload.filename, upload.read(), g.api_user, dry_run=dry_run)
    if conflict:
        raise ApiError(409, _("While the file was being imported, someone registered one of its registration "
                              "numbers. Nothing was imported; check the file again."))
    body = _report_body(report)
    if dry_run:
        return answer(ImportReport, body), 200
    if report.problems:
        raise ApiError(422, _("Nothing was imported: correct the rows listed and import the file again."),
                       {"file": _("Some rows cannot be imported.")},
                       **answer(ImportRefusal, {"rows": body["rows"], "problems": body["problems"]}))
    ids = _ids_of([reference for _line, reference in report.new])
    body["created"] = [{"row": line, "reference": reference, "id": ids.get(reference)}
                       for line, reference in report.new]
    return answer(ImportReport, body), 201


def _upload():
    """The file sent in the part `file`, a CSV or XLSX by its name, or a 422; no other part is taken."""
    errors = {name: _("Unknown field.") for name in {*request.form, *request.files} if name != "file"}
    upload = request.files.get("file")
    if upload is None:
        errors["file"] = _("Choose a file.")
    elif not (upload.filename or "").lower().endswith(IMPORT_TYPES):
        errors["file"] = _("Only CSV or XLSX files can be imported.")
    if errors:
        raise ApiError(422, _("Some fields are not valid."), errors)
    return upload


def _report_body(report) -> dict:
    """What the import did, or would do: the rows it registers, those already registered as they are or different
    (left unchanged), and the rows with problems, each with a message per column. Personal data of requests already
    registered is masked for whoever may not read it."""
    access = current_access()
    # The report writes an empty value as "—", which is no personal data.
    shown = lambda column, value: value if value == "—" else access.shown(column, value)  # noqa: E731
    return {
        "dry_run": report.dry_run, "read": report.rows,
        "created": [{"row": line, "reference": reference} for line, reference in report.new],
        "unchanged": [{"row": line, "reference": reference} for line, reference in report.unchanged],
        "changed": [{"row": changed.line, "reference": changed.reference,
                     "differences": [{"column": column, "registered": shown(column, stored),
                                      "file": shown(column, given)}
                                     for column, stored, given in changed.differences]}
                    for changed in report.changed],
        "problems": len(report.problems), "rows": problem_rows(report.problems)[:SHOWN_PROBLEMS],
        "warnings": [import_warning(warning) for warning in report.warnings[:SHOWN_PROBLEMS]],
    }


def import_warning(warning) -> dict:
    """A new row that may duplicate a registered request (its id even when the caller may not see it, as the
    registration's warning gives it) or an earlier row of the file (no request id)."""
    return {"code": "possible_duplicate", "row": warning.line, "reference": warning.matched_reference,
            "request": warning.request_id, "matched_row": warning.matched_line,
            "matched_on": list(warning.matched_on)}


def problem_rows(problems) -> list[dict]:
    """The problems grouped by line, in the order found: {"row": line, "errors": {column: message}}. A problem of
    the whole file (line 0, or the headings' line without a column) is named `file`; one of a whole row, `row`."""
    rows = {}
    for problem in problems:
        column = problem.column or ("file" if problem.line <= 1 else "row")
        errors = rows.setdefault(problem.line, {})
        errors[column] = f"{errors[column]} {problem.message}" if column in errors else problem.message
    return [{"row": line, "errors": errors} for line, errors in rows.items()]


def _ids_of(references: list[str]) -> dict[str, int]:
    """The ids of the requests registered under these numbers, a chunk of numbers per query."""
    found = {}
    for start in range(0, len(references), 500):
        chunk = references[start:start + 500]
        found |= dict(db.session.execute(sa.select(Request.reference, Request.id)
                                         .where(Request.reference.in_(chunk))).all())
    return found
