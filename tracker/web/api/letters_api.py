"""The API's letters: a request's letters and the statistics reply, as DOCX generated from the record."""
import io

from flask import g, request, send_file
from flask_babel import gettext as _

from tracker import clock, labels
from tracker.formats import letters as letter_files
from tracker.formats.letter_templates import BLANK_NAMES, LANGUAGES, REQUEST_LETTERS
from tracker.formats.letter_values import request_letter_values, statistics_letter_values
from tracker.services import letters as service
from tracker.services import reports
from tracker.services.errors import NotPermitted
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.api import ApiError, bp
from tracker.web.api.query import PERIOD_PARAMETERS, REPORT_PARAMETERS, _read, report_query
from tracker.web.params import Param, read
from tracker.web.downloads import attachment_disposition

# Names of the pydantic answer models of this module, for the OpenAPI description's components: the answers are
# files, described in openapi_paths.
ANSWERS: list[str] = []

LETTER_PARAMS = {"lang": Param("string", enum=LANGUAGES,
                               description="The letter's language; default the Accept-Language one (kk, ru or en)")}
SENDER_PARAM = {"sender": Param("boolean", description="Name the office as the sender in the paragraph")}
BLANKS_HEADERS = {
    "X-Letter-Blanks": {"description": "How many blanks the letter has: facts the record lacks, marked in the text "
                                       "as [missing: …] / [не указано: …] / [көрсетілмеген: …] to be filled in by hand",
                        "schema": {"type": "integer", "minimum": 0}},
    "X-Letter-Blank-Fields": {"description": "The blanks by name, comma-separated, in the order they appear "
                                             "(e.g. `articles_text, actions_requested`); empty when there are none",
                              "schema": {"type": "string"}}}


def _language(values: dict) -> str:
    """The language asked for, else the caller's (Accept-Language) when it is one of the letters'."""
    return values.get("lang") or (labels.language() if labels.language() in LANGUAGES else "ru")


def _docx(letter: letter_files.Letter, filename: str, language: str):
    """The letter as a download, its blanks counted and named in headers."""
    names = {text: name for name, text in ((name, letter_files.blank(language, name))
                                           for name in BLANK_NAMES[language])}
    response = send_file(io.BytesIO(letter.content), mimetype=letter_files.DOCX_TYPE, as_attachment=True,
                         download_name=filename)
    response.headers["Content-Disposition"] = attachment_disposition(filename)
    response.headers["X-Letter-Blanks"] = str(len(letter.blanks))
    response.headers["X-Letter-Blank-Fields"] = ", ".join(names.get(text, "other") for text in letter.blanks)
    return response


@bp.get("/requests/<int:request_id>/letters/<letter>")
def request_letter(request_id, letter):
    """The request itself, a reminder to the foreign authority or the cover of our supplementary information, as DOCX
    generated from the record; facts the record lacks are marked blanks, counted and named in the headers. A
    reminder is offered while the request is sent and open, a supplement cover while the requested state waits for
    one (409 otherwise). Logged as a read of the request's personal data; a caller who may not read personal data
    (the administrator) gets 403."""
    if letter not in REQUEST_LETTERS:
        raise ApiError(404, _("There is no such letter."))
    values, errors = _read(request.args, LETTER_PARAMS)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    from tracker.web.api.views import _load

    item = _load(request_id)
    language = _language(values)
    try:
        facts = service.letter_facts(current_access(), item, letter, clock.today_local())
    except NotPermitted:
        raise ApiError(403, _("You do not have access to this resource.")) from None
    except service.NotOffered:
        raise ApiError(409, _("This letter is not offered for the request as it stands.")) from None
    generated = letter_files.render(letter, language, request_letter_values(letter, facts, language, g.api_user))
    response = _docx(generated, f"{letter}-{item.reference}-{language}.docx", language)
    log_personal_data_read("api", request_id=item.id)
    return response


@bp.get("/reports/statistics/letter")
def statistics_letter():
    """The statistics reply as DOCX: the period's paragraph and tables, the same figures as
    GET /reports/statistics for the same parameters."""
    from tracker.web.api.views import _require_reports
    from tracker.web.reports import statistics_sender

    _require_reports()
    today = clock.today_local()
    filters, start, end, as_of = report_query(request.args, today, period=True, also=("sender", "lang"))
    values, errors = read(request.args, LETTER_PARAMS | SENDER_PARAM)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    language = _language(values)
    sender = statistics_sender(language) if values.get("sender") else ""
    stats = reports.statistics(start, end, as_of, filters)
    generated = letter_files.render("statistics", language,
                                    statistics_letter_values(stats, language, g.api_user, today, sender))
    return _docx(generated, f"statistics-{start.isoformat()}-{end.isoformat()}-{language}.docx", language)


def openapi_paths() -> dict:
    """This module's operations, as the OpenAPI description lists them."""
    from tracker.web.api.openapi import ID_PARAMETER, _errors, _query

    docx = {"description": "The letter (DOCX)", "headers": {
        "Content-Disposition": {"description": "attachment; filename=LETTER-REFERENCE-LANG.docx",
                                "schema": {"type": "string"}}, **BLANKS_HEADERS},
        # The answer is always DOCX; application/octet-stream is listed too only for client generators, which read
        # no other type as bytes.
        "content": {media_type: {"schema": {"type": "string", "format": "binary"}}
                    for media_type in (letter_files.DOCX_TYPE, "application/octet-stream")}}
    letter_parameter = {"name": "letter", "in": "path", "required": True,
                        "schema": {"type": "string", "enum": list(REQUEST_LETTERS)},
                        "description": "`request` (the request itself), `reminder`, `supplement_cover`"}
    lang = {name: param.schema() for name, param in LETTER_PARAMS.items()}
    return {
        "/requests/{request_id}/letters/{letter}": {"parameters": [ID_PARAMETER, letter_parameter], "get": {
            "operationId": "requestLetter", "summary": "A letter of the request, generated from the record",
            "tags": ["Documents"], "parameters": _query(lang),
            "responses": {"200": docx, **_errors(400, 401, 403, 404, 409, 422)}}},
        "/reports/statistics/letter": {"get": {
            "operationId": "statisticsLetter", "summary": "The statistics reply letter",
            "tags": ["Reports"],
            "parameters": _query(PERIOD_PARAMETERS, required=("from", "to")) + _query(
                {k: v for k, v in REPORT_PARAMETERS.items() if k != "as_of"}) + _query(
                lang | {name: param.schema() for name, param in SENDER_PARAM.items()}),
            "responses": {"200": docx, **_errors(400, 401, 403, 422)}}},
    }
