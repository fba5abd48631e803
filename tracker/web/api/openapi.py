"""The OpenAPI 3.0 description of the API, built from the same field declarations the endpoints use."""
from tracker.domain.access import MASK
from tracker.web.api.contract import (CHANNELS, DEADLINES, EVENT_FIELDS, EXTENSION_FIELDS, GROUNDS, KINDS,
                                      NEW_REQUEST_REQUIRED, PATCHABLE, PERSON_FIELDS, REASSIGNMENT_FIELDS,
                                      REMINDER_FIELDS, REQUEST_FIELDS,
                                      STATUSES, TRANSITION_FIELDS)
from tracker.services.reports import OUTCOME_NAMES
from tracker.web.api.fields import object_schema
from tracker.web.api.query import LIST_PARAMETERS, PERIOD_PARAMETERS, REPORT_PARAMETERS, TREATY_PARAMETERS

REF = "#/components/schemas/"
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
COUNT = {"type": "integer", "minimum": 0}
PERSON_MASKED = (f"The person sought. The administrator's token gets no personal data: {MASK} in place of a name, "
                 "Latin name or citizenship that is set, and a null birth date. Other callers' reads of requests are "
                 "logged for the data-protection officer.")


ETAG = {"ETag": {"description": "The request's entity tag: send it back in If-Match to change the request only as "
                                "read, or in If-None-Match to fetch it only when it changed",
                 "schema": {"type": "string"}}}
IF_MATCH = {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
            "description": "The request's ETag as read: a change made meanwhile answers 412 with the current request "
                           "and saves nothing"}
IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                 "description": "The ETag of the copy held: 304 without a body while it is current"}


def _ref(name):
    return {"$ref": REF + name}


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes):
    return {str(code): {"description": "Error", **_json(_ref("Error"))} for code in codes}


def _query(spec, required=()):
    return [{"name": name, "in": "query", "required": name in required, "schema": schema}
            for name, schema in spec.items()]


ID_PARAMETER = {"name": "request_id", "in": "path", "required": True,
                "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}

# The operations on one request, and whether they change it (those carry the version read).
ON_ONE_REQUEST = {"getRequest": False, "history": False, "patchRequest": True, "transition": True,
                  "recordReminder": True, "recordEvent": True, "extendDeadline": True, "reassign": True}


def _links(request: str = "$response.body#") -> dict:
    """OpenAPI links from a response carrying a request (at the JSON pointer `request`) to what can be done with it
    next: its id, and its version for a change. Clients and the stateful API tests follow them."""
    links = {}
    for operation, changes in ON_ONE_REQUEST.items():
        link = {"operationId": operation, "parameters": {"request_id": f"{request}/id"}}
        if changes:
            link["requestBody"] = {"version": f"{request}/version"}
        links[operation] = link
    return links


def _schemas():
    """The components: requests as read and written, history, reports, reference data, errors."""
    person = object_schema(PERSON_FIELDS, required=("name",))
    request_input = object_schema(REQUEST_FIELDS, required=NEW_REQUEST_REQUIRED)
    request_input["properties"]["person"] = person
    patch = object_schema(PATCHABLE | {"version": TRANSITION_FIELDS["version"]}, required=("version",))
    # In a PATCH every field of the person is optional: the schema leaves out `required` (an empty list is invalid).
    patch["properties"]["person"] = {key: value for key, value in person.items() if key != "required"}
    outcomes = {"type": "object", "description": "What became of the requests sent, by the as-of day: disjoint "
                                                 "outcomes of the kind that add up to `sent`",
                "properties": {name: COUNT for name in OUTCOME_NAMES}, "additionalProperties": False}
    figures = {"type": "object", "required": ["sent", "outcomes"], "properties": {"sent": COUNT, "outcomes": outcomes}}
    ages = {"type": "object", "properties": {key: COUNT for key in ("0-90", "91-180", "181-365", "366+")}}
    pending_row = {"type": "object", "properties": {
        "country": {"type": "string"}, "mla": COUNT, "extradition": COUNT, "transfer": COUNT, "total": COUNT,
        "overdue": {"type": "integer", "nullable": True}, "oldest_days": COUNT, "age_days": ages}}
    return {
        "Error": {"type": "object", "required": ["error", "message", "fields"], "properties": {
            "error": {"type": "string"}, "message": {"type": "string"}, "fields": {"type": "object"},
            "current": {"type": "object", "allOf": [_ref("Request")], "nullable": True}}},
        "Person": {"type": "object", "description": PERSON_MASKED, "properties": {
            "name": {"type": "string"}, "name_latin": {"type": "string"}, "birth_date": NULLABLE_DATE,
            "citizenship": {"type": "string", "nullable": True}}},
        "Request": {"type": "object", "required": ["id", "reference", "kind", "country", "status", "version"],
                    "properties": {
                        "id": {"type": "integer"}, "reference": {"type": "string"},
                        "kind": {"type": "string", "enum": list(KINDS)}, "country": {"type": "string"},
                        "authority": {"type": "string"}, "treaty": {"type": "string", "nullable": True},
                        "case_number": {"type": "string"}, "crime_category": {"type": "string"},
                        "articles": {"type": "string"}, "summary": {"type": "string"}, "sent_on": NULLABLE_DATE,
                        "status": {"type": "string", "enum": list(STATUSES)}, "status_on": DATE,
                        "owner": {"type": "string"}, "due_on": NULLABLE_DATE, "overdue": {"type": "boolean"},
                        "in_custody": {"type": "boolean"}, "version": {"type": "integer"},
                        "person": _ref("Person"), "detained_on": NULLABLE_DATE, "arrest_notified_on": NULLABLE_DATE,
                        "deadlines": {"type": "array", "items": _ref("Deadline")},
                        "critical": {"type": "boolean", "description": "A release deadline has passed and the "
                                                                       "requested state has not confirmed receipt"},
                        "acknowledged_on": NULLABLE_DATE, "foreign_reference": {"type": "string"},
                        "received_abroad_on": NULLABLE_DATE, "extradition_arrest_on": NULLABLE_DATE,
                        "surrendered_on": NULLABLE_DATE,
                        "custody_days_abroad": {"type": "integer", "nullable": True,
                                                "description": "Detention to surrender, both days counted"},
                        "refusal_ground": {"type": "string", "nullable": True, "enum": list(GROUNDS) + [None]},
                        "origin_request_id": {"type": "integer", "nullable": True,
                                              "description": "Transfer: the refused extradition request it came from"}}},
        "Deadline": {"type": "object", "required": ["code", "due_on", "days_left", "rule", "source"], "properties": {
            "code": {"type": "string", "enum": list(DEADLINES)}, "due_on": DATE,
            "days_left": {"type": "integer", "description": "Negative once the deadline has passed"},
            "rule": {"type": "string", "description": "The deadline rule's code, or foreign_term for a term the "
                                                      "requested state set"},
            "source": {"type": "string", "nullable": True, "description": "The legal source the rule names"},
            "non_working_day": {"type": "boolean", "description": "The last day is a non-working day (a custody "
                                                                  "limit does not move)"},
            "moved_from": {**NULLABLE_DATE, "description": "Office practice moved off this non-working day"}}},
        "Event": object_schema(EVENT_FIELDS, required=("event",)),
        "Extension": object_schema(EXTENSION_FIELDS, required=("deadline", "new_due_on", "reason")),
        "RequestInput": request_input,
        "RequestPatch": patch,
        "Transition": object_schema(TRANSITION_FIELDS, required=("to",)),
        "Reminder": object_schema(REMINDER_FIELDS, required=("channel",)),
        "Reassignment": object_schema(REASSIGNMENT_FIELDS, required=("owner",)),
        "CrimeCategory": {"type": "object", "required": ["code", "name", "names", "articles"], "properties": {
            "code": {"type": "string"}, "name": {"type": "string", "description": "In the caller's language"},
            "names": {"type": "object", "properties": {lang: {"type": "string"} for lang in ("kk", "ru", "en")}},
            "articles": {"type": "string", "description": "The Criminal Code's articles it covers"}}},
        "Me": {"type": "object", "required": ["email", "name", "role", "language", "unit", "sees_every_unit",
                                              "sees_personal_data"], "properties": {
            "email": {"type": "string"}, "name": {"type": "string"},
            "role": {"type": "string", "enum": ["prosecutor", "supervisor", "central", "admin"]},
            "language": {"type": "string", "enum": ["kk", "ru", "en"]}, "unit": {"type": "string"},
            "sees_every_unit": {"type": "boolean"},
            "sees_personal_data": {"type": "boolean",
                                   "description": f"False for administrators, who get {MASK} instead"}}},
        "RequestPage": {"type": "object", "required": ["items", "page", "per_page", "total", "pages", "next_cursor"],
                        "properties": {
            "items": {"type": "array", "items": _ref("Request")},
            "page": {"type": "integer", "nullable": True, "description": "The page number asked for; null when "
                                                                           "paging by cursor"},
            "per_page": {"type": "integer"}, "total": COUNT, "pages": COUNT,
            "next_cursor": {"type": "string", "nullable": True,
                            "description": "Pass as `cursor` for the next page; null on the last page"}}},
        "HistoryEntry": {"type": "object", "properties": {
            "id": {"type": "integer"}, "event": {"type": "string"},
            "recorded_at": {"type": "string", "format": "date-time", "description": "UTC, with its offset"},
            "author": {"type": "string"}, "effective_on": NULLABLE_DATE,
            "from_status": {"type": "string", "nullable": True}, "to_status": {"type": "string", "nullable": True},
            "ground": {"type": "string", "nullable": True, "enum": list(GROUNDS) + [None]},
            "channel": {"type": "string", "nullable": True, "enum": list(CHANNELS) + [None]},
            "deadline": {"type": "string", "nullable": True}, "deadline_from": NULLABLE_DATE,
            "note": {"type": "string"},
            "changes": {"type": "object", "description": "Each changed field's [old, new] values as text, named as in "
                                                         "the request's body (`country`, `treaty`, `crime_category`, "
                                                         "`owner`, `person.name`, ...) with reference data by code "
                                                         "and people by email; for a caller without personal data, "
                                                         f"{MASK} in place of a person's name, Latin name, birth "
                                                         "date or citizenship"},
            "reference": {"type": "string", "nullable": True}, "foreign_decision": {"type": "string", "nullable": True}}},
        "PendingByCountry": {"type": "object", "required": ["as_of", "rows", "totals"], "properties": {
            "as_of": DATE, "rows": {"type": "array", "items": pending_row}, "totals": pending_row}},
        "Statistics": {"type": "object", "required": ["from", "to", "as_of", "rows", "totals"], "properties": {
            "from": DATE, "to": DATE, "as_of": DATE, "text": {"type": "string"},
            "rows": {"type": "array", "items": {"type": "object", "required": ["kind", "crime_category", "sent",
                                                                                "outcomes"], "properties": {
                "kind": {"type": "string", "enum": list(KINDS)}, "crime_category": {"type": "string"},
                "sent": COUNT, "outcomes": outcomes}}},
            "totals": {"type": "object", "properties": {kind: figures for kind in KINDS}}}},
        "Country": {"type": "object", "properties": {
            "code": {"type": "string"}, "name": {"type": "string"}, "eaeu": {"type": "boolean"},
            "cis": {"type": "boolean"}, "central_authority": {"type": "object"}}},
        "Treaty": {"type": "object", "required": ["code", "scope", "status", "parties", "supersedes", "source",
                                                  "confirmed"], "properties": {
            "code": {"type": "string"}, "short_name": {"type": "string"}, "title": {"type": "string"},
            "titles": {"type": "object", "properties": {lang: {"type": "string"} for lang in ("kk", "ru", "en")}},
            "multilateral": {"type": "boolean"},
            "scope": {"type": "array", "items": {"type": "string", "enum": ["mla", "extradition", "transfer",
                                                                             "sentenced_persons"]}},
            "status": {"type": "string", "enum": ["in_force", "signed", "terminated"]},
            "signed_on": NULLABLE_DATE, "in_force_on": NULLABLE_DATE, "terminated_on": NULLABLE_DATE,
            "arrest_limit_days": {"type": "integer", "nullable": True},
            "arrest_limit_months": {"type": "integer", "nullable": True},
            "arrest_counts_from": {"type": "string", "enum": ["detention", "notification"]},
            "parties": {"type": "array", "items": {"type": "object", "properties": {
                "country": {"type": "string"}, "from": NULLABLE_DATE, "until": NULLABLE_DATE}}},
            "supersedes": {"type": "array", "items": {"type": "string"}}, "source": {"type": "string"},
            "confirmed": {"type": "boolean"}, "active": {"type": "boolean"}}},
    }


def _paths():
    one = {"200": {"description": "The request", **_json(_ref("Request")), "headers": ETAG, "links": _links()}}
    written = {**_errors(400, 401, 403, 404, 409, 412, 413, 415, 422)}
    return {
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "This description, open without a token",
                                  "security": [],
                                  "responses": {"200": {"description": "OpenAPI document", **_json({"type": "object"})}}}},
        "/requests": {
            "get": {"operationId": "listRequests", "summary": "Requests, filtered and paginated",
                    "parameters": _query(LIST_PARAMETERS),
                    "responses": {"200": {"description": "A page", **_json(_ref("RequestPage")),
                                          "headers": {"Link": {"description": "`<url>; rel=\"next\"`: the next page, "
                                                                              "while there is one",
                                                               "schema": {"type": "string"}}},
                                          "links": _links("$response.body#/items/0")}, **_errors(400, 401, 422)}},
            "post": {"operationId": "createRequest", "summary": "Register a request",
                     "requestBody": {"required": True, **_json(_ref("RequestInput"))},
                     "responses": {"201": {"description": "Registered", **_json(_ref("Request")), "links": _links()},
                                   **_errors(400, 401, 403, 413, 415, 422)}}},
        "/requests/{request_id}": {
            "parameters": [ID_PARAMETER],
            "get": {"operationId": "getRequest", "summary": "One request", "parameters": [IF_NONE_MATCH],
                    "responses": {**one, "304": {"description": "The copy the client holds (If-None-Match) is current",
                                                 "headers": ETAG}, **_errors(401, 404)}},
            "patch": {"operationId": "patchRequest",
                      "summary": "Change fields; carry the version read (If-Match, or `version` in the body)",
                      "parameters": [IF_MATCH], "requestBody": {"required": True, **_json(_ref("RequestPatch"))},
                      "responses": {**one, **written}}},
        "/requests/{request_id}/transitions": {
            "parameters": [ID_PARAMETER],
            "post": {"operationId": "transition", "summary": "Change the status",
                     "parameters": [IF_MATCH], "requestBody": {"required": True, **_json(_ref("Transition"))},
                     "responses": {**one, **written}}},
        "/requests/{request_id}/reminders": {
            "parameters": [ID_PARAMETER],
            "post": {"operationId": "recordReminder", "summary": "Record a reminder sent abroad",
                     "parameters": [IF_MATCH], "requestBody": {"required": True, **_json(_ref("Reminder"))},
                     "responses": {"201": {"description": "Recorded", **_json(_ref("Request")), "headers": ETAG,
                                           "links": _links()},
                                   **written}}},
        "/requests/{request_id}/events": {
            "parameters": [ID_PARAMETER],
            "post": {"operationId": "recordEvent", "summary": "Record an event that is not a status change",
                     "parameters": [IF_MATCH], "requestBody": {"required": True, **_json(_ref("Event"))},
                     "responses": {"201": {"description": "Recorded", **_json(_ref("Request")), "headers": ETAG,
                                           "links": _links()},
                                   **written}}},
        "/requests/{request_id}/extensions": {
            "parameters": [ID_PARAMETER],
            "post": {"operationId": "extendDeadline",
                     "summary": "Move an open deadline later; a release deadline only a supervisor, with the "
                                "foreign decision",
                     "parameters": [IF_MATCH], "requestBody": {"required": True, **_json(_ref("Extension"))},
                     "responses": {"201": {"description": "Extended", **_json(_ref("Request")), "headers": ETAG,
                                           "links": _links()},
                                   **written}}},
        "/requests/{request_id}/reassignments": {
            "parameters": [ID_PARAMETER],
            "post": {"operationId": "reassign",
                     "summary": "Hand the request to another prosecutor of a unit the caller sees (supervisors, the "
                                "central authority)",
                     "parameters": [IF_MATCH], "requestBody": {"required": True, **_json(_ref("Reassignment"))},
                     "responses": {**one, **written}}},
        "/me": {"get": {"operationId": "me", "summary": "Who the token belongs to and what they may read",
                        "responses": {"200": {"description": "The caller", **_json(_ref("Me"))}, **_errors(401)}}},
        "/crime-categories": {"get": {"operationId": "crimeCategories",
                                      "summary": "Crime categories, by the codes requests name them with",
                                      "responses": {"200": {"description": "Crime categories", **_json(
                                          {"type": "array", "items": _ref("CrimeCategory")})}, **_errors(401)}}},
        "/requests/{request_id}/history": {
            "parameters": [ID_PARAMETER],
            "get": {"operationId": "history", "summary": "The request's history",
                    "responses": {"200": {"description": "Entries, oldest first", **_json({
                        "type": "object", "properties": {"items": {"type": "array", "items": _ref("HistoryEntry")}}})},
                        **_errors(401, 404)}}},
        "/reports/pending-by-country": {"get": {
            "operationId": "pendingByCountry", "summary": "Open requests per country",
            "parameters": _query(REPORT_PARAMETERS),
            "responses": {"200": {"description": "The report", **_json(_ref("PendingByCountry"))},
                          **_errors(400, 401, 403, 422)}}},
        "/reports/statistics": {"get": {
            "operationId": "statistics", "summary": "Period statistics as of a day",
            "description": "Requests sent in the period by kind and crime category, and what became of them by the "
                           "as-of day; `text` states the figures as the office's letters do, in the Accept-Language "
                           "language (kk, ru or en).",
            "parameters": _query(PERIOD_PARAMETERS, required=("from", "to")) + _query(
                {k: v for k, v in REPORT_PARAMETERS.items() if k != "as_of"}) + _query(
                {"sender": {"type": "boolean", "description": "Name the office as the sender in `text`"}}),
            "responses": {"200": {"description": "The report", **_json(_ref("Statistics"))},
                          **_errors(400, 401, 403, 422)}}},
        "/countries": {"get": {"operationId": "countries", "summary": "Countries, named in the caller's language",
                               "responses": {"200": {"description": "Countries", **_json(
                                   {"type": "array", "items": _ref("Country")})}, **_errors(401)}}},
        "/treaties": {"get": {"operationId": "treaties", "summary": "Treaties; with country and kind, those that apply",
                              "parameters": _query(TREATY_PARAMETERS),
                              "responses": {"200": {"description": "Treaties", **_json(
                                  {"type": "array", "items": _ref("Treaty")})}, **_errors(400, 401, 422)}}},
    }


def document() -> dict:
    """The whole description."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "MLA Tracker API", "version": "1",
                 "description": "Outgoing MLA requests, extradition requests and transfers of proceedings. Authenticate with "
                                "`Authorization: Bearer TOKEN` (flask --app tracker users token EMAIL). "
                                "Errors are {error, message, fields}; messages follow Accept-Language (kk, ru, en)."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": _paths(),
        "components": {"schemas": _schemas(),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
