"""Deadlines of requests: computing and storing them, extensions, reminders, and the rules behind them."""
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

import sqlalchemy as sa

from tracker.domain import deadlines as rules_domain
from tracker.domain.calendar import WorkCalendar
from tracker.domain.deadlines import DeadlineCode, DeadlineState, RequestFacts, RuleBook, RuleSetting, TreatyLimit
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import can_edit_request, can_move_custody_deadline
from tracker.extensions import db
from tracker.models import ArrestStart, CalendarDay, DeadlineRefresh, DeadlineRule, Request, RequestEvent, Treaty
from tracker.services import reference_cache
from tracker.services.errors import Conflict, FieldErrors, NotPermitted
from tracker.services.queries import open_condition

STORED = ("due_on", "due_deadline", "overdue", "critical", "release_due_on", "escalated", "long_pending")


def rule_book() -> RuleBook:
    """Every rule row and Kazakhstan's calendar of non-working days, as of the reference version: loaded in two
    queries once per version in each process (tracker/services/reference_cache.py), and shared; nothing changes it."""
    return reference_cache.current("rule_book", _load_rule_book)


def _load_rule_book() -> RuleBook:
    rows = db.session.scalars(sa.select(DeadlineRule))
    return RuleBook([(row.kind, RuleSetting(row.code, row.days, row.scope, row.treaty_id, row.country_code,
                                            source=row.source, counts_first_day=row.counts_first_day,
                                            ends_with=row.ends_with, moves_to_working_day=row.moves_to_working_day,
                                            source_kk=row.source_kk, source_en=row.source_en,
                                            practice_order=row.practice_order))
                     for row in rows], calendar=work_calendar())


def work_calendar() -> WorkCalendar:
    """The days that depart from the Monday-to-Friday week, as of the reference version (read in one query once per
    version in each process)."""
    return reference_cache.current("work_calendar", _load_work_calendar)


def _load_work_calendar() -> WorkCalendar:
    days_off, days_worked = set(), set()
    for day, working in db.session.execute(sa.select(CalendarDay.day, CalendarDay.working)):
        (days_worked if working else days_off).add(day)
    return WorkCalendar(frozenset(days_off), frozenset(days_worked))


def treaty_limits() -> Mapping[int, TreatyLimit]:
    """Each treaty's own provisional-arrest limit, as of the reference version (one query once per version in each
    process); read-only."""
    return reference_cache.current("treaty_limits", _load_treaty_limits)


def _load_treaty_limits() -> Mapping[int, TreatyLimit]:
    rows = db.session.execute(sa.select(Treaty.id, Treaty.arrest_limit_days, Treaty.arrest_limit_months,
                                        Treaty.arrest_counts_from))
    return MappingProxyType({tid: limit_of(days, months, start) for tid, days, months, start in rows})


def limit_of(days, months, start) -> TreatyLimit:
    """A treaty's limit as the rules take it."""
    return TreatyLimit(days, months, start == ArrestStart.NOTIFICATION)


def facts_of(request: Request, events, treaty_arrest_limit: TreatyLimit | None) -> RequestFacts:
    """The facts the rules need, from a request and its reminder and extension entries."""
    reminders = [e.effective_on for e in events if e.event == EventType.REMINDER_SENT and e.effective_on]
    extensions = tuple((e.deadline, e.deadline_from, e.effective_on) for e in events
                       if e.event == EventType.DEADLINE_EXTENDED)
    return RequestFacts(kind=request.kind, status=request.status, status_on=request.status_on,
                        sent_on=request.sent_on, detained_on=request.detained_on,
                        arrest_notified_on=request.arrest_notified_on, in_custody=request.in_custody,
                        last_reminder_on=max(reminders, default=None), treaty_id=request.treaty_id,
                        country_code=request.country_code, treaty_arrest_limit=treaty_arrest_limit,
                        extensions=extensions, last_sent_on=request.last_sent_on,
                        acknowledged_on=request.acknowledged_on, received_abroad_on=request.received_abroad_on,
                        extradition_arrest_on=request.extradition_arrest_on,
                        outcome_notified_on=request.outcome_notified_on, supplement_due_on=request.supplement_due_on)


def state_of(request: Request, today: date, rules: RuleBook | None = None) -> DeadlineState:
    """The deadlines of one request, its history already loaded."""
    # By id, not through the relationship: a new or just-edited request may not have it loaded yet.
    treaty = db.session.get(Treaty, request.treaty_id) if request.treaty_id else None
    limit = limit_of(treaty.arrest_limit_days, treaty.arrest_limit_months, treaty.arrest_counts_from) if treaty else None
    return rules_domain.compute(facts_of(request, request.events, limit), rules or rule_book(), today)


def states_of(requests: list[Request], today: date) -> dict[int, DeadlineState]:
    """The deadlines of several requests in a fixed number of queries: the rules, the treaties' limits and the
    reminder and extension entries of all of them at once."""
    if not requests:
        return {}
    rules = rule_book()
    limits = treaty_limits()
    events = _deadline_events([r.id for r in requests])
    return {r.id: rules_domain.compute(facts_of(r, events.get(r.id, []), limits.get(r.treaty_id)), rules, today)
            for r in requests}


def _deadline_events(request_ids):
    """request id -> its reminder and extension entries, oldest first, in one query."""
    found = {}
    query = (sa.select(RequestEvent)
             .where(RequestEvent.request_id.in_(request_ids),
                    RequestEvent.event.in_([EventType.REMINDER_SENT, EventType.DEADLINE_EXTENDED]))
             .order_by(RequestEvent.id))
    for entry in db.session.scalars(query):
        found.setdefault(entry.request_id, []).append(entry)
    return found


def recompute(request: Request, today: date, rules: RuleBook | None = None) -> DeadlineState:
    """Stores the due date and flags of one request after a change to it."""
    state = state_of(request, today, rules)
    for name, value in stored_values(state, today).items():
        setattr(request, name, value)
    return state


def stored_values(state: DeadlineState, today: date) -> dict:
    """The columns the register keeps for filtering, sorting and digests."""
    release = next((d for d in state.deadlines if d.code == DeadlineCode.RELEASE), None)
    return {"due_on": state.due.due_on if state.due else None,
            "due_deadline": state.due.code if state.due else None,
            "overdue": state.overdue, "critical": state.critical,
            "release_due_on": release.due_on if release else None,
            "escalated": state.escalated, "long_pending": state.long_pending}


def refresh_deadlines(today: date, *, condition=None, batch_size: int = 1000) -> dict[str, int]:
    """Recomputes the stored deadlines of every request that is open or still carries flags.

    Works in batches by id so memory stays flat, and writes only rows that changed, without touching
    their version: derived fields must not make a user's open edit form stale.
    """
    rules = rule_book()
    limits = treaty_limits()
    scope = sa.or_(open_condition(), Request.due_on.is_not(None), Request.critical, Request.escalated,
                   Request.long_pending, Request.overdue)
    if condition is not None:
        scope = sa.and_(scope, condition)
    checked = changed = 0
    last_id = 0
    while True:
        batch = list(db.session.scalars(sa.select(Request).where(scope, Request.id > last_id, Request.deleted_at.is_(None))
                                        .order_by(Request.id).limit(batch_size)))
        if not batch:
            break
        last_id = batch[-1].id
        checked += len(batch)
        changed += _refresh_batch(batch, rules, limits, today)
        db.session.expunge_all()
    return {"checked": checked, "changed": changed}


def refresh_every_deadline(today: date, now: datetime) -> dict[str, int]:
    """The nightly refresh of every request, recorded as done for `today`."""
    result = refresh_deadlines(today)
    db.session.merge(DeadlineRefresh(day=today, finished_at=now))
    db.session.flush()
    return result


def deadlines_refreshed_on(day: date) -> bool:
    """Whether the refresh of every request's deadlines completed for that day."""
    return db.session.get(DeadlineRefresh, day) is not None


def _refresh_batch(batch, rules, limits, today):
    """Recomputes one batch with one query for its history and one executemany for its changes."""
    events = _deadline_events([r.id for r in batch])
    updates = []
    for request in batch:
        state = rules_domain.compute(facts_of(request, events.get(request.id, []), limits.get(request.treaty_id)),
                                     rules, today)
        values = stored_values(state, today)
        if any(getattr(request, name) != value for name, value in values.items()):
            updates.append({"row_id": request.id, **{f"new_{k}": v for k, v in values.items()}})
    if updates:
        table = Request.__table__
        statement = (sa.update(table).where(table.c.id == sa.bindparam("row_id"))
                     .values({name: sa.bindparam(f"new_{name}") for name in STORED}))
        db.session.execute(statement, updates)
    return len(updates)


def extend_deadline(actor, request: Request, code: DeadlineCode, new_due: date, *, reason: str,
                    expected_version: int, today: date, now: datetime, foreign_decision: str = "") -> None:
    """Moves one open deadline later, with the reason recorded in the history.

    A treaty release deadline is the requested state's to move: only a supervisor records that, and only with
    the foreign decision that moved it.
    """
    _require(actor, request, expected_version)
    needs_decision = code in rules_domain.MOVED_BY_FOREIGN_DECISION
    if needs_decision and not can_move_custody_deadline(actor.role):
        raise NotPermitted()
    current = next((d for d in state_of(request, today).deadlines if d.code == code), None)
    if current is None:
        raise FieldErrors({"deadline": "no_such_deadline"})
    errors = {}
    if new_due <= current.due_on:
        errors["new_due_on"] = "not_later"
    if not reason.strip():
        errors["reason"] = "required"
    if needs_decision and not foreign_decision.strip():
        errors["foreign_decision"] = "foreign_decision_required"
    if errors:
        raise FieldErrors(errors)
    # The extension is recorded against the rule's own last day, before any move off a non-working day.
    request.events.append(RequestEvent(event=EventType.DEADLINE_EXTENDED, recorded_at=now, author=actor,
                                       effective_on=new_due, deadline=code,
                                       deadline_from=current.moved_from or current.due_on,
                                       note=reason.strip(), foreign_decision=foreign_decision.strip(),
                                       changes={}))
    request.updated_at = now
    recompute(request, today)
    db.session.flush()


def record_reminder(actor, request: Request, *, sent_on: date, channel: ReminderChannel, note: str,
                    expected_version: int, today: date, now: datetime) -> None:
    """Records a reminder sent to the foreign authority; the next reminder is counted from it."""
    _require(actor, request, expected_version)
    if not request.is_open or request.sent_on is None:
        raise FieldErrors({"sent_on": "not_with_foreign_side"})
    if sent_on > today:
        raise FieldErrors({"sent_on": "future_date"})
    if sent_on < (request.last_sent_on or request.sent_on):
        raise FieldErrors({"sent_on": "before_sending"})
    request.events.append(RequestEvent(event=EventType.REMINDER_SENT, recorded_at=now, author=actor,
                                       effective_on=sent_on, channel=channel, note=note.strip(), changes={}))
    request.updated_at = now
    recompute(request, today)
    db.session.flush()


def _require(actor, request, expected_version):
    """The actor may change the request, and nobody changed it since it was read."""
    if not can_edit_request(actor.role, actor.id, request.owner_id):
        raise NotPermitted()
    if expected_version != request.version:
        raise Conflict(request.version)
