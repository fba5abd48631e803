"""The OpenAPI 3.0 description of the API: the bodies from the pydantic models the endpoints validate and answer
with (tracker/web/api/schemas.py), the parameters from the declarations they read them by (query.py)."""
from pydantic.json_schema import models_json_schema

from tracker.domain.access import MASK
from tracker.web.api import attachments_api, letters_api, schemas, schemas_more, schemas_reference
from tracker.web.api.query import LIST_PARAMETERS, PERIOD_PARAMETERS, REPORT_PARAMETERS, TREATY_PARAMETERS

REF = "#/components/schemas/"
PERSON_MASKED = (f"The person sought. The administrator's token gets no personal data: {MASK} in place of a name, "
                 "Latin name or citizenship that is set, and a null birth date. Other callers' reads of requests are "
                 "logged for the data-protection officer.")


ETAG = {"ETag": {"description": "The request's entity tag: send it back in If-Match to change the request only as "
                                "read, or in If-None-Match to fetch it only when it changed",
                 "schema": {"type": "string"}}}
IF_MATCH = {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
            "description": "The request's ETag as read: a change made meanwhile answers 412 with the current request "
                           "and saves nothing. `*` changes whatever version is current. A change must carry If-Match "
                           "or `version` in its body; with neither it answers 428"}
IDEMPOTENCY_KEY = {"name": "Idempotency-Key", "in": "header", "required": False,
                   "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
                   "description": "A key the client makes up for this call (a UUID, say): a retry with the same key "
                                  "and body within 24 hours gets the first successful answer again, marked "
                                  "`Idempotent-Replayed: true`, and changes nothing; the same key with another body "
                                  "answers 422"}
REPLAYED = {"Idempotent-Replayed": {"description": "`true` when this is the kept answer to an earlier call with the "
                                                   "same Idempotency-Key", "schema": {"type": "string"}}}
IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                 "description": "The ETag of the copy held: 304 without a body while it is current"}


def _ref(name):
    return {"$ref": REF + name}


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


PROBLEM = "application/problem+json"
ERROR_DESCRIPTIONS = {
    400: "The call cannot be understood: an unknown or repeated parameter, a body that is not a JSON object",
    401: "No valid token", 403: "The caller's role or token may not do this", 404: "No such request the caller sees",
    409: "The body's `version` is stale (`current` holds the request now), or the registration number is taken "
         "(`Location` names the request holding it when the caller sees it)",
    412: "If-Match names another version than the current one (`current` holds the request now); nothing was saved",
    413: "The body is too large", 415: "The body is not sent as JSON",
    422: "Values that cannot be used: `errors` names each field, by its path (`person.birth_date`)",
    428: "A change that names no version read: send If-Match or `version`",
    500: "Something failed on the server; nothing was saved",
    503: "The database is unavailable for a moment; retry after the number of seconds in Retry-After"}
LOCATION = {"Location": {"description": "Where the request is", "schema": {"type": "string"}}}


def _errors(*codes):
    """Problem details (RFC 9457) for each status code."""
    answers = {}
    for code in codes:
        answers[str(code)] = {"description": ERROR_DESCRIPTIONS.get(code, "Error"),
                              "content": {PROBLEM: {"schema": _ref("Error")}}}
    if 409 in codes:
        answers["409"]["headers"] = LOCATION
    return answers


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


def _model_schemas() -> dict:
    """The components declared by tracker.web.api.schemas, the bodies the API reads and the requests, history and
    errors it answers with, and by schemas_more, the answers of its deadlines, period reports, import and audit log,
    in OpenAPI 3.0's dialect of JSON Schema."""
    models = [(getattr(schemas, name), "validation") for name in schemas.INPUTS] + \
             [(getattr(module, name), "serialization") for module in (schemas, schemas_reference, schemas_more)
              for name in module.ANSWERS] + \
             [(getattr(module, name), "serialization") for module in PAPERWORK for name in module.ANSWERS]
    _, top = models_json_schema(models, ref_template=REF + "{model}")
    found = {name: _openapi_30(schema) for name, schema in top["$defs"].items()}
    found["Person"]["description"] = PERSON_MASKED
    return found


def _openapi_30(node):
    """A JSON Schema of pydantic's (2020-12) as OpenAPI 3.0 writes it: `nullable` for a union with null (null
    among the values of a nullable enum), `enum` for `const`, `allOf` around a `$ref` with siblings, no titles."""
    if isinstance(node, list):
        return [_openapi_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: ({name: _openapi_30(schema) for name, schema in value.items()} if key in ("properties", "$defs")
                  else _openapi_30(value)) for key, value in node.items() if key != "title"}
    if node.get("default", "") is None:
        del node["default"]
    options = node.get("anyOf", [])
    others = [option for option in options if option.get("type") != "null"]
    if options and len(others) == 1 and len(others) < len(options):
        node = {key: value for key, value in node.items() if key != "anyOf"}
        only = others[0]
        node = {**({"type": "object", "allOf": [only]} if "$ref" in only else only), **node, "nullable": True}
        if "enum" in node and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if "$ref" in node and len(node) > 1:
        node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    return node


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
                     "responses": {"201": {"description": "Registered", **_json(_ref("Request")),
                                           "headers": {**ETAG, **LOCATION}, "links": _links()},
                                   **_errors(400, 401, 403, 409, 413, 415, 422)}}},
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
                        **_ref("History")})},
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


# The modules of a request's documents and letters, each with its answer models and its operations.
PAPERWORK = (attachments_api, letters_api)
# The tag of each operation, by the first part of its path.
TAGS = {"requests": "Requests", "me": "Reference data", "crime-categories": "Reference data",
        "countries": "Reference data", "treaties": "Reference data", "reports": "Reports", "openapi.json": "About",
        "attachments": "Documents"}
TAG_DESCRIPTIONS = {
    "Requests": "Registering requests and following them: changes, status, reminders, events, deadlines",
    "Reports": "The figures supervisors quote, as the report pages compute them",
    "Reference data": "Countries, treaties and crime categories, by the codes requests use; who the caller is",
    "About": "This description", "Deadlines": "Open deadlines across the register", "Exports": "Files of a list",
    "Import": "Registering requests from a file", "Audit": "Who changed what, for administrators",
    "Documents": "The documents of a request, stored beside the register, and the letters generated from it"}


def _finish(paths: dict) -> dict:
    """What every operation has in common: its tag, its description (the endpoint's own docstring), 500 and 503,
    428 for a change, and Idempotency-Key on calls that honour it."""
    views = _views()
    for path, item in paths.items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            operation.setdefault("tags", [TAGS.get(path.split("/")[1], "Requests")])
            view = views.get((path, method.upper()))
            if view is not None and view.__doc__ and "description" not in operation:
                operation["description"] = " ".join(view.__doc__.split())
            if operation["operationId"] != "openapi":
                operation["responses"].update(_errors(500, 503))
            if ON_ONE_REQUEST.get(operation["operationId"]):
                operation["responses"].update(_errors(428))
            if view is not None and getattr(view, "idempotent", False):
                operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
                for code, answer in list(operation["responses"].items()):
                    if code.startswith("2"):
                        operation["responses"][code] = {**answer, "headers": {**answer.get("headers", {}), **REPLAYED}}
    return paths


def _with_codes(document: dict) -> dict:
    """The codes of the reference data the register holds now (countries, crime categories, treaties) as enums of
    the inputs that name them: a client learns which codes it may send. Answers keep plain strings, so that a code
    added later does not break a client generated earlier."""
    import sqlalchemy as sa

    from tracker.extensions import db
    from tracker.models import Country, CrimeCategory, Treaty
    from tracker.services.queries import RECIPROCITY

    codes = {"country": sorted(db.session.scalars(sa.select(Country.code))),
             "crime_category": sorted(db.session.scalars(sa.select(CrimeCategory.code))),
             "treaty": sorted(db.session.scalars(sa.select(Treaty.code)))}
    codes["citizenship"] = codes["country"]
    components = document["components"]["schemas"]
    for name in ("RequestInput", "RequestPatch"):
        properties = components[name]["properties"]
        for field in ("country", "crime_category", "treaty"):
            _limit(properties[field], codes[field])
    for name in ("PersonInput", "PersonPatch"):
        _limit(components[name]["properties"]["citizenship"], codes["country"])
    for item in document["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "query" and parameter["name"] in codes:
                    allowed = codes[parameter["name"]]
                    if parameter["name"] == "treaty" and operation["operationId"] != "treaties":
                        allowed = [*allowed, RECIPROCITY]
                    parameter["schema"] = _limited(parameter["schema"], allowed)
    return document


def _limit(schema: dict, allowed: list[str]) -> None:
    """Sets the enum of a (possibly nullable) string schema in place; a PATCH's empty default is no code."""
    schema.pop("pattern", None)
    schema.pop("default", None)
    schema["enum"] = [*allowed, None] if schema.get("nullable") else list(allowed)


def _limited(schema: dict, allowed: list[str]) -> dict:
    """A parameter's schema, or its array's items, limited to `allowed`."""
    schema = {**schema}
    if schema.get("type") == "array":
        schema["items"] = {**schema["items"]}
        _limit(schema["items"], allowed)
    else:
        _limit(schema, allowed)
    return schema


def _views() -> dict:
    """The API's view functions by (OpenAPI path, method)."""
    from flask import current_app

    found = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = rule.rule.removeprefix("/api/v1")
        for converter in ("int:", "string:", "path:"):
            path = path.replace(f"<{converter}", "<")
        path = path.replace("<", "{").replace(">", "}")
        for method in rule.methods or ():
            found[(path, method)] = current_app.view_functions[rule.endpoint]
    return found


def document() -> dict:
    """The whole description, with the codes of the reference data the register holds now."""
    from tracker.web.api import openapi_more  # reports, deadlines, exports, the import and the audit log

    return _with_codes({
        "openapi": "3.0.3",
        "info": {"title": "MLA Tracker API", "version": "1",
                 "description": "Outgoing MLA requests, extradition requests and transfers of proceedings. Authenticate with "
                                "`Authorization: Bearer TOKEN` (flask --app tracker users token EMAIL). "
                                "Errors are problem details (RFC 9457, application/problem+json); messages and names "
                                "follow Accept-Language (kk, ru, en), and Content-Language says which was used. "
                                "Every change carries the version read (If-Match or `version`).",
                 "contact": {"name": "MLA Tracker administrators of the office"}},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "tags": [{"name": name, "description": text} for name, text in TAG_DESCRIPTIONS.items()],
        "paths": _finish(_paths() | openapi_more.paths() | {path: item for module in PAPERWORK
                                                             for path, item in module.openapi_paths().items()}),
        "components": {"schemas": _model_schemas(),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    })
