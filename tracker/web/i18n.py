"""Choosing the language and time zone of each page."""
from flask import current_app, has_request_context, request, session
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError


def select_locale() -> str:
    """The user's preference; before login the language chosen on the page, else the browser's."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # commands and jobs choose their language with force_locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if request.blueprint == "api" or request.path.startswith("/api/"):
        return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    try:
        if current_user and current_user.is_authenticated:
            return current_user.language.value
    except SQLAlchemyError:  # the database is down: the outage page still speaks the browser's language
        pass
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    """Every time is shown in the Almaty calendar the deadlines are counted in."""
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]
