"""Registering requests and keeping them up to date: edits, status changes, reassignment."""
from datetime import date, datetime

import sqlalchemy as sa

from tracker.domain.history import EventType
from tracker.domain.people import Role, can_create_request, can_edit_request, can_reassign
from tracker.domain.statuses import Kind, RefusalGround, Status, check_transition
from tracker.extensions import db
from tracker.models import Request, RequestEvent, Treaty, User
from tracker.services import deadlines
from tracker.services.errors import Conflict, FieldErrors, NotPermitted

COMMON_FIELDS = ("reference", "country_code", "authority", "treaty_id", "case_number", "crime_category_id",
                 "articles", "summary", "in_custody")
EXTRADITION_FIELDS = ("person_name", "person_name_latin", "person_birth_date", "person_citizenship",
                      "detained_on", "decision", "surrendered_on")
HOME_COUNTRY = "KZ"


def editable_fields(kind: Kind) -> tuple[str, ...]:
    """The fields a user edits on a request of this kind."""
    return COMMON_FIELDS + (EXTRADITION_FIELDS if kind == Kind.EXTRADITION else ())


def create_request(actor: User, kind: Kind, data: dict, *, owner: User | None, sent_on: date | None,
                   today: date, now: datetime) -> Request:
    """Registers a request as a draft, or as sent on `sent_on`; records both steps in its history."""
    if not can_create_request(actor.role):
        raise NotPermitted()
    owner = owner if owner is not None and actor.role == Role.SUPERVISOR else actor
    fields = {name: data.get(name) for name in editable_fields(kind)}
    _check_fields(kind, fields, today=today, request_id=None)
    if sent_on is not None and sent_on > today:
        raise FieldErrors({"sent_on": "future_date"})
    if owner.role not in (Role.PROSECUTOR, Role.SUPERVISOR) or not owner.active:
        raise FieldErrors({"owner_id": "not_assignable"})
    created_on = sent_on or today
    request = Request(kind=kind, owner=owner, status=Status.DRAFT, status_on=created_on, created_at=now,
                      updated_at=now, **_with_defaults(fields))
    db.session.add(request)
    _record(request, actor, EventType.CREATED, now, effective_on=created_on, to_status=Status.DRAFT)
    if sent_on is not None:
        _move(request, actor, Status.SENT, sent_on, note="", ground=None, now=now)
    deadlines.recompute(request, today)
    db.session.flush()
    return request


def update_request(actor: User, request: Request, data: dict, *, expected_version: int, today: date,
                   now: datetime) -> dict:
    """Saves edited fields if nobody changed the request since `expected_version`; returns the changes."""
    _require_edit(actor, request)
    _require_version(request, expected_version)
    fields = {name: data.get(name) for name in editable_fields(request.kind)}
    _check_fields(request.kind, fields, today=today, request_id=request.id)
    changes = {}
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
                  ground: RefusalGround | None, expected_version: int, today: date, now: datetime) -> None:
    """Moves the request along its workflow, recording who, when, why and the effective date."""
    _require_edit(actor, request)
    _require_version(request, expected_version)
    check_transition(request.kind, request.status, target, effective_on=effective_on,
                     previous_on=request.status_on, today=today, ground=ground)
    _move(request, actor, target, effective_on, note=note, ground=ground, now=now)
    deadlines.recompute(request, today)
    db.session.flush()


def reassign(actor: User, request: Request, new_owner: User, *, note: str, expected_version: int,
             now: datetime) -> None:
    """Hands the request to another prosecutor; only supervisors may."""
    if not can_reassign(actor.role):
        raise NotPermitted()
    _require_version(request, expected_version)
    if new_owner.role not in (Role.PROSECUTOR, Role.SUPERVISOR) or not new_owner.active:
        raise FieldErrors({"owner_id": "not_assignable"})
    if new_owner.id == request.owner_id:
        return
    changes = {"owner": [request.owner.email, new_owner.email]}
    request.owner = new_owner
    request.updated_at = now
    _record(request, actor, EventType.REASSIGNED, now, note=note, changes=changes)
    db.session.flush()


def _move(request, actor, target, effective_on, *, note, ground, now):
    """Applies a checked status change and appends it to the history."""
    _record(request, actor, EventType.STATUS_CHANGED, now, effective_on=effective_on,
            from_status=request.status, to_status=target, note=note, ground=ground)
    if target == Status.SENT and request.sent_on is None:
        request.sent_on = effective_on
    if target == Status.REFUSED:
        request.refusal_ground = ground
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


def _check_fields(kind, fields, *, today, request_id):
    """Domain checks that need the database; raises FieldErrors naming each bad field."""
    errors = {}
    if fields["country_code"] == HOME_COUNTRY:
        errors["country_code"] = "home_country"
    if _reference_taken(fields["reference"], request_id):
        errors["reference"] = "duplicate_reference"
    treaty_error = _treaty_problem(kind, fields.get("treaty_id"), fields["country_code"])
    if treaty_error:
        errors["treaty_id"] = treaty_error
    for name in ("person_birth_date", "detained_on", "surrendered_on"):
        value = fields.get(name)
        if value is not None and value > today:
            errors[name] = "future_date"
    if errors:
        raise FieldErrors(errors)


def _reference_taken(reference, request_id):
    """True when another request already has this registration number."""
    query = sa.select(Request.id).where(Request.reference == reference)
    if request_id is not None:
        query = query.where(Request.id != request_id)
    return db.session.scalar(query) is not None


def _treaty_problem(kind, treaty_id, country_code):
    """Why the chosen treaty cannot be the basis for this request, or None."""
    if treaty_id is None:
        return None
    treaty = db.session.get(Treaty, treaty_id)
    if treaty is None or not treaty.active:
        return "unknown_treaty"
    if not treaty.covers(kind.value):
        return "treaty_scope"
    if treaty.parties and country_code not in {c.code for c in treaty.parties}:
        return "not_a_party"
    return None


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
