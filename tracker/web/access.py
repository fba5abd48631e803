"""Who may open what: login for every page, roles per route."""
from functools import wraps

import sqlalchemy as sa
from flask import abort, g, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker import clock
from tracker.domain.access import NOBODY, Access
from tracker.extensions import db, login_manager
from tracker.models import User
from tracker.services.access import kept_access_of, record_read
from tracker.services.reference_cache import first_with_version


def init_login(app) -> None:
    """Every page but login requires a login; unknown or disabled users are logged out."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to open this page.")
    # A notice, not a warning: opening a page before logging in is no mistake.
    login_manager.login_message_category = "info"
    app.before_request(_require_login)


@login_manager.user_loader
def load_user(session_id: str):
    """The logged-in user from the session ("id.version", see User.get_id), while the account is active and the
    session has not been ended since (logout, new password, role change, deactivation)."""
    user_id, _, version = session_id.partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    # The page's first statement: the reference version is read with the user (reference_cache.reference_version).
    user = first_with_version(sa.select(User).where(User.id == int(user_id)))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def _require_login():
    """Sends anonymous visitors to the login page, except for the open endpoints."""
    from flask import request

    # The API authenticates every call by its token (tracker/web/api); pages by the session.
    if request.endpoint in OPEN_ENDPOINTS or request.endpoint is None or request.blueprint == "api":
        return None
    if not current_user.is_authenticated:
        if request.endpoint == "dashboard.home":
            # The front door: a newcomer is shown the login form with no notice at all.
            return redirect(url_for("auth.login"))
        return login_manager.unauthorized()
    return None


# The calendar feed is opened by calendar programs, which send no session: its secret address is its key. The health
# checks are asked by load balancers and tell nothing of the register.
OPEN_ENDPOINTS = {"auth.login", "auth.language", "static", "bootstrap.static", "calendar_feed.feed", "health.healthz",
                  "health.readyz", "health.prometheus_metrics"}


def current_access() -> Access:
    """What the logged-in user, or the API token's user, may read (tracker.domain.access); found once per request."""
    if "access" not in g:
        user = g.get("api_user") or current_user
        g.access = kept_access_of(user) if user is not None and user.is_authenticated else NOBODY
    return g.access


def log_personal_data_read(channel: str, *, request_id: int | None = None, rows: int = 1) -> None:
    """Writes in the log of reads of personal data that the current user read them at this address (one request,
    or `rows` requests of a list or an export), and commits the entry: this page or download otherwise only reads.
    Whoever sees no personal data leaves no entry (tracker.services.access.record_read).

    The reading transaction ends first, so that the entry's transaction begins with its write: on SQLite a read
    followed by a write fails at once if another user saved something in between.
    """
    from flask import request

    # What the user may read is found first: read after the commit, it would begin the entry's transaction.
    access = current_access()
    db.session.commit()
    record_read(access, channel=channel, path=request.path,
                query=request.query_string.decode("utf-8", "replace"), request_id=request_id, rows=rows,
                now=clock.now())
    db.session.commit()


def roles_required(*roles):
    """Answers 403 unless the logged-in user has one of `roles`."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator
