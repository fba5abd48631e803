"""The OpenAPI 3.0 description of the operations the pages had and the API lacked: deadlines, period reports, the
list's export, the import of a register and the audit log; merged into the whole description (openapi.document)."""
from tracker.domain.access import MASK
from tracker.formats.exports import XLSX_TYPE
from tracker.web.api.audit_api import AUDIT_PARAMS
from tracker.web.api.deadlines_api import DEADLINE_PARAMS
from tracker.web.api.openapi import ID_PARAMETER, _errors, _json, _query, _ref
from tracker.web.api.query import schemas as parameter_schemas
from tracker.web.api.records_api import EXPORT_PARAMS, IMPORT_PARAMS
from tracker.web.api.reports_api import PERIOD_REPORT_PARAMETERS

REPORTS_FOR = "For supervisors, the central authority and administrators, over the requests of the units they see."


def _object(properties: dict, required=()) -> dict:
    """The schema of an object with these properties, some of them required."""
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def _report(operation_id: str, summary: str, description: str, schema: str) -> dict:
    """A period report's operation."""
    return {"get": {"operationId": operation_id, "summary": summary, "description": f"{description} {REPORTS_FOR}",
                    "tags": ["Reports"], "parameters": _query(PERIOD_REPORT_PARAMETERS),
                    "responses": {"200": {"description": "The report", **_json(_ref(schema))},
                                  **_errors(400, 401, 403, 422)}}}


def _import_refused() -> dict:
    """422 of the import: the error, with the rows that have problems."""
    refused = _errors(422)["422"]
    for media in refused["content"].values():
        media["schema"] = {"allOf": [media["schema"], _ref("ImportRefusal")]}
    return {**refused, "description": "Nothing was imported: a value is not valid, or rows have problems (`rows`)"}


def paths() -> dict:
    """The operations, by path."""
    download = {"text/csv": {"schema": {"type": "string"}},
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}
    return {
        "/requests/{request_id}/deadlines": {"parameters": [ID_PARAMETER], "get": {
            "operationId": "requestDeadlines", "summary": "A request's open deadlines and their extensions",
            "description": "The open deadlines as the request's `deadlines` has them, each with the rule and legal "
                           "source behind it, and every extension recorded with its reason (and the foreign "
                           "decision that moved a release deadline).",
            "tags": ["Deadlines"],
            "responses": {"200": {"description": "The deadlines", **_json(_ref("RequestDeadlines"))},
                          **_errors(401, 404)}}},
        "/deadlines": {"get": {
            "operationId": "listDeadlines", "summary": "Open deadlines across the register",
            "description": "Every open deadline of the requests the caller sees, one item per deadline, by last "
                           "day, then request, then deadline; a page at a time.",
            "tags": ["Deadlines"], "parameters": _query(parameter_schemas(DEADLINE_PARAMS)),
            "responses": {"200": {"description": "A page", **_json(_ref("DeadlinePage"))},
                          **_errors(400, 401, 422)}}},
        "/reports/workload": _report(
            "workloadReport", "Workload per prosecutor",
            "Per prosecutor: pending abroad, drafts and overdue today, and executed or extradited in the period "
            "(default this year to today); most overdue first.", "Workload"),
        "/reports/treaties": _report(
            "treatyUseReport", "Use of treaties",
            "Requests sent in the period (default this year to today) per legal basis and kind.", "TreatyUse"),
        "/reports/execution-times": _report(
            "executionTimesReport", "Median days to execution by country",
            "Requests executed or extradited in the period (default this year to today): per country, how many and "
            "the median of whole days from sending (of two middle ones, the mean, half a day rounded up).",
            "ExecutionTimes"),
        "/requests/export": {"get": {
            "operationId": "exportRequests", "summary": "The filtered list as CSV or XLSX",
            "description": "Every request matching the list's filters, in the list's sort, as the list page's "
                           "export: the columns the import reads back, values in the caller's language. Logged as "
                           f"a read of personal data; an administrator's file has {MASK} in place of it.",
            "tags": ["Exports"], "parameters": _query(parameter_schemas(EXPORT_PARAMS)),
            "responses": {"200": {"description": "The file", "content": download, "headers": {
                "Content-Disposition": {"description": "attachment; filename=requests-DAY.csv (or .xlsx)",
                                        "schema": {"type": "string"}}}},
                **_errors(400, 401, 422)}}},
        "/imports/requests": {"post": {
            "operationId": "importRequests", "summary": "Import a register (CSV or XLSX), or only check it",
            "description": "The import page's import: every row or none; rows already registered are compared, "
                           "never written over. With `dry_run=true` nothing is written and the answer is 200 "
                           "whatever the file holds; otherwise 201 with the requests registered, or 422 with the "
                           "rows that have problems. For supervisors, the central authority and administrators.",
            "tags": ["Import"], "parameters": _query(parameter_schemas(IMPORT_PARAMS)),
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": _object(
                {"file": {"type": "string", "format": "binary",
                          "description": "The register, named *.csv or *.xlsx"}}, required=("file",))}}},
            "responses": {"200": {"description": "Checked only", **_json(_ref("ImportReport"))},
                          "201": {"description": "Imported", **_json(_ref("ImportReport"))},
                          **_errors(400, 401, 403, 409, 413, 415), "422": _import_refused()}}},
        "/audit": {"get": {
            "operationId": "auditLog", "summary": "The audit log (administrators)",
            "description": "Every change to requests, users and reference data, newest first, filtered as on the "
                           "audit page; a page at a time. The person sought's data in requests' changes is masked.",
            "tags": ["Audit"], "parameters": _query(parameter_schemas(AUDIT_PARAMS)),
            "responses": {"200": {"description": "A page", **_json(_ref("AuditPage"))},
                          **_errors(400, 401, 403, 422)}}},
    }
