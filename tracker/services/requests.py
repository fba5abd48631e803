"""Registering requests and keeping them up to date: edits, status changes, reassignment."""
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from tracker.domain.deadlines import RequestFacts, RuleBook
from tracker.domain.deadlines import compute as compute_deadlines
from tracker.domain.history import EventType
from tracker.domain.people import SUPERVISING, can_create_request, can_edit_request, can_reassign
from tracker.domain.statuses import Kind, RefusalGround, Status, can_start_transfer_from, check_transition
from tracker.extensions import db
from tracker.models import Request, RequestEvent, Treaty, User
from tracker.models.audit import record_bulk_inserts
from tracker.models.requests import search_text_of
from tracker.services import deadlines, webhooks
from tracker.services.access import access_of
from tracker.services.errors import Conflict, FieldErrors, NotPermitted
from tracker.services.treaties import treaty_refusal

COMMON_FIELDS = ("reference", "country_code", "authority", "treaty_id", "case_number", "crime_category_id",
                 "articles", "summary", "in_custody")
EXTRADITION_FIELDS = ("person_name", "person_name_latin", "person_birth_date", "person_citizenship",
                      "detained_on", "arrest_notified_on", "decision", "surrendered_on")
HOME_COUNTRY = "KZ"
# What an import also records of a request taken over from an earlier register.
IMPORTED_FACTS = ("received_abroad_on", "acknowledged_on", "foreign_reference", "refusal_ground")


def editable_fields(kind: Kind) -> tuple[str, ...]:
    """The fields a user edits on a request of this kind."""
    return COMMON_FIELDS + (EXTRADITION_FIELDS if kind == Kind.EXTRADITION else ())


def create_request(actor: User, kind: Kind, data: dict, *, owner: User | None, sent_on: date | None,
                   today: date, now: datetime, origin: Request | None = None) -> Request:
    """Registers a request as a draft, or as sent on `sent_on`; records both steps in its history.

    `origin` is the refused extradition request a transfer of proceedings is started from.
    """
    if not can_create_request(actor.role):
        raise NotPermitted()
    if owner is not None and owner.id != actor.id and actor.role not in SUPERVISING:
        raise FieldErrors({"owner_id": "own_requests_only"})  # said, rather than silently made the actor's own
    owner = owner or actor
    fields = {name: data.get(name) for name in editable_fields(kind)}
    _check_fields(kind, fields, today=today, request_id=None, day=sent_on or today)
    if origin is not None and not can_start_transfer_from(origin.kind, origin.status):
        raise FieldErrors({"origin": "not_a_refused_extradition"})
    if sent_on is not None and sent_on > today:
        raise FieldErrors({"sent_on": "future_date"})
    if not _assignable(actor, owner):
        raise FieldErrors({"owner_id": "not_assignable"})
    created_on = sent_on or today
    request = Request(kind=kind, owner=owner, status=Status.DRAFT, status_on=created_on, created_at=now,
                      updated_at=now, origin=origin if kind == Kind.TRANSFER else None, **_with_defaults(fields))
    with _unique_reference(fields["reference"], None):
        db.session.add(request)
        _record(request, actor, EventType.CREATED, now, effective_on=created_on, to_status=Status.DRAFT)
        if sent_on is not None:
            _move(request, actor, Status.SENT, sent_on, note="", ground=None, now=now)
        deadlines.recompute(request, today)
        db.session.flush()
    webhooks.enqueue(webhooks.REQUEST_CREATED, request, now)
    return request


def update_request(actor: User, request: Request, data: dict, *, expected_version: int, today: date,
                   now: datetime) -> dict:
    """Saves edited fields if nobody changed the request since `expected_version`; returns the changes."""
    _require_edit(actor, request)
    _require_version(request, expected_version)
    fields = {name: data.get(name) for name in editable_fields(request.kind)}
    # A request keeps the basis it was registered on: the treaty is checked again only when it or the country
    # changes (a request whose treaty no longer fits is listed for the administrators instead).
    basis_changed = (fields.get("treaty_id"), fields.get("country_code")) != (request.treaty_id, request.country_code)
    _check_fields(request.kind, fields, today=today, request_id=request.id, day=request.sent_on or today,
                  check_treaty=basis_changed)
    changes = {}
    with _unique_reference(fields["reference"], request.id):
        for name, value in _with_defaults(fields).items():
            old = getattr(request, name)
            if old != value:
                changes[name] = [_text(old), _text(value)]
                setattr(request, name, value)
        if changes:
            request.updated_at = now
            _record(request, actor, EventType.EDITED, now, changes=changes)
            deadlines.recompute(request, today)
        db.session.flush()
    return changes


def change_status(actor: User, request: Request, target: Status, *, effective_on: date, note: str,
                  ground: RefusalGround | None, expected_version: int, today: date, now: datetime,
                  term_on: date | None = None) -> None:
    """Moves the request along its workflow, recording who, when, why and the effective date.

    `term_on` is the date by which the requested state asked for the supplementary information. For
    "extradited", the effective date is the date of surrender.
    """
    _require_edit(actor, request)
    _require_version(request, expected_version)
    check_transition(request.kind, request.status, target, effective_on=effective_on,
                     previous_on=request.status_on, today=today, ground=ground)
    if term_on is not None and target != Status.SUPPLEMENT_REQUESTED:
        raise FieldErrors({"term_on": "term_not_applicable"})
    if term_on is not None and term_on < effective_on:
        raise FieldErrors({"term_on": "term_before_request"})
    previous = request.status
    _move(request, actor, target, effective_on, note=note, ground=ground, now=now, term_on=term_on)
    deadlines.recompute(request, today)
    db.session.flush()
    webhooks.enqueue(webhooks.STATUS_CHANGED, request, now, **{"from": previous, "to": target})


@dataclass(frozen=True)
class ExistingRequest:
    """A request taken over from an earlier register, already checked: its fields, owner and status."""

    kind: Kind
    fields: dict
    owner_id: int
    sent_on: date | None
    status: Status
    status_on: date
    note: str


def register_existing(actor: User, items: list[ExistingRequest], *, rules: RuleBook,
                      arrest_limits: Mapping, today: date, now: datetime) -> list[int]:
    """Registers many checked requests in a few statements; returns their ids.

    Each gets the history a register entry implies: registered (as sent on `sent_on`), then straight to its
    current status on `status_on`; refusal grounds stay unknown. Deadlines come from the same rules as
    everywhere; with no reminders or extensions yet, the facts are all in the row.
    """
    rows = []
    for item in items:
        # Every row carries every column, so the rows go to the database in shared multi-row statements.
        fields = _with_defaults({name: item.fields.get(name) for name in editable_fields(Kind.EXTRADITION)
                                 + IMPORTED_FACTS})
        fields["in_custody"] = bool(fields["in_custody"])
        fields["foreign_reference"] = fields["foreign_reference"] or ""
        facts = RequestFacts(kind=item.kind, status=item.status, status_on=item.status_on, sent_on=item.sent_on,
                             detained_on=fields["detained_on"], arrest_notified_on=fields["arrest_notified_on"],
                             in_custody=fields["in_custody"],
                             treaty_id=fields["treaty_id"], country_code=fields["country_code"],
                             treaty_arrest_limit=arrest_limits.get(fields["treaty_id"]), last_sent_on=item.sent_on,
                             acknowledged_on=fields["acknowledged_on"],
                             received_abroad_on=fields["received_abroad_on"])
        derived = deadlines.stored_values(compute_deadlines(facts, rules, today), today)
        rows.append(fields | derived | {
            "kind": item.kind, "owner_id": item.owner_id, "status": item.status, "status_on": item.status_on,
            "sent_on": item.sent_on, "last_sent_on": item.sent_on, "created_at": now, "updated_at": now, "version": 1,
            "search_text": search_text_of(fields["reference"], fields["case_number"], fields["person_name"],
                                          fields["person_name_latin"])})
    # Every row carries every column, so one executemany of a plain table insert writes them all, without the
    # ORM's per-row bookkeeping. The ids are read back by registration number: SQLite cannot promise RETURNING in
    # the order of a multi-row insert.
    db.session.execute(Request.__table__.insert(), rows)
    references = [row["reference"] for row in rows]
    found = dict(db.session.execute(sa.select(Request.reference, Request.id)
                                    .where(Request.reference.in_(references))).all())
    ids = [found[reference] for reference in references]
    record_bulk_inserts(db.session, Request.__tablename__,
                        [row | {"id": request_id} for row, request_id in zip(rows, ids, strict=True)])
    entries = []
    for request_id, item in zip(ids, items, strict=True):
        def entry(event, effective_on, from_status=None, to_status=None, note="", ground=None, reference="",
                  request_id=request_id):
            return {"request_id": request_id, "event": event, "recorded_at": now, "author_id": actor.id,
                    "effective_on": effective_on, "from_status": from_status, "to_status": to_status,
                    "ground": ground, "channel": None, "deadline": None, "deadline_from": None, "note": note,
                    "foreign_reference": reference, "foreign_decision": "", "changes": {}}
        entries.append(entry(EventType.CREATED, item.sent_on or item.status_on, None, Status.DRAFT, item.note))
        if item.sent_on is not None:
            entries.append(entry(EventType.STATUS_CHANGED, item.sent_on, Status.DRAFT, Status.SENT))
        confirmed = [(EventType.ACKNOWLEDGED, item.fields.get("acknowledged_on")),
                     (EventType.RECEIVED_ABROAD, item.fields.get("received_abroad_on"))]
        for event, day in sorted((pair for pair in confirmed if pair[1] is not None), key=lambda pair: pair[1]):
            entries.append(entry(event, day, reference=item.fields.get("foreign_reference") or ""))
        if item.status not in (Status.DRAFT, Status.SENT):
            previous = Status.SENT if item.sent_on is not None else Status.DRAFT
            entries.append(entry(EventType.STATUS_CHANGED, item.status_on, previous, item.status,
                                 ground=item.fields.get("refusal_ground")))
    db.session.execute(RequestEvent.__table__.insert(), entries)
    return ids


def _assignable(actor: User, owner: User) -> bool:
    """Whether `actor` may make `owner` responsible for a request: an active prosecutor, supervisor or member of
    the central authority, in a unit whose requests `actor` sees."""
    return access_of(actor).may_assign(owner.role, owner.active, owner.id, owner.unit_id)


def reassign(actor: User, request: Request, new_owner: User, *, note: str, expected_version: int,
             now: datetime) -> None:
    """Hands the request to another prosecutor; only supervisors may."""
    if not can_reassign(actor.role):
        raise NotPermitted()
    _require_version(request, expected_version)
    if not _assignable(actor, new_owner):
        raise FieldErrors({"owner_id": "not_assignable"})
    if new_owner.id == request.owner_id:
        return
    changes = {"owner": [request.owner.email, new_owner.email]}
    request.owner = new_owner
    request.updated_at = now
    _record(request, actor, EventType.REASSIGNED, now, note=note, changes=changes)
    db.session.flush()


def _move(request, actor, target, effective_on, *, note, ground, now, term_on=None):
    """Applies a checked status change and appends it to the history."""
    _record(request, actor, EventType.STATUS_CHANGED, now, effective_on=effective_on,
            from_status=request.status, to_status=target, note=note, ground=ground)
    if target == Status.SENT:
        # Sent again after completion: the statistics keep the first sending, the chasing starts anew.
        request.sent_on = request.sent_on or effective_on
        request.last_sent_on = effective_on
    if target == Status.REFUSED:
        request.refusal_ground = ground
    if target == Status.EXTRADITED:
        request.surrendered_on = effective_on
    request.supplement_due_on = term_on if target == Status.SUPPLEMENT_REQUESTED else None
    request.status = target
    request.status_on = effective_on
    request.updated_at = now


def _record(request, actor, event, now, **details):
    """Appends one entry to the request's history."""
    entry = RequestEvent(event=event, recorded_at=now, author=actor, **details)
    entry.note = entry.note or ""
    entry.changes = entry.changes or {}
    request.events.append(entry)
    return entry


def _require_edit(actor, request):
    """Raises NotPermitted unless the actor may change this request."""
    if not can_edit_request(actor.role, actor.id, request.owner_id):
        raise NotPermitted()


def _require_version(request, expected_version):
    """Raises Conflict when the request changed after the user read it."""
    if expected_version != request.version:
        raise Conflict(request.version)


def field_problems(kind: Kind, fields: dict, treaty: Treaty | None, *, today: date, day: date | None = None,
                   treaties: dict | None = None) -> dict:
    """The rules a request's fields must meet, given its treaty already loaded: field -> error code (or a
    TreatyRefusal naming why the treaty cannot be its basis on `day`, the sending day, default today).

    Shared by the forms, the API and the import, which load what they need in their own way.
    """
    errors = {}
    country = fields.get("country_code")
    if country == HOME_COUNTRY:
        errors["country_code"] = "home_country"
    if treaty is not None and country:
        refusal = treaty_refusal(kind.value, treaty, country, day or today, treaties)
        if refusal:
            errors["treaty_id"] = refusal
    for name in ("person_birth_date", "detained_on", "arrest_notified_on", "surrendered_on"):
        value = fields.get(name)
        if value is not None and value > today:
            errors[name] = "future_date"
    return errors


def _check_fields(kind, fields, *, today, request_id, day=None, check_treaty=True):
    """The field rules plus the checks that need the database; raises FieldErrors naming each bad field."""
    treaty_id = fields.get("treaty_id")
    treaty = db.session.get(Treaty, treaty_id) if treaty_id is not None else None
    errors = field_problems(kind, fields, treaty if check_treaty else None, today=today, day=day)
    if treaty_id is not None and treaty is None:
        errors["treaty_id"] = "unknown_treaty"
    if _reference_taken(fields["reference"], request_id):
        errors["reference"] = "duplicate_reference"
    if errors:
        raise FieldErrors(errors)


@contextmanager
def _unique_reference(reference, request_id):
    """Writes what the block does in a savepoint; when someone registered the same number meanwhile (after our
    check, before our write), the unique constraint refuses it: the savepoint is undone and the number is refused
    as taken, as the check would have, instead of failing the whole transaction."""
    try:
        with db.session.begin_nested():
            yield
    except IntegrityError:
        if _reference_taken(reference, request_id):
            raise FieldErrors({"reference": "duplicate_reference"}) from None
        raise


def _reference_taken(reference, request_id):
    """True when another request already has this registration number."""
    query = sa.select(Request.id).where(Request.reference == reference)
    if request_id is not None:
        query = query.where(Request.id != request_id)
    return db.session.scalar(query) is not None


def _with_defaults(fields):
    """Empty text fields are stored as empty strings, never NULL."""
    return {name: ("" if value is None and name in _TEXT_FIELDS else value) for name, value in fields.items()}


_TEXT_FIELDS = {"authority", "articles", "summary", "person_name", "person_name_latin", "decision"}


def _text(value):
    """A history value as text: dates in ISO form, None as empty."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
