"""Error pages in the user's language: nothing reaches a user as a bare 500."""
from contextlib import nullcontext

import sqlalchemy as sa
from flask import Flask, g, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException

from tracker.extensions import db, login_manager

UNAVAILABLE = _l("The database cannot be reached right now; nothing was saved. Please try again in a minute.")

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have access to this page."),
    404: _l("There is no such page or record."),
    405: _l("This action is not available here."),
    413: _l("The file is too large."),
    500: _l("Something went wrong on our side; nothing was saved. Please try again."),
}


# What SQLAlchemy raises when the database cannot be reached.
UNAVAILABLE_ERRORS = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError)


def init_app(app: Flask) -> None:
    """Registers one handler for HTTP errors, one for CSRF failures and one for anything unexpected."""
    app.register_error_handler(CSRFError, _csrf_error)
    for error in UNAVAILABLE_ERRORS:
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

        return _with_headers_of(error, http_error_as_json(error))
    from flask import current_app

    code = error.code or 500
    message = MESSAGES.get(code, error.description)
    try:
        page = current_app.make_response((render_template("errors/error.html", code=code, message=message), code))
    except UNAVAILABLE_ERRORS as unavailable:
        # The page's menu names the logged-in user, who is looked up when the page is written: with the database
        # down, the page that needs none is shown instead of a bare 500.
        return _database_unavailable(unavailable)
    return _with_headers_of(error, page)


def _with_headers_of(error: HTTPException, response):
    """Keeps the headers the error itself carries, such as the methods a 405 allows (`Allow`)."""
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


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

    language = _language_of_loaded_user()
    try:
        db.session.rollback()
    except sa_exc.SQLAlchemyError:
        db.session.close()
    # The error's kind, not its text: that holds the statement and its values, which may name people.
    current_app.logger.error("Database unavailable: %s (%s)", type(error).__name__,
                             type(getattr(error, "orig", None) or error).__name__)
    if _is_api():
        from tracker.web.api import error_response

        response = error_response(503, str(UNAVAILABLE))
    else:
        # Flask-Login hands every template the current user, looking a logged-in one up in the database again
        # (a bare 500 instead of this page); the page needs nobody, only the language.
        g._login_user = login_manager.anonymous_user()
        with force_locale(language) if language else nullcontext():
            page = render_template("errors/unavailable.html", message=UNAVAILABLE)
        response = current_app.make_response((page, 503))
    response.headers["Retry-After"] = "30"
    return response


def _language_of_loaded_user() -> str | None:
    """The language of the user this request already loaded, if any, read without asking the database."""
    state = sa.inspect(g.get("_login_user"), raiseerr=False)  # None for nobody or an anonymous visitor
    language = state.dict.get("language") if state is not None else None  # as loaded; an expired one is absent
    return language.value if language is not None else None
