"""Error pages in the user's language: nothing reaches a user as a bare 500."""
from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException

from tracker.extensions import db

UNAVAILABLE = _l("The database cannot be reached right now; nothing was saved. Please try again in a minute.")

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have access to this page."),
    404: _l("There is no such page or record."),
    405: _l("This action is not available here."),
    413: _l("The file is too large."),
    500: _l("Something went wrong on our side; nothing was saved. Please try again."),
}


def init_app(app: Flask) -> None:
    """Registers one handler for HTTP errors, one for CSRF failures and one for anything unexpected."""
    app.register_error_handler(CSRFError, _csrf_error)
    for error in (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError):
        app.register_error_handler(error, _database_unavailable)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _is_api() -> bool:
    """True for calls to the JSON API."""
    from flask import request

    return request.path.startswith("/api/")


def _csrf_error(error):
    """An expired or missing form token: ask to reload rather than fail silently."""
    message = _l("The form has expired or was not sent from this site. Reload the page and try again.")
    return render_template("errors/error.html", code=400, message=message), 400


def _http_error(error: HTTPException):
    """A page for 4xx/5xx answers; JSON under /api/."""
    if _is_api():
        from tracker.web.api import http_error_as_json

        return http_error_as_json(error)
    code = error.code or 500
    message = MESSAGES.get(code, error.description)
    return render_template("errors/error.html", code=code, message=message), code


def _unexpected_error(error: Exception):
    """Rolls back anything half-done, logs the cause and shows a calm message."""
    db.session.rollback()
    from flask import current_app

    current_app.logger.exception("Unhandled error")
    if _is_api():
        from tracker.web.api import unexpected_error_as_json

        return unexpected_error_as_json()
    return render_template("errors/error.html", code=500, message=MESSAGES[500]), 500


def _database_unavailable(error):
    """The database is down or unreachable: 503 with a page that needs no database, and a retry hint."""
    from flask import current_app

    try:
        db.session.rollback()
    except sa_exc.SQLAlchemyError:
        db.session.close()
    current_app.logger.error("Database unavailable: %s", error)
    if _is_api():
        from tracker.web.api import error_response

        response = error_response(503, str(UNAVAILABLE))
    else:
        response = current_app.make_response((render_template("errors/unavailable.html", message=UNAVAILABLE), 503))
    response.headers["Retry-After"] = "30"
    return response
