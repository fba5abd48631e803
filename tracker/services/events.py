"""Recording what the foreign side or we did that is not a status change, and what it changes on the request."""
from datetime import date, datetime

from tracker.domain import limits
from tracker.domain.foreign_events import EventFacts, event_problem
from tracker.domain.history import EventType
from tracker.domain.people import can_edit_request
from tracker.domain.statuses import Status
from tracker.extensions import db
from tracker.models import Request, RequestEvent
from tracker.services import deadlines, webhooks
from tracker.services.errors import Conflict, FieldErrors, NotPermitted

# The request column each event fills with its date.
DATE_COLUMN = {EventType.RECEIVED_ABROAD: "received_abroad_on", EventType.EXTRADITION_ARREST: "extradition_arrest_on",
               EventType.ACKNOWLEDGED: "acknowledged_on", EventType.OUTCOME_NOTIFIED: "outcome_notified_on"}
REFERENCE_LIMIT = limits.FOREIGN_REFERENCE


def record_event(actor, request: Request, event: EventType, *, on: date, note: str, reference: str,
                 expected_version: int, today: date, now: datetime) -> RequestEvent:
    """Appends the event to the history, updates what it confirms, and recomputes the deadlines."""
    if not can_edit_request(actor.role, actor.id, request.owner_id):
        raise NotPermitted()
    if expected_version != request.version:
        raise Conflict(request.version)
    reference = reference.strip()
    problem = event_problem(event, facts_of(request), on, today)
    if problem:
        raise FieldErrors({"on" if problem in ("future_date", "before_sending", "before_previous") else "event": problem})
    if len(reference) > REFERENCE_LIMIT:
        raise FieldErrors({"reference": "too_long"})
    moved_from = None
    if event == EventType.PARTIAL_EXECUTION and request.status != Status.PARTIALLY_EXECUTED:
        moved_from = request.status
        _enter_partial_execution(actor, request, on, now)
    entry = RequestEvent(event=event, recorded_at=now, author=actor, effective_on=on, note=note.strip(),
                         foreign_reference=reference, changes={})
    request.events.append(entry)
    if event in DATE_COLUMN:
        setattr(request, DATE_COLUMN[event], on)
    if reference and event in (EventType.ACKNOWLEDGED, EventType.RECEIVED_ABROAD):
        request.foreign_reference = reference
    request.updated_at = now
    deadlines.recompute(request, today)
    db.session.flush()
    if moved_from is not None:
        webhooks.enqueue(webhooks.STATUS_CHANGED, request, now, **{"from": moved_from, "to": request.status})
    return entry


def facts_of(request: Request) -> EventFacts:
    """What the event checks need from a request."""
    return EventFacts(kind=request.kind, status=request.status, status_on=request.status_on, sent_on=request.sent_on,
                      last_sent_on=request.last_sent_on, acknowledged_on=request.acknowledged_on,
                      received_abroad_on=request.received_abroad_on,
                      extradition_arrest_on=request.extradition_arrest_on,
                      outcome_notified_on=request.outcome_notified_on)


def _enter_partial_execution(actor, request, on, now):
    """The first partial execution also moves the request to "partially executed", recorded as a status change."""
    request.events.append(RequestEvent(event=EventType.STATUS_CHANGED, recorded_at=now, author=actor, effective_on=on,
                                       from_status=request.status, to_status=Status.PARTIALLY_EXECUTED, note="",
                                       changes={}))
    request.status = Status.PARTIALLY_EXECUTED
    request.status_on = on
