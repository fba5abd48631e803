"""The JSON API (/api/v1): bearer tokens, the same roles as the pages, JSON errors, never a 500 page."""
import json

from flask import Blueprint, current_app, g, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from tracker.extensions import csrf, db
from tracker import clock
from tracker.models import TokenScope
from tracker.services.users import live_token, note_token_use

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               409: "conflict", 412: "precondition_failed", 413: "too_large", 415: "unsupported_media_type",
               422: "invalid", 428: "precondition_required", 500: "server_error", 503: "unavailable"}
PROBLEM_JSON = "application/problem+json"
# A problem's `type`: a URN per code, the same in every language, for clients to branch on.
PROBLEM_TYPE = "urn:mla-tracker:problem:{}"


def problem_titles() -> dict[int, str]:
    """The short, fixed title of each kind of problem, in the caller's language."""
    return {400: _("The request could not be understood."), 401: _("Not authenticated."),
            403: _("You do not have access to this resource."), 404: _("There is no such resource."),
            405: _("This method is not allowed here."), 409: _("Conflict with the register's current state."),
            412: _("The request was changed since you read it."), 413: _("The request is too large."),
            415: _("The body must be sent as JSON."), 422: _("Some values are not valid."),
            428: _("Say which version you read."), 500: _("Something went wrong on our side."),
            503: _("The register is unavailable for a moment.")}


class ApiError(Exception):
    """An error answered as RFC 9457 problem details with its HTTP status: `message` is the detail, `fields` the
    message per field (nested ones by dotted path, `person.birth_date`), `extra` further members (`current`)."""

    def __init__(self, status: int, message: str, fields: dict | None = None, *, headers: dict | None = None,
                 **extra):
        super().__init__(message)
        self.status, self.message, self.fields, self.extra = status, message, fields or {}, extra
        self.headers = headers or {}


def error_response(status: int, message: str, fields: dict | None = None, *, headers: dict | None = None, **extra):
    """The problem details (application/problem+json) of an error: `type` and `code` name the kind of problem,
    `title` says it in words, `detail` says what happened this time, `errors` what is wrong with each field."""
    code = ERROR_CODES.get(status, "error")
    body = {"type": PROBLEM_TYPE.format(code), "title": problem_titles().get(status, message), "status": status,
            "detail": message, "code": code, "errors": fields or {}, **extra}
    response = current_app.response_class(json.dumps(body), status=status,
                                          mimetype=PROBLEM_JSON)
    response.headers.update(headers or {})
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="MLA Tracker"'
    return response


@bp.before_request
def authenticate():
    """Every call carries `Authorization: Bearer TOKEN`; sessions and cookies play no part. The description of
    the API is open, so that client generators can fetch it: it holds no data of the register."""
    if request.endpoint == "api.openapi":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    now = clock.now()
    found = live_token(token.strip(), now) if scheme.lower() == "bearer" else None
    if found is None:
        return error_response(401, _("A valid API token is required: Authorization: Bearer TOKEN."))
    g.api_user, g.api_token = found.user, found
    note_token_use(found, now)
    if found.scope == TokenScope.READ and request.method not in ("GET", "HEAD", "OPTIONS"):
        return error_response(403, _("This token may only read."))
    return None


@bp.after_request
def say_the_language(response):
    """Messages and names follow Accept-Language: the answer says in which language it is, and caches keep one
    answer per language."""
    from tracker import labels

    response.headers["Content-Language"] = labels.language()
    response.vary.add("Accept-Language")
    return response


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    db.session.rollback()
    return error_response(error.status, error.message, error.fields, headers=error.headers, **error.extra)


def http_error_as_json(error: HTTPException):
    """Werkzeug's HTTP errors under /api/ as JSON."""
    messages = {404: _("There is no such resource."), 405: _("This method is not allowed here."),
                400: _("The request could not be understood."), 413: _("The request is too large.")}
    return error_response(error.code or 500, messages.get(error.code, error.description))


def unexpected_error_as_json():
    """The answer when something unforeseen failed: nothing was written."""
    return error_response(500, _("Something went wrong on our side; nothing was saved."))


from tracker.web.api import views  # noqa: E402,F401  (registers the routes)
from tracker.web.api import overview_api  # noqa: E402,F401  (the reference data and the two main reports)
from tracker.web.api import audit_api, deadlines_api, records_api, reports_api  # noqa: E402,F401  (issue 18)
from tracker.web.api import attachments_api, letters_api  # noqa: E402,F401  (documents and letters)
