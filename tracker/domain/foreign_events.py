"""Which events that are not status changes a request can record, and when: receipt abroad, extradition
arrest, acknowledgement, partial execution, the outcome notified to the requested state."""
from dataclasses import dataclass
from datetime import date

from tracker.domain.history import EventType
from tracker.domain.statuses import WITH_FOREIGN_SIDE, Kind, Status, is_open

E = EventType
# The kinds each event applies to.
EVENT_KINDS = {
    E.RECEIVED_ABROAD: (Kind.EXTRADITION,),
    E.EXTRADITION_ARREST: (Kind.EXTRADITION,),
    E.ACKNOWLEDGED: tuple(Kind),
    E.PARTIAL_EXECUTION: (Kind.MLA,),
    E.OUTCOME_NOTIFIED: (Kind.EXTRADITION,),
}
# After these the requested state is told the outcome.
OUTCOME_STATUSES = (Status.EXTRADITED, Status.REFUSED)


@dataclass(frozen=True)
class EventFacts:
    """What the checks need to know about the request an event is recorded on."""

    kind: Kind
    status: Status
    status_on: date
    sent_on: date | None
    last_sent_on: date | None
    acknowledged_on: date | None
    received_abroad_on: date | None
    extradition_arrest_on: date | None
    outcome_notified_on: date | None


def event_problem(event: EventType, facts: EventFacts, on: date, today: date) -> str | None:
    """Why `event` cannot be recorded on `on` for this request (an error code), or None."""
    if event not in EVENT_KINDS or facts.kind not in EVENT_KINDS[event]:
        return "event_not_for_kind"
    if on > today:
        return "future_date"
    if event == E.OUTCOME_NOTIFIED:
        if facts.status not in OUTCOME_STATUSES:
            return "no_outcome_yet"
        if facts.outcome_notified_on is not None:
            return "already_recorded"
        return "before_previous" if on < facts.status_on else None
    sending = facts.last_sent_on or facts.sent_on
    if sending is None or not is_open(facts.kind, facts.status):
        return "not_with_foreign_side"
    if on < sending:
        return "before_sending"
    return _once_only(event, facts, sending) or _status_problem(event, facts, on)


def _once_only(event, facts, sending):
    """Receipt and arrest happen once; an acknowledgement once for each sending."""
    recorded = {E.RECEIVED_ABROAD: facts.received_abroad_on, E.EXTRADITION_ARREST: facts.extradition_arrest_on,
                E.ACKNOWLEDGED: facts.acknowledged_on if facts.acknowledged_on and facts.acknowledged_on >= sending
                else None}.get(event)
    return "already_recorded" if recorded is not None else None


def _status_problem(event, facts, on):
    """A partial execution is recorded while the request is executed abroad, and is dated after its status."""
    if event == E.PARTIAL_EXECUTION:
        if facts.status not in WITH_FOREIGN_SIDE:
            return "not_with_foreign_side"
        if on < facts.status_on:
            return "before_previous"
    return None
