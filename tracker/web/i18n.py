"""Choosing the language and time zone of each page."""
from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_babel import get_translations
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


def current_translations():
    """The translations of the current language, as Flask-Babel gives them, found again only when the language
    changed (force_locale, or a refresh): a page translates some hundred words, and asking Flask-Babel each time
    (its context, the locale, the locale's name) cost a tenth of the request list's time."""
    if not has_app_context():
        return get_translations()
    state = g.get("_flask_babel")
    kept = getattr(state, "tracker_translations", None) if state is not None else None
    if kept is not None and kept[0] is getattr(state, "babel_locale", None):
        return kept[1]
    translations = get_translations()
    state = g.get("_flask_babel")
    if state is not None:
        state.tracker_translations = (getattr(state, "babel_locale", None), translations)
    return translations


def install_template_translations(app) -> None:
    """The templates' _() and ngettext() read current_translations(); otherwise as Flask-Babel installs them."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: current_translations().ugettext(text),
        ngettext=lambda singular, plural, number: current_translations().ungettext(singular, plural, number),
        pgettext=lambda context, text: current_translations().upgettext(context, text),
        npgettext=lambda context, singular, plural, number: current_translations().unpgettext(
            context, singular, plural, number),
        newstyle=True,
    )
