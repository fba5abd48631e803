"""The prosecutor's start page: own open requests and own overdue ones."""
from flask import Blueprint, render_template
from flask_login import current_user

from tracker import clock
from tracker.services.queries import RequestFilters, request_page

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def index():
    """Open and overdue requests of the logged-in user, most urgent first."""
    today = clock.today_local()
    overdue = request_page(RequestFilters(owner_id=current_user.id, overdue_on=today), sort="due_on",
                           descending=False, page=1, per_page=10)
    mine = request_page(RequestFilters(owner_id=current_user.id, open_only=True), sort="due_on",
                        descending=False, page=1, per_page=10)
    return render_template("dashboard/index.html", overdue=overdue, mine=mine, today=today)
