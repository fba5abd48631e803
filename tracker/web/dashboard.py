"""The prosecutor's start page: critical extradition deadlines first, then overdue and open requests."""
from datetime import timedelta

from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from tracker import clock
from tracker.mail.digests import render_digest
from tracker.domain.deadlines import RELEASE_WINDOW_DAYS
from tracker.domain.people import SUPERVISING, Role
from tracker.domain.statuses import Status
from tracker.services.digests import prosecutor_digests, supervisor_digest
from tracker.services.queries import RequestFilters, request_page
from tracker.web.access import current_access

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def home():
    """Supervisors start from pending by country; everyone else from their own work."""
    if current_user.role in SUPERVISING:
        return redirect(url_for("reports.pending_by_country"))
    return index()


@bp.route("/my-work")
def index():
    """Critical, overdue and open requests of the logged-in user, most urgent first."""
    today = clock.today_local()
    critical = request_page(RequestFilters(access=current_access(), owner_id=current_user.id, release_due_by=today + timedelta(days=RELEASE_WINDOW_DAYS)),
                            sort="release_due_on", descending=False, page=1, per_page=20)
    overdue = request_page(RequestFilters(access=current_access(), owner_id=current_user.id, overdue_on=today), sort="due_on",
                           descending=False, page=1, per_page=10)
    mine = request_page(RequestFilters(access=current_access(), owner_id=current_user.id, pending=True), sort="due_on",
                        descending=False, page=1, per_page=10)
    drafts = request_page(RequestFilters(access=current_access(), owner_id=current_user.id, status=Status.DRAFT), sort="updated",
                          descending=True, page=1, per_page=10)
    return render_template("dashboard/index.html", critical=critical, overdue=overdue, mine=mine, drafts=drafts,
                           today=today)


@bp.route("/digest")
def digest_preview():
    """What the user's next weekly digest contains, as of today."""
    if current_user.role not in (Role.PROSECUTOR, *SUPERVISING):
        abort(403)
    today, limit = clock.today_local(), current_app.config["DIGEST_SECTION_LIMIT"]
    if current_user.role == Role.PROSECUTOR:
        content = prosecutor_digests([current_user.id], today, limit)[current_user.id]
    else:
        content = supervisor_digest(today, current_access(), limit)
    subject, _text, body = render_digest(current_user, content, today, for_page=True)
    # `body` is the digest as our own template rendered it, every value in it escaped by Jinja's autoescape.
    return render_template("dashboard/digest.html", subject=subject, body=Markup(body),  # nosec B704
                           empty=content.is_empty)

