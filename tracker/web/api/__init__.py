"""The JSON API (/api/v1): bearer tokens, the same roles as the pages, JSON errors, never a 500 page."""
from flask import Blueprint, g, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from tracker.extensions import csrf, db
from tracker import clock
from tracker.models import TokenScope
from tracker.services.users import live_token, note_token_use

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               409: "conflict", 412: "precondition_failed", 413: "too_large", 415: "unsupported_media_type", 422: "invalid", 500: "server_error",
               503: "unavailable"}


class ApiError(Exception):
    """An error answered as {"error", "message", "fields"} with its HTTP status."""

    def __init__(self, status: int, message: str, fields: dict | None = None, **extra):
        super().__init__(message)
        self.status, self.message, self.fields, self.extra = status, message, fields or {}, extra


def error_response(status: int, message: str, fields: dict | None = None, **extra):
    """The JSON body and status of an error."""
    body = {"error": ERROR_CODES.get(status, "error"), "message": message, "fields": fields or {}, **extra}
    response = jsonify(body)
    response.status_code = status
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
    return error_response(error.status, error.message, error.fields, **error.extra)


def http_error_as_json(error: HTTPException):
    """Werkzeug's HTTP errors under /api/ as JSON."""
    messages = {404: _("There is no such resource."), 405: _("This method is not allowed here."),
                400: _("The request could not be understood."), 413: _("The request is too large.")}
    return error_response(error.code or 500, messages.get(error.code, error.description))


def unexpected_error_as_json():
    """The answer when something unforeseen failed: nothing was written."""
    return error_response(500, _("Something went wrong on our side; nothing was saved."))


from tracker.web.api import views  # noqa: E402,F401  (registers the routes)
