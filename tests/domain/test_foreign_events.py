"""Which events that are not status changes a request records, and when, checked without an app."""
from datetime import date, timedelta

import pytest

from tracker.domain.foreign_events import EventFacts, event_problem
from tracker.domain.history import FOREIGN_EVENTS, EventType
from tracker.domain.statuses import Kind, Status

SENT = date(2026, 10, 1)
TODAY = date(2026, 11, 2)
E = EventType


def _facts(kind=Kind.EXTRADITION, status=Status.SENT, **changes):
    values = dict(kind=kind, status=status, status_on=SENT, sent_on=SENT, last_sent_on=SENT, acknowledged_on=None,
                  received_abroad_on=None, extradition_arrest_on=None, outcome_notified_on=None)
    values.update(changes)
    return EventFacts(**values)


@pytest.mark.parametrize("event,kind,allowed", [
    (E.RECEIVED_ABROAD, Kind.EXTRADITION, True), (E.RECEIVED_ABROAD, Kind.MLA, False),
    (E.RECEIVED_ABROAD, Kind.TRANSFER, False), (E.EXTRADITION_ARREST, Kind.EXTRADITION, True),
    (E.EXTRADITION_ARREST, Kind.MLA, False), (E.ACKNOWLEDGED, Kind.MLA, True),
    (E.ACKNOWLEDGED, Kind.TRANSFER, True), (E.ACKNOWLEDGED, Kind.EXTRADITION, True),
    (E.PARTIAL_EXECUTION, Kind.MLA, True), (E.PARTIAL_EXECUTION, Kind.EXTRADITION, False),
    (E.REMINDER_SENT, Kind.MLA, False), (E.STATUS_CHANGED, Kind.MLA, False)])
def test_each_event_belongs_to_its_kinds(event, kind, allowed):
    problem = event_problem(event, _facts(kind=kind), SENT + timedelta(days=3), TODAY)
    assert (problem is None) is allowed, problem
    if not allowed:
        assert problem == "event_not_for_kind"


@pytest.mark.parametrize("event", [e for e in FOREIGN_EVENTS if e != E.OUTCOME_NOTIFIED])
def test_nothing_is_confirmed_before_the_request_was_sent_or_in_the_future(event):
    kind = Kind.MLA if event == E.PARTIAL_EXECUTION else Kind.EXTRADITION
    assert event_problem(event, _facts(kind=kind), SENT - timedelta(days=1), TODAY) == "before_sending"
    assert event_problem(event, _facts(kind=kind), TODAY + timedelta(days=1), TODAY) == "future_date"
    unsent = _facts(kind=kind, status=Status.DRAFT, sent_on=None, last_sent_on=None)
    assert event_problem(event, unsent, TODAY, TODAY) == "not_with_foreign_side"


def test_receipt_and_arrest_are_recorded_once():
    assert event_problem(E.RECEIVED_ABROAD, _facts(received_abroad_on=SENT), TODAY, TODAY) == "already_recorded"
    assert event_problem(E.EXTRADITION_ARREST, _facts(extradition_arrest_on=SENT), TODAY, TODAY) == "already_recorded"


def test_an_acknowledgement_is_recorded_once_per_sending():
    again = SENT + timedelta(days=20)
    acknowledged = _facts(kind=Kind.MLA, acknowledged_on=SENT + timedelta(days=2))
    assert event_problem(E.ACKNOWLEDGED, acknowledged, TODAY, TODAY) == "already_recorded"
    resent = _facts(kind=Kind.MLA, acknowledged_on=SENT + timedelta(days=2), last_sent_on=again, status_on=again)
    assert event_problem(E.ACKNOWLEDGED, resent, again + timedelta(days=1), TODAY) is None
    assert event_problem(E.ACKNOWLEDGED, resent, again - timedelta(days=1), TODAY) == "before_sending"


@pytest.mark.parametrize("status,allowed", [(Status.SENT, True), (Status.PENDING, True),
                                            (Status.PARTIALLY_EXECUTED, True), (Status.SUPPLEMENT_REQUESTED, True),
                                            (Status.RETURNED, False), (Status.EXECUTED, False)])
def test_partial_executions_are_recorded_while_the_request_is_executed_abroad(status, allowed):
    problem = event_problem(E.PARTIAL_EXECUTION, _facts(kind=Kind.MLA, status=status), TODAY, TODAY)
    assert (problem is None) is allowed, problem


def test_a_second_partial_execution_is_dated_after_the_first():
    facts = _facts(kind=Kind.MLA, status=Status.PARTIALLY_EXECUTED, status_on=SENT + timedelta(days=10))
    assert event_problem(E.PARTIAL_EXECUTION, facts, SENT + timedelta(days=30), TODAY) is None
    assert event_problem(E.PARTIAL_EXECUTION, facts, SENT + timedelta(days=5), TODAY) == "before_previous"


@pytest.mark.parametrize("status,problem", [(Status.EXTRADITED, None), (Status.REFUSED, None),
                                            (Status.GRANTED, "no_outcome_yet"), (Status.PENDING, "no_outcome_yet")])
def test_the_outcome_is_notified_after_extradition_or_refusal_once(status, problem):
    facts = _facts(status=status, status_on=SENT + timedelta(days=10))
    assert event_problem(E.OUTCOME_NOTIFIED, facts, TODAY, TODAY) == problem
    if problem is None:
        notified = _facts(status=status, outcome_notified_on=TODAY)
        assert event_problem(E.OUTCOME_NOTIFIED, notified, TODAY, TODAY) == "already_recorded"
        assert event_problem(E.OUTCOME_NOTIFIED, facts, SENT, TODAY) == "before_previous"
