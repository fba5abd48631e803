"""The API's deadlines: one request's open deadlines with the history of their extensions, and the open deadlines
of the whole register the caller sees."""
from flask import jsonify, request
from flask_babel import gettext as _

from tracker import clock
from tracker.domain.deadlines import DeadlineCode
from tracker.domain.history import EventType
from tracker.services import deadlines as deadline_service
from tracker.services.deadline_register import DeadlineFilters, open_deadlines
from tracker.web.access import current_access
from tracker.web.api import ApiError, bp
from tracker.web.api.contract import DEADLINES
from tracker.web.api.query import _read
from tracker.web.api.schemas import answer
from tracker.web.api.schemas_more import DeadlinePage, RequestDeadlines
from tracker.web.api.serialize import deadline_json, iso, moment
from tracker.web.api.views import _load
from tracker.web.params import MAX_PAGE, Param

DEADLINE_PARAMS = {
    "due_within_days": Param("integer", minimum=0, maximum=365,
                             description="Only deadlines due from today to this many days ahead (0: today); "
                                         "overdue ones are asked for with `overdue`"),
    "code": Param("string", enum=DEADLINES, several=True, description="Any of these deadlines"),
    "overdue": Param("boolean", description="true: only deadlines whose last day has passed; false: only those "
                                            "still ahead"),
    "page": Param("integer", minimum=1, maximum=MAX_PAGE),
    "per_page": Param("integer", minimum=1, maximum=100),
}


@bp.get("/requests/<int:request_id>/deadlines")
def request_deadlines(request_id):
    """The request's open deadlines, nearest first, each with its rule and legal source, and every extension
    recorded, oldest first."""
    item, today = _load(request_id), clock.today_local()
    state = deadline_service.state_of(item, today)
    extensions = [{"deadline": entry.deadline.value if entry.deadline else None, "from": iso(entry.deadline_from),
                   "to": iso(entry.effective_on), "reason": entry.note,
                   "foreign_decision": entry.foreign_decision or None, "recorded_at": moment(entry.recorded_at),
                   "author": entry.author.email}
                  for entry in item.events if entry.event == EventType.DEADLINE_EXTENDED]
    return jsonify(answer(RequestDeadlines, {
        "request_id": item.id, "reference": item.reference, "due_on": iso(state.due.due_on) if state.due else None,
        "overdue": bool(item.is_open and state.overdue), "critical": state.critical,
        "deadlines": [deadline_json(d, today) for d in sorted(state.deadlines, key=lambda d: d.due_on)],
        "extensions": extensions}))


@bp.get("/deadlines")
def register_deadlines():
    """The open deadlines of the requests the caller sees, by last day, then request, one page at a time."""
    values, errors = _read(request.args, DEADLINE_PARAMS)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    filters = DeadlineFilters(within_days=values.get("due_within_days"),
                              codes=tuple(DeadlineCode(code) for code in values.get("code", ())),
                              overdue=values.get("overdue"), access=current_access())
    page, per_page, today = values.get("page", 1), values.get("per_page", 25), clock.today_local()
    found, total = open_deadlines(filters, today, offset=(page - 1) * per_page, limit=per_page)
    items = [{"request_id": entry.request.id, "reference": entry.request.reference,
              "kind": entry.request.kind.value, "country": entry.request.country_code,
              "status": entry.request.status.value, "owner": entry.request.owner.email,
              **deadline_json(entry.deadline, today), "overdue": entry.deadline.days_left(today) < 0}
             for entry in found]
    return jsonify(answer(DeadlinePage, {"items": items, "page": page, "per_page": per_page, "total": total,
                                         "pages": -(-total // per_page)}))
