"""Whole pages a web worker keeps: the request list, pending by country and the request page, shown again as they were
written while nothing they show has changed.

A page is kept under everything it is made of: the language, the reference data's version and the root the app is
served under (kept.page_context), the page, the user (their role and units: whose requests they see), the address's
query as sent, the day (what is overdue, due soon or critical), the settings the page reads, and the register's
version (tracker.models.RegisterVersion), which the database gives a new value in every transaction that changes
requests, their history or their documents, however written. The two versions are read in the page's first
statement, with the user: a change committed after it gives a version no page was kept under yet, so a page is never
kept under a version older than what it shows. The day is read before the page too: a page written across midnight
is kept under the day before, which no later page reads. A list that says it holds "about" so many requests (a count
kept for a minute, tracker/services/list_counts.py) is written afresh when that count would be made again.

What differs between two showings of one kept page is filled in each time: the CSRF token of the menu and the forms,
the address the language switch returns to and the user's name (tracker/web/chrome.py). The request page's read of
personal data is logged at every showing, as when it is written. A page that has something to say once (a flashed
message, a job that ended) is written afresh and not kept.
"""
from collections.abc import Callable
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask.globals import request_ctx
from flask_login import current_user

from tracker import clock
from tracker.services import list_counts
from tracker.services.reference_cache import register_version
from tracker.web import chrome
from tracker.web.jobs import WATCHED
from tracker.web.kept import kept, page_context

# Pages a worker keeps, the least recently shown dropped first: a list page is about 120 kB (its filters offer every
# country), a request page 20 kB, so at most some 15 MB.
KEPT_PAGES = 128
# The settings the kept pages read.
SETTINGS = ("REQUESTS_PER_PAGE", "LIST_EXACT_COUNT_UP_TO", "LIST_SEARCH_COUNTED_UP_TO", "EXPORT_DIRECT_ROWS",
            "ATTACHMENT_MAX_BYTES", "ATTACHMENT_UPLOAD_MAX_BYTES")


def kept_page(view: Callable | None = None, *, shown: Callable | None = None) -> Callable:
    """Keeps what `view` writes, an HTML page answered 200 to a GET, and shows it again for the same key. `shown` is
    called with the view's arguments each time a kept page is shown again, for what the view does besides writing
    the page (the request page logs its read of personal data)."""
    if view is None:
        return lambda view: kept_page(view, shown=shown)

    @wraps(view)
    def showing(*args, **kwargs):
        key = _key()
        if key is None:
            return view(*args, **kwargs)
        store = kept("kept_pages", KEPT_PAGES)
        found = store.get(key)
        if found is not None:
            parts, counted_at = found
            if counted_at is None or list_counts.still_current(counted_at):
                # Filled before `shown`, whose commit would have the user read again for their name.
                page = chrome.filled_in(parts)
                if shown is not None:
                    shown(*args, **kwargs)
                return make_response(page)
        g.chrome_filled_later = True
        try:
            response = make_response(view(*args, **kwargs))
        finally:
            g.chrome_filled_later = False
        if response.mimetype != "text/html" or response.is_streamed:
            return response
        parts = chrome.cut_at_marks(response.get_data(as_text=True))
        if response.status_code == 200 and not _says_something_once():
            store.put(key, (parts, g.get("approximate_count_made_at")))
        response.set_data(chrome.filled_in(parts))
        return response

    return showing


def _says_something_once() -> bool:
    """Whether the page showed a flashed message, or leaves one for the next page (looked at, not taken)."""
    return bool(request_ctx.flashes) or "_flashes" in session


def _key() -> tuple | None:
    """The key of this page, or None when it is not to be kept."""
    version = register_version()
    config = current_app.config
    if (not config["KEEP_PAGES"] or request.method != "GET" or not version or not current_user.is_authenticated
            or "_flashes" in session or session.get(WATCHED)):
        return None
    return (page_context(), request.path, current_user.id, request.query_string, clock.today_local(), version,
            tuple(config[name] for name in SETTINGS))
