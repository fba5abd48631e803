"""The API's documents of a request: several uploaded at once (multipart), the list, and one document's content."""
import hashlib
import io
from datetime import date, datetime
from functools import wraps
from typing import Annotated, Literal

from flask import current_app, g, jsonify, request, send_file, url_for
from flask_babel import gettext as _
from pydantic import Field
from werkzeug.exceptions import RequestEntityTooLarge

from tracker import clock, labels, models
from tracker.domain import limits
from tracker.domain.access import MASK
from tracker.domain.attachments import EXTENSIONS, AttachmentKind
from tracker.domain.people import can_edit_request
from tracker.extensions import db
from tracker.services import attachments as service
from tracker.services import queries
from tracker.services.attachment_store import current_store
from tracker.services.attachments import NewDocument
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.api import ApiError, bp
from tracker.web.api.idempotency import idempotent
from tracker.web.api.body_reading import validate
from tracker.web.api.schemas import Answer, Body, Day, OneOf, Text, answer
from tracker.web.api.serialize import iso, moment
from tracker.web.api.views import _permit, _run
from tracker.web.downloads import attachment_disposition

DOCUMENT_KINDS = tuple(kind.value for kind in AttachmentKind)
MEDIA_TYPES = tuple(EXTENSIONS)
# The fields of an upload beside its files; an empty value is the same as a field not sent, as browsers send them.
FIELDS = ("kind", "language", "note", "document_date", "event")


class AttachmentFields(Body):
    """What an upload says of its documents (the same for every file of the upload)."""

    kind: OneOf(DOCUMENT_KINDS)
    language: Text(2, "ISO 639-1 code of the documents' language") = ""
    note: Text(limits.NOTE) = ""
    document_date: Annotated[Day | None, Field(description="The documents' own date, not in the future")] = None
    event: Annotated[int | None, Field(ge=1, le=2147483647)] = None


class Attachment(Answer):
    """A document of a request. The administrator's token gets no personal data: the mask in place of its file name
    and note, and no `content` link."""

    id: int
    filename: Annotated[str, Field(description="The name it is downloaded under, cleaned of paths; it ends with an "
                                               "extension of its real type")]
    kind: Literal[DOCUMENT_KINDS]
    size: Annotated[int, Field(ge=0, description="In bytes")]
    sha256: Annotated[str, Field(description="The content's SHA-256, hexadecimal; also the download's ETag")]
    media_type: Annotated[Literal[MEDIA_TYPES], Field(description="The type read from the content, never the one "
                                                                  "the sender claimed")]
    language: Annotated[str, Field(description="ISO 639-1 code; empty when not said")]
    document_date: date | None
    note: str
    event: Annotated[int | None, Field(description="The history entry the document belongs to")]
    uploaded_at: Annotated[datetime, Field(description="UTC, with its offset")]
    uploaded_by: Annotated[str, Field(description="Email of who uploaded it")]
    removed_at: Annotated[datetime | None, Field(description="When a supervisor withdrew it (a history entry "
                                                             "says why); its content is no longer served")]
    content: Annotated[str | None, Field(description="Where its bytes are downloaded; null when withdrawn or for "
                                                     "a caller without personal data")]


class AttachmentList(Answer):
    """A request's documents, oldest first, withdrawn ones included."""

    items: list[Attachment]


ANSWERS = ["Attachment", "AttachmentList"]


@bp.url_value_preprocessor
def _upload_limit(endpoint, _values):
    """Lets an upload be as large as ATTACHMENT_UPLOAD_MAX_BYTES (several documents at once) rather than
    MAX_CONTENT_LENGTH. Set here because URL preprocessors run before every before_request hook, and one of those
    (tracker/web/params.py) reads the form to refuse NUL characters; a larger body answers 413 there."""
    if endpoint == "api.add_attachments":
        request.max_content_length = current_app.config["ATTACHMENT_UPLOAD_MAX_BYTES"]


def _with_upload_limit(view):
    """Answers an upload over the limit (found when the view reads it) as 413 naming the field `file`."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except RequestEntityTooLarge:
            raise ApiError(413, _("The upload is larger than the register accepts at once; send fewer files."),
                           {"file": str(labels.error_message("file_too_large"))}) from None
    return wrapper


@bp.post("/requests/<int:request_id>/attachments")
@_with_upload_limit
@idempotent
def add_attachments(request_id):
    """Keeps one or several documents of a request (multipart/form-data, each file in a part named `file`), all or
    none; the type is read from the content. One file answers its document, several `{"items": [...]}`."""
    item = _visible_request(request_id)
    _permit(can_edit_request(g.api_user.role, g.api_user.id, item.owner_id))
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, _("Send the documents as multipart/form-data, each file in a part named “file”."))
    files = _files()
    values = _fields(item)
    kept = _run(lambda: service.add_attachments(g.api_user, item, files, now=clock.now(), **values))
    db.session.commit()
    access = current_access()
    if len(kept) == 1:
        response = jsonify(answer(Attachment, _attachment_json(kept[0], access)))
        response.headers["Location"] = url_for("api.attachment_content", attachment_id=kept[0].id)
    else:
        response = jsonify(answer(AttachmentList, {"items": [_attachment_json(one, access) for one in kept]}))
        response.headers["Location"] = url_for("api.attachments", request_id=request_id)
    response.status_code = 201
    return response


@bp.get("/requests/<int:request_id>/attachments")
def attachments(request_id):
    """The request's documents, oldest first, withdrawn ones included with when; logged as a read of the request."""
    item = _visible_request(request_id)
    access = current_access()
    body = answer(AttachmentList, {"items": [_attachment_json(one, access) for one in service.attachments_of(item)]})
    log_personal_data_read("api", request_id=request_id)
    return jsonify(body)


@bp.get("/attachments/<int:attachment_id>/content")
def attachment_content(attachment_id):
    """A document's bytes, of the type read from them when it was kept; every download is logged. A withdrawn
    document is not served (404); the administrator, who reads no personal data, gets 403."""
    access = current_access()
    _permit(access.personal_data)
    document = db.session.get(models.Attachment, attachment_id)
    if document is None or queries.live_request(document.request_id, access) is None:
        raise ApiError(404, _("There is no such document."))
    if document.removed_at is not None:
        raise ApiError(404, _("This document was withdrawn from the request."))
    digest, media_type, filename = document.sha256, document.media_type, document.filename
    content = _content_of(document)
    log_personal_data_read("api", request_id=document.request_id)
    # Read whole (a document is at most ATTACHMENT_MAX_BYTES): no file stays open for a client that never finishes.
    response = send_file(io.BytesIO(content), mimetype=media_type, as_attachment=True, download_name=filename,
                         etag=digest, conditional=False, max_age=None)
    # The type was read from the content: a browser must not guess another one from it.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = attachment_disposition(filename)
    return response


def _content_of(document: models.Attachment) -> bytes:
    """The document's bytes as stored; 404 when its file is missing or no longer has its SHA-256, which is logged for
    the administrator (flask attachments check, then restore)."""
    try:
        with current_store().open(document.sha256) as file:
            content = file.read()
    except FileNotFoundError:
        content = None
    if content is None or hashlib.sha256(content).hexdigest() != document.sha256:
        current_app.logger.error("the file of document %s (%s) is missing or changed", document.id, document.sha256)
        raise ApiError(404, _("The document's file is missing or damaged; tell the administrator."))
    return content


def _visible_request(request_id: int):
    """A live request the caller may see, or 404: the need-to-know of GET /requests/{id}."""
    item = queries.live_request(request_id, current_access())
    if item is None:
        raise ApiError(404, _("There is no such request."))
    return item


def _files() -> list[NewDocument]:
    """The parts named `file`, each read up to one byte more than a document may hold: a larger one answers 413
    without being read to its end."""
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    uploads = request.files.getlist("file")
    unknown = {name: _("Unknown field.") for name in {*request.form, *request.files} if name not in ("file", *FIELDS)}
    if unknown:
        raise ApiError(422, _("Some fields are not valid."), unknown)
    files = []
    for upload in uploads:
        content = upload.stream.read(limit + 1)
        if len(content) > limit:
            raise ApiError(413, _("A file is larger than the register accepts for one document; nothing was kept."),
                           {"file": str(labels.error_message("file_too_large"))})
        files.append(NewDocument(upload.filename or "", content))
    return files


def _fields(item) -> dict:
    """The upload's description as the service takes it, or 422 naming each bad field."""
    form = request.form
    repeated = {name: _("Give this field once.") for name in FIELDS if len(form.getlist(name)) > 1}
    if repeated:
        raise ApiError(422, _("Some fields are not valid."), repeated)
    parsed, errors = validate(AttachmentFields, {name: form[name] for name in FIELDS if form.get(name, "") != ""})
    if errors:
        raise ApiError(422, _("Some fields are not valid."), errors)
    values = parsed.model_dump()
    event = None
    if values.pop("event") is not None:
        event = db.session.get(models.RequestEvent, parsed.event)
        if event is None or event.request_id != item.id:
            raise ApiError(422, _("Some fields are not valid."), {"event": str(labels.error_message("unknown_event"))})
    return values | {"event": event}


def _attachment_json(document: models.Attachment, access) -> dict:
    """One document as the caller may read it: without personal data, its name and note masked and no link."""
    personal = access.personal_data
    served = personal and document.removed_at is None
    return {
        "id": document.id, "filename": document.filename if personal else MASK, "kind": document.kind.value,
        "size": document.size, "sha256": document.sha256, "media_type": document.media_type,
        "language": document.language, "document_date": iso(document.document_date),
        "note": document.note if personal or not document.note else MASK, "event": document.event_id,
        "uploaded_at": moment(document.uploaded_at), "uploaded_by": document.uploaded_by.email,
        "removed_at": moment(document.removed_at),
        "content": url_for("api.attachment_content", attachment_id=document.id) if served else None,
    }


def openapi_paths() -> dict:
    """This module's operations, as the OpenAPI description lists them."""
    # Imported here: the description's module imports this one for its answer models.
    from tracker.web.api.openapi import ID_PARAMETER, _errors, _json, _ref

    document = {"allOf": [_ref("Attachment")], "description": "One file: its document"}
    several = {"allOf": [_ref("AttachmentList")], "description": "Several files: their documents, in the order sent"}
    upload = {"type": "object", "required": ["file", "kind"], "properties": {
        "file": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"},
                 "description": "One or several parts named `file`. PDF, DOCX, XLSX, ODT, JPEG, PNG or TIFF, "
                                "told by the content; at most ATTACHMENT_MAX_BYTES each (25 MB by default)"},
        "kind": {"type": "string", "enum": list(DOCUMENT_KINDS)},
        "language": {"type": "string", "pattern": "^([a-z]{2})?$", "description": "ISO 639-1 code"},
        "note": {"type": "string", "maxLength": limits.NOTE},
        "document_date": {"type": "string", "format": "date", "description": "Not in the future"},
        "event": {"type": "integer", "minimum": 1, "maximum": 2147483647,
                  "description": "The id of a history entry of this request the documents belong to"}}}
    # The answer's Content-Type is always the document's own `media_type`; application/octet-stream is listed last
    # only for client generators, which read no other of these types as bytes.
    content_types = {media_type: {"schema": {"type": "string", "format": "binary"}}
                     for media_type in (*MEDIA_TYPES, "application/octet-stream")}
    return {
        "/requests/{request_id}/attachments": {
            "parameters": [ID_PARAMETER],
            "get": {"operationId": "attachments", "tags": ["Documents"], "summary": "A request's documents",
                    "responses": {"200": {"description": "Its documents, oldest first", **_json(_ref("AttachmentList"))},
                                  **_errors(401, 404)}},
            "post": {"operationId": "addAttachments", "tags": ["Documents"], "summary": "Upload documents of a request",
                     "requestBody": {"required": True, "content": {"multipart/form-data": {
                         "schema": upload, "encoding": {"file": {"contentType": "application/octet-stream"}}}}},
                     "responses": {
                         "201": {"description": "Kept", **_json({"oneOf": [document, several]}), "headers": {
                             "Location": {"description": "One file: where its content is; several: the list",
                                          "schema": {"type": "string"}}}},
                         **_errors(400, 401, 403, 404, 415),
                         "413": {**_errors(413)["413"], "description": "The upload is larger than "
                                 "ATTACHMENT_UPLOAD_MAX_BYTES, or one file larger than ATTACHMENT_MAX_BYTES; "
                                 "nothing was kept"},
                         "422": {**_errors(422)["422"], "description": "A field is not valid, or a file is not "
                                 "a kept type (`errors.file`); nothing was kept"}}}},
        "/attachments/{attachment_id}/content": {
            "parameters": [{"name": "attachment_id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}],
            "get": {"operationId": "attachmentContent", "summary": "Download a document",
                    "responses": {
                        "200": {"description": "The bytes, as an attachment with the document's file name; the "
                                               "Content-Type is the document's `media_type`",
                                "content": content_types, "headers": {
                                    "ETag": {"description": "The content's SHA-256, quoted",
                                             "schema": {"type": "string"}},
                                    "Content-Disposition": {"description": "attachment; filename=...",
                                                            "schema": {"type": "string"}}}},
                        **_errors(401, 403),
                        "404": {**_errors(404)["404"], "description": "No such document of a request the caller "
                                "sees, or it was withdrawn"}}}},
    }
