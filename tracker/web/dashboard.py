"""The prosecutor's start page: critical extradition deadlines first, then overdue and open requests."""
from datetime import timedelta

from flask import Blueprint, render_template
from flask_login import current_user

from tracker import clock
from tracker.domain.deadlines import RELEASE_ALERT_DAYS
from tracker.services.queries import RequestFilters, request_page

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def index():
    """Critical, overdue and open requests of the logged-in user, most urgent first."""
    today = clock.today_local()
    critical = request_page(RequestFilters(owner_id=current_user.id, release_due_by=today + timedelta(days=RELEASE_WINDOW)),
                            sort="release_due_on", descending=False, page=1, per_page=20)
    overdue = request_page(RequestFilters(owner_id=current_user.id, overdue_on=today), sort="due_on",
                           descending=False, page=1, per_page=10)
    mine = request_page(RequestFilters(owner_id=current_user.id, open_only=True), sort="due_on",
                        descending=False, page=1, per_page=10)
    return render_template("dashboard/index.html", critical=critical, overdue=overdue, mine=mine, today=today)


# Extradition requests whose release deadline is this close are shown above everything else.
RELEASE_WINDOW = max(RELEASE_ALERT_DAYS)
