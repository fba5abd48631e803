"""The API's endpoints: requests, their transitions, reminders and history, reports, reference data."""
import sqlalchemy as sa
from flask import current_app, g, jsonify, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from tracker import clock
from tracker.domain.deadlines import DeadlineCode
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import SUPERVISING, Role, can_create_request, can_edit_request, can_reassign
from tracker.domain.statuses import Kind, RefusalGround, Status, TransitionError
from tracker.extensions import db
from tracker.models import CrimeCategory, Treaty
from tracker.services import deadlines as deadline_service
from tracker.services import events as event_service
from tracker.services.duplicates import possible_duplicates
from tracker.services import queries
from tracker.services import requests as service
from tracker.services.errors import Conflict, FieldErrors, NotPermitted
from tracker.services.users import find_user
from tracker import labels
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.api import ApiError, bp
from tracker.web.api.cursor import make_cursor, read_cursor
from tracker.web.api.body import json_object
from tracker.web.api import body_reading, schemas
from tracker.web.api.idempotency import idempotent
from tracker.web.api.query import list_filters
from tracker.web.api.request_data import changed_data, new_request_data
from tracker.web.api.serialize import event_json, request_json

# Service field names as the API calls them.
API_NAMES = {"country_code": "country", "treaty_id": "treaty", "crime_category_id": "crime_category",
             "owner_id": "owner", "person_name": "person.name", "person_name_latin": "person.name_latin",
             "person_birth_date": "person.birth_date", "person_citizenship": "person.citizenship",
             "sent_on": "sent_on"}


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API."""
    from tracker.web.api.openapi import document

    return jsonify(document())


@bp.get("/requests")
def list_requests():
    """Requests matching the filters, one page at a time: after a cursor (the default), or by page number; the
    page's requests are logged as read."""
    filters, paging = list_filters(request.args)
    sort, per_page = paging["sort"], paging["per_page"]
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if paging["page"] is not None:
        pagination = queries.request_page(filters, sort=key, descending=descending, page=paging["page"],
                                          per_page=per_page)
        items, more, total = pagination.items, paging["page"] < pagination.pages, pagination.total
        numbers = {"page": paging["page"], "pages": pagination.pages}
    else:
        after = read_cursor(paging["cursor"], sort) if paging["cursor"] else None
        items, more = queries.request_slice(filters, sort=key, descending=descending, after=after, limit=per_page)
        total = queries.request_count(filters)
        numbers = {"page": None, "pages": -(-total // per_page)}
    today = clock.today_local()
    states = deadline_service.states_of(items, today)
    next_cursor = make_cursor(sort, items[-1]) if more and items else None
    body = schemas.answer(schemas.RequestPage, {
        "items": [request_json(r, today, states[r.id], filters.access) for r in items], "per_page": per_page,
        "total": total, **numbers, "next_cursor": next_cursor})
    log_personal_data_read("api", rows=len(body["items"]))
    response = jsonify(body)
    if next_cursor:
        following = request.args.to_dict(flat=False) | {"cursor": [next_cursor]}
        following.pop("page", None)
        response.headers["Link"] = f'<{url_for("api.list_requests", **following)}>; rel="next"'
    return response


@bp.post("/requests")
@idempotent
def create_request():
    """Registers a request: a draft, or sent on `sent_on`."""
    _permit(can_create_request(g.api_user.role))
    body = _json_object()
    values, errors = _read(schemas.RequestInput, body)
    _raise_if(errors)
    kind = Kind(values["kind"])
    data = new_request_data(values, kind, errors)
    _raise_if(errors)
    owner = _user_by_email(values["owner"], errors) if values.get("owner") else None
    _raise_if(errors)
    try:
        created = _run(lambda: service.create_request(g.api_user, kind, data, owner=owner,
                                                       sent_on=values.get("sent_on"), today=clock.today_local(),
                                                       now=clock.now()))
    except ApiError as error:
        raise _as_duplicate(error, data.get("reference")) from None
    db.session.commit()
    # Said, not refused: a client registering from another system has nobody to confirm a warning.
    matches = possible_duplicates(data, current_access(), exclude_ids=(created.id, created.origin_request_id))
    item = _load(created.id)
    response = _with_etag(jsonify(_request_body(item, warnings=[duplicate_warning(match) for match in matches])),
                          item)
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_request", request_id=created.id)
    return response


@bp.get("/requests/<int:request_id>")
def get_request(request_id):
    """One request, logged as read; 304 without a body when the client's copy (If-None-Match) is current."""
    item = _load(request_id)
    if request.if_none_match.contains(etag_of(item)):
        response = current_app.response_class(status=304)
        response.set_etag(etag_of(item))
        return response
    body = _request_body(item)
    log_personal_data_read("api", request_id=request_id)
    return _with_etag(jsonify(body), item)


@bp.patch("/requests/<int:request_id>")
def patch_request(request_id):
    """Changes some fields; must carry the version read, a stale one gives 409 with the current record."""
    item = _load_editable(request_id)
    body = _json_object()
    values, errors = _read(schemas.RequestPatch, body)
    version = _expected_version(item, body, values)
    data = changed_data(item, {k: v for k, v in values.items() if k != "version"}, errors)
    _raise_if(errors)
    _run(lambda: service.update_request(g.api_user, item, data, expected_version=version,
                                        today=clock.today_local(), now=clock.now()), item)
    db.session.commit()
    return _request_response(request_id)


@bp.post("/requests/<int:request_id>/transitions")
@idempotent
def transition(request_id):
    """Moves the request to a status its workflow allows, effective on a day not in the future."""
    item = _load_editable(request_id)
    body = _json_object()
    values, errors = _read(schemas.Transition, body)
    version = _expected_version(item, body, values)
    _raise_if(errors)
    ground = RefusalGround(values["ground"]) if values.get("ground") else None
    _run(lambda: service.change_status(g.api_user, item, Status(values["to"]),
                                       effective_on=values.get("on") or clock.today_local(),
                                       note=values.get("note", ""), ground=ground, expected_version=version,
                                       today=clock.today_local(), now=clock.now(), term_on=values.get("term_on")),
         item)
    db.session.commit()
    return _request_response(request_id)


@bp.post("/requests/<int:request_id>/reminders")
@idempotent
def reminder(request_id):
    """Records a reminder sent to the foreign authority."""
    item = _load_editable(request_id)
    body = _json_object()
    values, errors = _read(schemas.Reminder, body)
    version = _expected_version(item, body, values)
    _raise_if(errors)
    _run(lambda: deadline_service.record_reminder(
        g.api_user, item, sent_on=values.get("on") or clock.today_local(), channel=ReminderChannel(values["channel"]),
        note=values.get("note", ""), expected_version=version,
        today=clock.today_local(), now=clock.now()), item, names={"sent_on": "on"})
    db.session.commit()
    return _request_response(request_id), 201


@bp.post("/requests/<int:request_id>/events")
@idempotent
def record_event(request_id):
    """Records what the foreign side or we did that is not a status change: receipt abroad, extradition arrest,
    acknowledgement, partial execution, the outcome notified."""
    item = _load_editable(request_id)
    body = _json_object()
    values, errors = _read(schemas.Event, body)
    version = _expected_version(item, body, values)
    _raise_if(errors)
    _run(lambda: event_service.record_event(
        g.api_user, item, EventType(values["event"]), on=values.get("on") or clock.today_local(),
        note=values.get("note", ""), reference=values.get("reference", ""),
        expected_version=version, today=clock.today_local(), now=clock.now()), item)
    db.session.commit()
    return _request_response(request_id), 201


@bp.post("/requests/<int:request_id>/extensions")
@idempotent
def extend_deadline(request_id):
    """Moves an open deadline later with a reason; a release deadline only a supervisor, with the foreign decision."""
    item = _load_editable(request_id)
    body = _json_object()
    values, errors = _read(schemas.Extension, body)
    version = _expected_version(item, body, values)
    _raise_if(errors)
    _run(lambda: deadline_service.extend_deadline(
        g.api_user, item, DeadlineCode(values["deadline"]), values["new_due_on"], reason=values["reason"],
        foreign_decision=values.get("foreign_decision", ""), expected_version=version,
        today=clock.today_local(), now=clock.now()), item)
    db.session.commit()
    return _request_response(request_id), 201


@bp.get("/requests/<int:request_id>/history")
def history(request_id):
    """Every entry of the request's history, oldest first, logged as a read of the request."""
    item, codes = _load(request_id), change_codes()
    body = schemas.answer(schemas.History, {"items": [event_json(entry, current_access(), codes)
                                                      for entry in item.events]})
    log_personal_data_read("api", request_id=request_id)
    return jsonify(body)


@bp.post("/requests/<int:request_id>/reassignments")
@idempotent
def reassign(request_id):
    """Hands the request to another prosecutor of a unit the caller sees: supervisors and the central authority."""
    item = _load(request_id)
    _permit(can_reassign(g.api_user.role))
    body = _json_object()
    values, errors = _read(schemas.Reassignment, body)
    version = _expected_version(item, body, values)
    owner = _user_by_email(values["owner"], errors) if "owner" in values else None
    _raise_if(errors)
    _run(lambda: service.reassign(g.api_user, item, owner, note=values.get("note", ""),
                                  expected_version=version, now=clock.now()), item)
    db.session.commit()
    return _request_response(request_id)


def _as_duplicate(error: ApiError, reference: str | None) -> ApiError:
    """A registration refused only because its number is taken: 409, with the existing request's Location when the
    caller may see it (a retry of a registration whose answer was lost finds it there)."""
    if error.status != 422 or set(error.fields) != {"reference"} or not reference:
        return error
    if error.fields["reference"] != str(labels.error_message("duplicate_reference")):
        return error
    existing = queries.request_id_by_reference(reference, current_access())
    headers = {"Location": url_for("api.get_request", request_id=existing)} if existing is not None else {}
    return ApiError(409, _("A request with this registration number is already registered; nothing was saved."),
                    error.fields, headers=headers)


def change_codes() -> dict[str, dict[str, str]]:
    """The codes of treaties and crime categories by id as text, as history changes store them: two small tables,
    read once per history. (A reassignment records the owners by email already.)"""
    return {"treaty_id": {str(i): code for i, code in db.session.execute(sa.select(Treaty.id, Treaty.code))},
            "crime_category_id": {str(i): code for i, code in
                                  db.session.execute(sa.select(CrimeCategory.id, CrimeCategory.code))}}


def _request_body(item, **extra) -> dict:
    """A request loaded with its history, as JSON with its deadlines today (and `extra` members its model
    declares: the warnings of a registration)."""
    today = clock.today_local()
    return schemas.answer(schemas.Request,
                          request_json(item, today, deadline_service.state_of(item, today), current_access()) | extra)


def duplicate_warning(match) -> dict:
    """A registered request the new one may duplicate. Its id and number are given even when the caller may not see
    it (it then answers 404 to them): both say only that a request exists, nothing of what it holds."""
    return {"code": "possible_duplicate", "request": match.request_id,
            "reference": match.reference, "matched_on": list(match.matched_on)}


def _request_response(request_id):
    """The current state of one request as the response, with its ETag."""
    item = _load(request_id)
    return _with_etag(jsonify(_request_body(item)), item)


def etag_of(item) -> str:
    """The request's entity tag: its id and version, which every change raises."""
    return f"{item.id}-{item.version}"


def _with_etag(response, item):
    response.set_etag(etag_of(item))
    return response


def _expected_version(item, body: dict, values: dict) -> int:
    """The version of the request the client read, which every change must say: If-Match with the request's ETag
    (another tag answers 412 with the current request), or `version` in the body (a stale one gives 409 when the
    change is saved). Saying neither answers 428: a change made blind could undo someone else's."""
    if request.if_match:
        if not request.if_match.contains(etag_of(item)) and not request.if_match.star_tag:
            raise ApiError(412, _("The request was changed since you read it; nothing was saved."),
                           current=_request_body(item))
        return values.get("version", item.version)
    if "version" not in body:
        raise ApiError(428, _("Say which version of the request you read: send its ETag in If-Match, or `version` "
                              "in the body. Nothing was saved."), {"version": _("This field is required.")})
    return values.get("version", item.version)


def _read(model: type[schemas.Body], body: dict) -> tuple[dict, dict]:
    """The fields the body names, as Python values, and a message per bad field (nested ones by path)."""
    parsed, errors = body_reading.validate(model, body)
    return (body_reading.given(parsed) if parsed is not None else {}), errors


def _json_object() -> dict:
    """The request's JSON body, which must be an object of a sensible size and depth."""
    return json_object()


def _load(request_id):
    """A live request with its history, or 404."""
    item = queries.request_with_history(request_id, current_access())
    if item is None:
        raise ApiError(404, _("There is no such request."))
    return item


def _require_reports():
    """Reports are for supervisors and administrators, as on the pages."""
    if g.api_user.role not in (*SUPERVISING, Role.ADMIN):
        raise ApiError(403, _("You do not have access to this resource."))


def _raise_if(errors):
    if errors:
        raise ApiError(422, _("Some fields are not valid."), errors)


def _permit(allowed: bool) -> None:
    """403 before the body is even read, as the pages do."""
    if not allowed:
        raise ApiError(403, _("You do not have access to this resource."))


def _load_editable(request_id):
    """The request, if the caller may change it."""
    item = _load(request_id)
    _permit(can_edit_request(g.api_user.role, g.api_user.id, item.owner_id))
    return item


def _run(action, item=None, names=None):
    """Runs a service call, turning its refusals into API errors; the fields they name are the body's (`names`:
    this operation's own names of service fields, beside API_NAMES)."""
    names = API_NAMES | (names or {})
    try:
        return action()
    except NotPermitted:
        raise ApiError(403, _("You do not have access to this resource.")) from None
    except FieldErrors as error:
        fields = {names.get(name, name): str(labels.error_message(code)) for name, code in error.errors.items()}
        raise ApiError(422, _("Some fields are not valid."), fields) from None
    except TransitionError as error:
        field = "on" if error.code in ("future_date", "before_previous") else "ground" if "ground" in error.code else "to"
        raise ApiError(422, str(labels.error_message(error.code)), {field: str(labels.error_message(error.code))}) \
            from None
    except (Conflict, StaleDataError):
        db.session.rollback()
        current = {"current": _request_body(_load(item.id))} if item is not None else {}
        raise ApiError(409, _("The request was changed meanwhile; nothing was saved."), **current) from None


def _user_by_email(email, errors):
    """The user with this email however its case or Unicode form is written, or None with an error."""
    user = find_user(email)
    if user is None:
        errors["owner"] = _("There is no user with this email.")
    return user
